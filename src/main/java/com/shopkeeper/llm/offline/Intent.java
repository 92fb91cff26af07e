package com.shopkeeper.llm.offline;

import com.shopkeeper.conversation.Event;
import com.shopkeeper.llm.LlmReply;
import java.util.Optional;

/** What a message asks for: one of the functions, or a greeting, a request for help, or anything else. */
enum Intent {
    SEARCH_PRODUCTS(Event.SEARCH_PRODUCTS),
    GET_PRODUCT_DETAILS(Event.GET_PRODUCT_DETAILS),
    ADD_TO_CART(Event.ADD_TO_CART),
    VIEW_CART(Event.VIEW_CART),
    REMOVE_FROM_CART(Event.REMOVE_FROM_CART),
    CREATE_ORDER(Event.CREATE_ORDER),
    GET_PAYMENT_LINK(Event.GET_PAYMENT_LINK),
    CHECK_ORDER_STATUS(Event.CHECK_ORDER_STATUS),
    SET_QUANTITY(Event.SET_QUANTITY),
    CLEAR_CART(Event.CLEAR_CART),
    /** A question about the shop itself; its function answers it from the shop's settings. */
    SHOP_QUESTION(Event.ANSWER_SHOP_QUESTION),
    /** The shopper asks for a person from the shop. */
    ASK_FOR_PERSON(Event.ASK_FOR_PERSON),
    GREETING(null),
    HELP(null),
    OTHER(null);

    private final Event function;

    Intent(Event function) {
        this.function = function;
    }

    Optional<Event> function() {
        return Optional.ofNullable(function);
    }

    /** The name in {@link LlmReply#intent()}: the function's wire name, or greeting / help / other. */
    String wireName() {
        return switch (this) {
            case GREETING -> LlmReply.GREETING;
            case HELP -> LlmReply.HELP;
            case OTHER -> LlmReply.OTHER;
            case SHOP_QUESTION -> "shop_question";
            default -> function.wireName();
        };
    }

    static Optional<Intent> ofWireName(String name) {
        for (Intent i : values()) {
            if (i.wireName().equals(name)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }
}
