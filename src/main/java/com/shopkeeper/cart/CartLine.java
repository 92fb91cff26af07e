package com.shopkeeper.cart;

import com.shopkeeper.catalog.Product;
import com.shopkeeper.money.Money;
import java.util.List;

/** One line of a cart with its product as it is now: the price is the catalog's, never a stored one. */
public record CartLine(Product product, int quantity) {

    public Money total() {
        return product.price().times(quantity);
    }

    /** What the lines come to; null for no lines. */
    public static Money total(List<CartLine> lines) {
        Money sum = null;
        for (CartLine l : lines) {
            sum = sum == null ? l.total() : sum.plus(l.total());
        }
        return sum;
    }

    public static int units(List<CartLine> lines) {
        return lines.stream().mapToInt(CartLine::quantity).sum();
    }
}
