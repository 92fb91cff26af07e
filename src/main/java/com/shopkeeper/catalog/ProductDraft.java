package com.shopkeeper.catalog;

import com.shopkeeper.money.Money;
import java.util.List;
import java.util.Map;

/** What a shop owner writes: a product without its id and timestamps, already validated. */
public record ProductDraft(String sku,
                           String name,
                           String description,
                           Money price,
                           List<String> categories,
                           String imageUrl,
                           boolean inStock,
                           Map<String, Object> attributes) {

    public ProductDraft {
        description = description == null ? "" : description;
        categories = categories == null ? List.of() : List.copyOf(categories);
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }
}
