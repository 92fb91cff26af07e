package com.shopkeeper.order;

/**
 * Published inside the transaction that moved an order. Listeners that talk to the outside world
 * (the shopper, a payment provider) should run after commit.
 *
 * @param order the order as it is now
 */
public record OrderStatusChanged(Order order, OrderStatus from, OrderStatus to, Cause cause) {

    public enum Cause {
        /** The shopper ordered again while this one was pending: they know, nobody needs telling. */
        SUPERSEDED,
        /** A payment provider (webhook, polling, the sandbox page) reported on the payment. */
        PAYMENT,
        /** The shopper cancelled on the pay page. */
        SHOPPER,
        /** The shop owner through the admin API. */
        ADMIN
    }

    /** Whether the shopper should hear about this change on their chat. */
    public boolean tellsShopper() {
        return cause != Cause.SUPERSEDED;
    }
}
