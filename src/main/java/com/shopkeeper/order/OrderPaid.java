package com.shopkeeper.order;

/** An order was paid (published in the paying transaction; listen after commit for side effects). */
public record OrderPaid(Order order) {
}
