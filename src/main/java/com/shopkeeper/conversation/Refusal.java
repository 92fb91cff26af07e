package com.shopkeeper.conversation;

/** Why a proposed call was refused; recorded in the transition log and turned into a helpful reply. */
public enum Refusal {
    NOT_ALLOWED_NOW("not_allowed_in_state"),
    PRODUCT_NOT_FOUND("product_not_found"),
    OUT_OF_STOCK("out_of_stock"),
    BAD_QUANTITY("bad_quantity"),
    ITEM_NOT_IN_CART("item_not_in_cart"),
    CART_EMPTY("cart_empty"),
    NO_PENDING_ORDER("no_pending_order"),
    /** Two or more products the shopper was shown fit what they said: asked which, nothing done. */
    AMBIGUOUS_PRODUCT("ambiguous_product"),
    /** A catalog order none of whose lines can go in the cart (unknown skus, out of stock, at the limit). */
    NOTHING_TO_ADD("nothing_to_add");

    private final String code;

    Refusal(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
