package com.shopkeeper.catalog;

import java.util.Set;

/**
 * Published after a transaction that created, changed or deleted products commits, so that
 * derived data (the search index, vectors) follows. {@code bulk} marks an import.
 */
public record ProductsChanged(Set<String> upserted, Set<String> deleted, boolean bulk) {
}
