package com.shopkeeper.cart;

import com.shopkeeper.catalog.Product;
import com.shopkeeper.money.Money;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A conversation's cart as it stands, priced from the catalog: its lines in the order they were
 * added, and what the engine asks of it (issue 14, item 7: the cart's arithmetic in one place, not
 * in the engine). Immutable: {@link #withAdded} answers the cart after an add without writing it.
 */
public record Cart(List<CartLine> lines) {

    public static final Cart EMPTY = new Cart(List.of());

    public Cart {
        lines = List.copyOf(lines);
    }

    public boolean isEmpty() {
        return lines.isEmpty();
    }

    public int size() {
        return lines.size();
    }

    /** How many units in all lines. */
    public int units() {
        return CartLine.units(lines);
    }

    /** What the lines come to; null for an empty cart. */
    public Money total() {
        return CartLine.total(lines);
    }

    public boolean allInStock() {
        return lines.stream().allMatch(l -> l.product().inStock());
    }

    public Optional<CartLine> line(String productId) {
        return lines.stream().filter(l -> l.product().id().equals(productId)).findFirst();
    }

    /** How many of the product the cart holds (0 when none). */
    public int quantityOf(String productId) {
        return line(productId).map(CartLine::quantity).orElse(0);
    }

    /** The cart after adding: the product's line grows where it stands, or a new line goes last. */
    public Cart withAdded(Product product, int quantity) {
        List<CartLine> after = new ArrayList<>(lines.size() + 1);
        boolean grown = false;
        for (CartLine line : lines) {
            if (line.product().id().equals(product.id())) {
                after.add(new CartLine(line.product(), line.quantity() + quantity));
                grown = true;
            } else {
                after.add(line);
            }
        }
        if (!grown) {
            after.add(new CartLine(product, quantity));
        }
        return new Cart(after);
    }
}
