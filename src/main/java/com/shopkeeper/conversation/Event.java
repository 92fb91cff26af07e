package com.shopkeeper.conversation;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What moves a conversation: the functions the LLM may call, and the outside events
 * (a payment provider or an admin). {@link #wireName()} is the function's name in tool schemas
 * and in the transition log.
 */
public enum Event {
    SEARCH_PRODUCTS("search_products", true),
    GET_PRODUCT_DETAILS("get_product_details", true),
    ADD_TO_CART("add_to_cart", true),
    VIEW_CART("view_cart", true),
    REMOVE_FROM_CART("remove_from_cart", true),
    /** Sets a cart line's quantity ("make that 3", "just one"): issue 14, item 2. */
    SET_QUANTITY("set_quantity", true),
    /** Empties the cart ("start over", "empty my cart"). */
    CLEAR_CART("clear_cart", true),
    CREATE_ORDER("create_order", true),
    GET_PAYMENT_LINK("get_payment_link", true),
    CHECK_ORDER_STATUS("check_order_status", true),
    /** A question about the shop itself (delivery, returns, hours, contact): answered from its settings. */
    ANSWER_SHOP_QUESTION("answer_shop_question", true),
    /** The shopper asks for a person from the shop ("can I talk to a human?"): the bot hands over (issue 16). */
    ASK_FOR_PERSON("ask_for_person", true),
    /** The bot failed the shopper twice in a row, or an admin took the conversation over: a person has it now. */
    HANDED_OVER("handed_over", false),
    /** An admin handed the conversation back: the bot speaks again, in the state the conversation came from. */
    HANDED_BACK("handed_back", false),
    /**
     * Puts the lines of a cart the shopper sent from the shop's WhatsApp catalog (an order message)
     * into their cart. A function of the machine like the others, but never offered to a model: only
     * the order message itself makes it (TransitionTable.Offer.NEVER).
     */
    ADD_LINES("add_lines", true),
    /** The provider confirmed the shopper's pending order as paid (signed webhook or polling). */
    PAYMENT_CONFIRMED("payment_confirmed", false),
    /** The pending payment expired or failed: the order is over, the cart is still there. */
    PAYMENT_EXPIRED("payment_expired", false),
    /** An admin cancelled the shopper's pending order. */
    ORDER_CANCELLED("order_cancelled", false);

    private final String wireName;
    private final boolean function;

    Event(String wireName, boolean function) {
        this.wireName = wireName;
        this.function = function;
    }

    public String wireName() {
        return wireName;
    }

    /**
     * True for the functions (the calls a shopper's turn makes, gated by the table and carried out
     * by the engine), false for outside events. Which functions a model may be offered is the
     * table's offered column: {@code TransitionTable.modelFunctions()}.
     */
    public boolean isFunction() {
        return function;
    }

    public static List<Event> functions() {
        return Arrays.stream(values()).filter(Event::isFunction).toList();
    }

    public static Optional<Event> ofWireName(String name) {
        return Arrays.stream(values()).filter(e -> e.wireName.equals(name)).findFirst();
    }
}
