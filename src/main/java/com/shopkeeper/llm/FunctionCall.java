package com.shopkeeper.llm;

import com.shopkeeper.conversation.Event;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * A function call the model proposed, typed. Product references are what the shopper said
 * ("2", "the second one", "the blue one", a name or a sku); the engine resolves them against
 * the conversation's context.
 */
public sealed interface FunctionCall {

    Event event();

    /**
     * {@code query}: the product words; absent only in a refinement that names none ("any cheaper?",
     * "under 100"). {@code refine}: true when the message only changes the last search ("cheaper?",
     * "under 100", "in blue", "any others?") and names no product of its own; null when the model did
     * not say, and the engine decides from the words ({@code engine.Refinement}). {@code change}: how a
     * refinement moves away from the list shown, when it says so; null otherwise.
     */
    record SearchProducts(String query, String category, BigDecimal maxPrice, BigDecimal minPrice, Integer limit, Boolean refine,
                          Change change) implements FunctionCall {

        public SearchProducts(String query, String category, BigDecimal maxPrice, BigDecimal minPrice, Integer limit) {
            this(query, category, maxPrice, minPrice, limit, null, null);
        }

        public SearchProducts(String query, String category, BigDecimal maxPrice, BigDecimal minPrice, Integer limit, Boolean refine) {
            this(query, category, maxPrice, minPrice, limit, refine, null);
        }

        public Event event() {
            return Event.SEARCH_PRODUCTS;
        }

        /** Whether the call's own fields say it changes the last search: refine, a change, or a price limit. */
        public boolean refinesByItsFields() {
            return Boolean.TRUE.equals(refine) || change != null || maxPrice != null || minPrice != null;
        }
    }

    /** How a refinement changes the last list: cheaper or pricier than what was shown, or others than those shown. */
    enum Change {
        CHEAPER, PRICIER, OTHERS;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    record GetProductDetails(String productRef) implements FunctionCall {
        public Event event() {
            return Event.GET_PRODUCT_DETAILS;
        }
    }

    record AddToCart(String productRef, int quantity) implements FunctionCall {
        public Event event() {
            return Event.ADD_TO_CART;
        }
    }

    record ViewCart() implements FunctionCall {
        public Event event() {
            return Event.VIEW_CART;
        }
    }

    /** {@code quantity} null removes the whole line. */
    record RemoveFromCart(String productRef, Integer quantity) implements FunctionCall {
        public Event event() {
            return Event.REMOVE_FROM_CART;
        }
    }

    /** The line's new quantity, not how many more. */
    record SetQuantity(String productRef, int quantity) implements FunctionCall {
        public Event event() {
            return Event.SET_QUANTITY;
        }
    }

    record ClearCart() implements FunctionCall {
        public Event event() {
            return Event.CLEAR_CART;
        }
    }

    /** {@code topic}: delivery, returns, hours, contact, payment_methods or other. */
    record AnswerShopQuestion(String topic) implements FunctionCall {
        public Event event() {
            return Event.ANSWER_SHOP_QUESTION;
        }
    }

    record CreateOrder() implements FunctionCall {
        public Event event() {
            return Event.CREATE_ORDER;
        }
    }

    record GetPaymentLink() implements FunctionCall {
        public Event event() {
            return Event.GET_PAYMENT_LINK;
        }
    }

    /** The shopper wants a person from the shop. */
    record AskForPerson() implements FunctionCall {
        public Event event() {
            return Event.ASK_FOR_PERSON;
        }
    }

    record CheckOrderStatus() implements FunctionCall {
        public Event event() {
            return Event.CHECK_ORDER_STATUS;
        }
    }

    /**
     * The lines of a cart the shopper sent from the shop's WhatsApp catalog, by sku. Never a model's
     * call: only an order message makes it, so it has no tool schema and {@link FunctionCalls#parse}
     * refuses it.
     */
    record AddLines(java.util.List<Line> lines) implements FunctionCall {
        public AddLines {
            lines = java.util.List.copyOf(lines);
        }

        public Event event() {
            return Event.ADD_LINES;
        }

        /** A product by sku and how many of it, as the order said (the limit is applied where it is carried out). */
        public record Line(String sku, int quantity) {
        }
    }
}
