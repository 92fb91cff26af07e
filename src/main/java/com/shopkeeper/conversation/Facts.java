package com.shopkeeper.conversation;

/**
 * What the guards need to know about one proposed call, gathered by the engine from the services
 * (read-only) before the machine decides. Facts that do not apply to the call are false.
 *
 * @param lineAddable of a catalog order's lines, at least one is a product we sell, in stock, with
 *                    room under the quantity limit
 */
public record Facts(boolean productExists,
                    boolean productInStock,
                    boolean quantityAllowed,
                    boolean itemInCart,
                    boolean removesLastItem,
                    boolean cartNotEmpty,
                    boolean cartAllInStock,
                    boolean orderPending,
                    boolean lineAddable,
                    State cameFrom) {

    public static final Facts NONE = new Facts(false, false, false, false, false, false, false, false, false, null);

    /** For handing a conversation back: the state it was in when a person took it. */
    public static Facts handingBackTo(State cameFrom) {
        return new Facts(false, false, false, false, false, false, false, false, false, cameFrom);
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private boolean productExists, productInStock, quantityAllowed, itemInCart, removesLastItem,
                cartNotEmpty, cartAllInStock, orderPending, lineAddable;

        public Builder productExists(boolean v) { productExists = v; return this; }
        public Builder productInStock(boolean v) { productInStock = v; return this; }
        public Builder quantityAllowed(boolean v) { quantityAllowed = v; return this; }
        public Builder itemInCart(boolean v) { itemInCart = v; return this; }
        public Builder removesLastItem(boolean v) { removesLastItem = v; return this; }
        public Builder cartNotEmpty(boolean v) { cartNotEmpty = v; return this; }
        public Builder cartAllInStock(boolean v) { cartAllInStock = v; return this; }
        public Builder orderPending(boolean v) { orderPending = v; return this; }
        public Builder lineAddable(boolean v) { lineAddable = v; return this; }

        public Facts build() {
            return new Facts(productExists, productInStock, quantityAllowed, itemInCart, removesLastItem,
                    cartNotEmpty, cartAllInStock, orderPending, lineAddable, null);
        }
    }
}
