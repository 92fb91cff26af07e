package com.shopkeeper.catalog.search;

/** A product id with a score from one ranker; higher is better. */
record Scored(String productId, double score) {
}
