package com.shopkeeper.catalog.search;

/** Which rankers answer: both fused (the default), the full-text index alone, or the vectors alone. */
public enum SearchMode {
    HYBRID, KEYWORD, SEMANTIC
}
