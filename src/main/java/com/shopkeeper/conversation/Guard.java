package com.shopkeeper.conversation;

import java.util.function.Predicate;

/**
 * The conditions a transition may require. Each reads {@link Facts} that the engine gathered
 * before asking the machine, and names the reason a refusal gives the shopper.
 */
public enum Guard {
    NONE("", f -> true, null),
    PRODUCT_EXISTS("product exists", Facts::productExists, Refusal.PRODUCT_NOT_FOUND),
    CAN_ADD("in stock, 1 <= qty <= limit", f -> f.productExists() && f.productInStock() && f.quantityAllowed(),
            null),
    ITEM_IN_CART_OTHERS_REMAIN("item in cart, others remain", f -> f.itemInCart() && !f.removesLastItem(),
            Refusal.ITEM_NOT_IN_CART),
    ITEM_IN_CART_LAST("item in cart, it is the last", f -> f.itemInCart() && f.removesLastItem(),
            Refusal.ITEM_NOT_IN_CART),
    ITEM_IN_CART_QUANTITY("item in cart, 1 <= qty <= limit", f -> f.itemInCart() && f.quantityAllowed(), null),
    CART_NOT_EMPTY("cart not empty", Facts::cartNotEmpty, Refusal.CART_EMPTY),
    CART_READY("cart not empty, all in stock", f -> f.cartNotEmpty() && f.cartAllInStock(), null),
    ORDER_PENDING("order pending", Facts::orderPending, Refusal.NO_PENDING_ORDER),
    LINE_ADDABLE("a line is a known product in stock", Facts::lineAddable, Refusal.NOTHING_TO_ADD),
    // Handing back: to the state the conversation came from (one row each, so the picture shows every way back).
    CAME_FROM_BROWSING("came from BROWSING", f -> f.cameFrom() == State.BROWSING, Refusal.NOT_ALLOWED_NOW),
    CAME_FROM_PRODUCT_FOCUS("came from PRODUCT_FOCUS", f -> f.cameFrom() == State.PRODUCT_FOCUS, Refusal.NOT_ALLOWED_NOW),
    CAME_FROM_CART("came from CART", f -> f.cameFrom() == State.CART, Refusal.NOT_ALLOWED_NOW),
    CAME_FROM_CHECKOUT("came from CHECKOUT", f -> f.cameFrom() == State.CHECKOUT, Refusal.NOT_ALLOWED_NOW),
    CAME_FROM_AWAITING_PAYMENT("came from AWAITING_PAYMENT", f -> f.cameFrom() == State.AWAITING_PAYMENT, Refusal.NOT_ALLOWED_NOW);

    /** The guard of the row that hands a conversation back to {@code state}. */
    public static Guard cameFrom(State state) {
        return valueOf("CAME_FROM_" + state.name());
    }

    private final String label;
    private final Predicate<Facts> test;
    private final Refusal refusal;

    Guard(String label, Predicate<Facts> test, Refusal refusal) {
        this.label = label;
        this.test = test;
        this.refusal = refusal;
    }

    /** How the guard reads on a diagram and in the API. */
    public String label() {
        return label;
    }

    public boolean test(Facts facts) {
        return test.test(facts);
    }

    /** Why the guard failed, as precisely as the facts tell. */
    public Refusal refusal(Facts f) {
        if (refusal != null) {
            return refusal;
        }
        return switch (this) {
            case CAN_ADD -> !f.productExists() ? Refusal.PRODUCT_NOT_FOUND
                    : !f.productInStock() ? Refusal.OUT_OF_STOCK : Refusal.BAD_QUANTITY;
            case CART_READY -> !f.cartNotEmpty() ? Refusal.CART_EMPTY : Refusal.OUT_OF_STOCK;
            case ITEM_IN_CART_QUANTITY -> !f.itemInCart() ? Refusal.ITEM_NOT_IN_CART : Refusal.BAD_QUANTITY;
            default -> Refusal.NOT_ALLOWED_NOW;
        };
    }
}
