package com.shopkeeper.order;

import com.shopkeeper.money.Money;

/** A line of an order, with the unit price and name copied from the catalog when the order was made. */
public record OrderItem(String productId, String productName, int quantity, Money unitPrice) {

    public Money lineTotal() {
        return unitPrice.times(quantity);
    }
}
