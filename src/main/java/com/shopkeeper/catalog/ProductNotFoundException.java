package com.shopkeeper.catalog;

public class ProductNotFoundException extends RuntimeException {

    private final String productId;

    public ProductNotFoundException(String productId) {
        super("no such product");
        this.productId = productId;
    }

    public String productId() {
        return productId;
    }
}
