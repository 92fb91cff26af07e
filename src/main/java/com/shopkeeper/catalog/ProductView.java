package com.shopkeeper.catalog;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A product as the admin API answers it; the price is a decimal string, exact. */
record ProductView(String id, String sku, String name, String description, String price, String currency,
                   List<String> categories, String imageUrl, boolean inStock, Map<String, Object> attributes,
                   Instant createdAt, Instant updatedAt) {

    static ProductView of(Product p) {
        return new ProductView(p.id(), p.sku(), p.name(), p.description(), p.price().amount().toPlainString(),
                p.price().currencyCode(), p.categories(), p.imageUrl(), p.inStock(), p.attributes(),
                p.createdAt(), p.updatedAt());
    }
}
