package com.shopkeeper.catalog;

import com.shopkeeper.money.Money;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A product as the shop sells it. {@code categories} run from department to leaf. */
public record Product(String id,
                      String sku,
                      String name,
                      String description,
                      Money price,
                      List<String> categories,
                      String imageUrl,
                      boolean inStock,
                      Map<String, Object> attributes,
                      Instant createdAt,
                      Instant updatedAt) {

    public Product {
        categories = List.copyOf(categories);
        attributes = Map.copyOf(attributes);
    }
}
