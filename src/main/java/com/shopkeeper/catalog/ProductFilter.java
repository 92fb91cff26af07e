package com.shopkeeper.catalog;

/** Listing filters; null means "any". */
public record ProductFilter(String category, Boolean inStock) {

    public static ProductFilter none() {
        return new ProductFilter(null, null);
    }
}
