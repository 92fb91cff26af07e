package com.shopkeeper.catalog.search;

import java.util.Collection;
import java.util.List;

/**
 * The full-text side of search, one implementation per database engine (SQLite FTS5 with BM25,
 * PostgreSQL tsvector), picked by the jOOQ dialect in {@link SearchConfig}.
 */
interface KeywordIndex {

    /** Replaces the index rows of these products. Runs in the caller's transaction. */
    void upsert(Collection<ProductText> products);

    void remove(Collection<String> productIds);

    /**
     * Live products matching the groups, best first. {@code all}: every group must match (a
     * group matches when any of its alternatives does); otherwise any group may.
     */
    List<Scored> search(List<ParsedQuery.Group> groups, boolean all, SearchFilter filter, int limit);

    /** Live products that have no index row (after a crash, or rows written before this index existed). */
    List<String> unindexedProductIds();

    long size();

    /** Refreshes the query planner's statistics after a bulk change; a no-op where the engine keeps them itself. */
    default void refreshStatistics() {
    }
}
