package com.shopkeeper.cart;

import com.shopkeeper.catalog.Product;
import com.shopkeeper.catalog.ProductService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/** A conversation's cart, priced from the catalog in two reads; a product deleted since drops out. */
@Service
public class Carts {

    private final CartRepository items;
    private final ProductService products;

    Carts(CartRepository items, ProductService products) {
        this.items = items;
        this.products = products;
    }

    /** The conversation's cart as it stands now. */
    public Cart of(String conversationId) {
        return new Cart(lines(conversationId));
    }

    public List<CartLine> lines(String conversationId) {
        List<CartItem> cart = items.items(conversationId);
        Map<String, Product> byId = products.findAll(cart.stream().map(CartItem::productId).toList()).stream()
                .collect(Collectors.toMap(Product::id, Function.identity()));
        List<CartLine> lines = new ArrayList<>();
        for (CartItem item : cart) {
            Product p = byId.get(item.productId());
            if (p != null) {
                lines.add(new CartLine(p, item.quantity()));
            }
        }
        return lines;
    }
}
