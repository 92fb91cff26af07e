package com.shopkeeper.engine;

import com.shopkeeper.catalog.Product;
import com.shopkeeper.conversation.Event;
import com.shopkeeper.llm.ToolCall;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ids of the buttons and list rows the bot offers, and the calls they stand for (issue 16). A
 * tap comes back as its id and becomes its call at once, with no language understanding: the call
 * is still gated by the transition table like any other, so an old button tapped in a state that no
 * longer allows it is refused politely. Product taps name the product by id ({@link #BY_ID}), which
 * only ever resolves to that product.
 */
final class Tap {

    static final String PREFIX = "sk:";
    /** How a tap names a product in a call's {@code product} argument: {@code #<product id>}. */
    static final String BY_ID = "#";

    static final String CART = PREFIX + "cart";
    static final String CHECKOUT = PREFIX + "checkout";
    static final String PAY = PREFIX + "pay";
    static final String BROWSE = PREFIX + "browse";
    static final String STATUS = PREFIX + "status";
    static final String EMPTY_CART = PREFIX + "empty-cart";
    private static final String DETAILS = PREFIX + "details:";
    private static final String ADD = PREFIX + "add:";
    private static final String REMOVE = PREFIX + "remove:";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Tap() {
    }

    static String details(Product p) {
        return DETAILS + p.id();
    }

    static String add(Product p) {
        return ADD + p.id();
    }

    static String remove(Product p) {
        return REMOVE + p.id();
    }

    /** What a tap means: a call (with {@code callId}), the "keep browsing" answer, or empty for an id that is not ours. */
    sealed interface Meaning {
        record Call(ToolCall call) implements Meaning {
        }

        record KeepBrowsing() implements Meaning {
        }
    }

    static Optional<Meaning> of(String choice, String callId) {
        if (choice == null || !choice.startsWith(PREFIX)) {
            return Optional.empty();
        }
        return switch (choice) {
            case CART -> call(callId, Event.VIEW_CART, Map.of());
            case CHECKOUT -> call(callId, Event.CREATE_ORDER, Map.of());
            case PAY -> call(callId, Event.GET_PAYMENT_LINK, Map.of());
            case STATUS -> call(callId, Event.CHECK_ORDER_STATUS, Map.of());
            case EMPTY_CART -> call(callId, Event.CLEAR_CART, Map.of());
            case BROWSE -> Optional.of(new Meaning.KeepBrowsing());
            default -> {
                if (choice.startsWith(DETAILS)) {
                    yield product(callId, Event.GET_PRODUCT_DETAILS, choice.substring(DETAILS.length()), Map.of());
                }
                if (choice.startsWith(ADD)) {
                    yield product(callId, Event.ADD_TO_CART, choice.substring(ADD.length()), Map.of("quantity", 1));
                }
                if (choice.startsWith(REMOVE)) {
                    yield product(callId, Event.REMOVE_FROM_CART, choice.substring(REMOVE.length()), Map.of());
                }
                yield Optional.empty();
            }
        };
    }

    private static Optional<Meaning> product(String callId, Event event, String productId, Map<String, Object> more) {
        if (productId.isBlank()) {
            return Optional.empty();
        }
        Map<String, Object> args = new java.util.LinkedHashMap<>(more);
        args.put("product", BY_ID + productId);
        return call(callId, event, args);
    }

    private static Optional<Meaning> call(String callId, Event event, Map<String, Object> args) {
        return Optional.of(new Meaning.Call(new ToolCall(callId, event.wireName(), JSON.writeValueAsString(args))));
    }
}
