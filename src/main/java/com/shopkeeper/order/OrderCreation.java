package com.shopkeeper.order;

import java.util.List;

/** What {@link OrderService#createFromCart} answers: an order, or a refusal the shopper can act on. */
public sealed interface OrderCreation {

    /**
     * A new order awaiting payment.
     *
     * @param supersededOrderId the pending order this one replaced (now CANCELLED), or null
     */
    record Created(Order order, String supersededOrderId) implements OrderCreation {
    }

    /**
     * Nothing was created and nothing changed.
     *
     * @param productIds the cart lines that caused the refusal (empty when the cart itself is the reason)
     */
    record Refused(Reason reason, String message, List<String> productIds) implements OrderCreation {
        public Refused {
            productIds = List.copyOf(productIds);
        }
    }

    enum Reason {
        EMPTY_CART,
        OUT_OF_STOCK,
        /** Deleted from the catalog since it was put in the cart. */
        PRODUCT_UNAVAILABLE,
        /** One order is paid in one currency. */
        MIXED_CURRENCIES
    }
}
