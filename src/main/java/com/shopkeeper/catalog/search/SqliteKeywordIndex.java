package com.shopkeeper.catalog.search;

import static com.shopkeeper.db.Tables.PRODUCTS;
import static com.shopkeeper.db.Tables.PRODUCT_FTS;
import static com.shopkeeper.db.Tables.PRODUCT_SEARCH_DOCS;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * SQLite FTS5 with BM25. The table (db/sqlite/V10) stems with Porter and has prefix indexes;
 * each product field is its own column so that BM25 weighs where a word matched.
 */
class SqliteKeywordIndex implements KeywordIndex {

    private static final int CHUNK = 500;
    /**
     * Rows per insert into the FTS table: six values a row, below the 999 bind values past which jOOQ
     * writes every value into the SQL text, which for long descriptions goes past SQLite's statement
     * limit (SQLITE_TOOBIG: an import of 500 products with 5,000-character descriptions failed).
     */
    private static final int FTS_ROWS = 999 / 6;
    private static final int ANY_WORD_CAP = 1000;
    private static final String DOC = "doc";
    private static final String SCORE = "score";

    /**
     * BM25 column weights, in table order (name, kind, categories, attributes, description): a word in the name or the product type says what the product is, in the
     * description only that it is mentioned. Tuned on the development queries (docs/search.md).
     */
    private static final Field<Double> BM25 = DSL.field("bm25({0}, 10.0, 8.0, 4.0, 4.0, 1.0)",
            Double.class, PRODUCT_FTS);
    /** FTS5 rows are addressed by rowid, which product_search_docs maps to product ids. */
    private static final Field<Long> ROWID = DSL.field(DSL.name("product_fts", "rowid"), Long.class);

    private final DSLContext db;

    SqliteKeywordIndex(DSLContext db) {
        this.db = db;
    }

    @Override
    public void upsert(Collection<ProductText> products) {
        List<ProductText> all = List.copyOf(products);
        Map<String, Long> docs = docIds(all.stream().map(ProductText::productId).toList());
        deleteRows(docs.values());
        List<String> fresh = all.stream().map(ProductText::productId).filter(id -> !docs.containsKey(id)).toList();
        for (List<String> chunk : chunks(fresh)) {
            var insert = db.insertInto(PRODUCT_SEARCH_DOCS, PRODUCT_SEARCH_DOCS.PRODUCT_ID);
            for (String id : chunk) {
                insert = insert.values(id);
            }
            insert.execute();
        }
        docs.putAll(docIds(fresh));
        for (List<ProductText> chunk : chunks(all, FTS_ROWS)) {
            var insert = db.insertInto(PRODUCT_FTS, ROWID, PRODUCT_FTS.NAME, PRODUCT_FTS.KIND,
                    PRODUCT_FTS.CATEGORIES, PRODUCT_FTS.ATTRIBUTES, PRODUCT_FTS.DESCRIPTION);
            for (ProductText t : chunk) {
                insert = insert.values(docs.get(t.productId()), t.name(), t.kind(), t.categories(), t.attributes(),
                        t.description());
            }
            insert.execute();
        }
    }

    @Override
    public void remove(Collection<String> productIds) {
        Map<String, Long> docs = docIds(List.copyOf(productIds));
        deleteRows(docs.values());
        for (List<Long> chunk : chunks(List.copyOf(docs.values()))) {
            db.deleteFrom(PRODUCT_SEARCH_DOCS).where(PRODUCT_SEARCH_DOCS.DOC_ID.in(chunk.stream().map(Long::intValue).toList()))
                    .execute();
        }
    }

    private Map<String, Long> docIds(List<String> productIds) {
        Map<String, Long> out = new HashMap<>();
        for (List<String> chunk : chunks(productIds)) {
            db.select(PRODUCT_SEARCH_DOCS.PRODUCT_ID, PRODUCT_SEARCH_DOCS.DOC_ID).from(PRODUCT_SEARCH_DOCS)
                    .where(PRODUCT_SEARCH_DOCS.PRODUCT_ID.in(chunk))
                    .forEach(r -> out.put(r.value1(), r.value2().longValue()));
        }
        return out;
    }

    private void deleteRows(Collection<Long> docIds) {
        for (List<Long> chunk : chunks(List.copyOf(docIds))) {
            db.deleteFrom(PRODUCT_FTS).where(ROWID.in(chunk)).execute();
        }
    }

    private static <T> List<List<T>> chunks(List<T> all) {
        return chunks(all, CHUNK);
    }

    private static <T> List<List<T>> chunks(List<T> all, int size) {
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += size) {
            out.add(all.subList(i, Math.min(all.size(), i + size)));
        }
        return out;
    }

    @Override
    public List<Scored> search(List<ParsedQuery.Group> groups, boolean all, SearchFilter filter, int limit) {
        String match = matchExpression(groups, all);
        if (match.isEmpty()) {
            return List.of();
        }
        Condition matches = DSL.condition("{0} MATCH {1}", PRODUCT_FTS, DSL.val(match));
        List<Scored> out = new ArrayList<>();
        if (!all && filter.isEmpty()) {
            // Any-word queries over common words match much of the shop. Ranking inside FTS5 first
            // and joining only the best spares a product lookup for each of thousands of matches.
            Table<?> best = DSL.select(ROWID.as(DOC), BM25.as(SCORE)).from(PRODUCT_FTS).where(matches)
                    .orderBy(BM25).limit(Math.max(limit, ANY_WORD_CAP)).asTable("best");
            Field<Long> doc = best.field(DOC, Long.class);
            Field<Double> score = best.field(SCORE, Double.class);
            db.select(PRODUCT_SEARCH_DOCS.PRODUCT_ID, score)
                    .from(best)
                    .join(PRODUCT_SEARCH_DOCS).on(PRODUCT_SEARCH_DOCS.DOC_ID.coerce(Long.class).eq(doc))
                    .join(PRODUCTS).on(PRODUCTS.ID.eq(PRODUCT_SEARCH_DOCS.PRODUCT_ID))
                    .where(SearchRepository.live(filter))
                    .orderBy(score)
                    .limit(limit)
                    .forEach(r -> out.add(new Scored(r.value1(), -r.value2())));
            return out;
        }
        db.select(PRODUCT_SEARCH_DOCS.PRODUCT_ID, BM25)
                .from(PRODUCT_FTS)
                .join(PRODUCT_SEARCH_DOCS).on(PRODUCT_SEARCH_DOCS.DOC_ID.coerce(Long.class).eq(ROWID))
                .join(PRODUCTS).on(PRODUCTS.ID.eq(PRODUCT_SEARCH_DOCS.PRODUCT_ID))
                .where(matches.and(SearchRepository.live(filter)))
                .orderBy(BM25)
                .limit(limit)
                // BM25 in FTS5 is negative, lower is better; callers expect higher is better.
                .forEach(r -> out.add(new Scored(r.value1(), -r.value2())));
        return out;
    }

    /**
     * An FTS5 query built only from {@link Words} (letters and digits), every word quoted, so no
     * typed operator, column filter or bracket can reach the parser.
     */
    static String matchExpression(List<ParsedQuery.Group> groups, boolean all) {
        List<String> parts = new ArrayList<>();
        for (ParsedQuery.Group g : groups) {
            List<String> alternatives = new ArrayList<>();
            for (ParsedQuery.Alternative a : g.alternatives()) {
                if (a.words().isEmpty()) {
                    continue;
                }
                String phrase = "\"" + String.join(" ", a.words()) + "\"";
                alternatives.add(a.prefix() ? phrase + " *" : phrase);
            }
            if (!alternatives.isEmpty()) {
                parts.add(alternatives.size() == 1 ? alternatives.getFirst() : "(" + String.join(" OR ", alternatives) + ")");
            }
        }
        return String.join(all ? " AND " : " OR ", parts);
    }

    @Override
    public List<String> unindexedProductIds() {
        return db.select(PRODUCTS.ID).from(PRODUCTS)
                .where(PRODUCTS.DELETED_AT.isNull(),
                        DSL.notExists(DSL.selectOne().from(PRODUCT_SEARCH_DOCS)
                                .where(PRODUCT_SEARCH_DOCS.PRODUCT_ID.eq(PRODUCTS.ID))))
                .fetch(PRODUCTS.ID);
    }

    /**
     * Without statistics SQLite guesses, and at 50k products it looks up products by id through
     * the (deleted_at, ...) index, reading every row: 30 ms instead of 0.1 for the ten products of
     * a result page. ANALYZE takes a fraction of a second; jOOQ has no statement for it.
     */
    @Override
    public void refreshStatistics() {
        db.query("ANALYZE products").execute();
    }

    @Override
    public long size() {
        return db.fetchCount(PRODUCT_SEARCH_DOCS);
    }
}
