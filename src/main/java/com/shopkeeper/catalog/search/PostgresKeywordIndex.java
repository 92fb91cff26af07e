package com.shopkeeper.catalog.search;

import static com.shopkeeper.db.Tables.PRODUCTS;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * PostgreSQL full-text search over the same prepared text (db/postgresql/V10): one weighted
 * tsvector per product, English stemming, ranked by ts_rank_cd. The table is not in the
 * generated jOOQ classes (they come from the SQLite schema), so it is named here; the tsvector
 * functions have no jOOQ API and are written as jOOQ templates with bound values.
 */
class PostgresKeywordIndex implements KeywordIndex {

    private static final int CHUNK = 500;
    private static final Table<?> FTS = DSL.table(DSL.name("product_fts"));
    private static final Field<String> PRODUCT_ID = DSL.field(DSL.name("product_fts", "product_id"), String.class);
    private static final Field<Object> DOCUMENT = DSL.field(DSL.name("product_fts", "document"), Object.class);

    private final DSLContext db;

    PostgresKeywordIndex(DSLContext db) {
        this.db = db;
    }

    @Override
    public void upsert(Collection<ProductText> products) {
        List<ProductText> all = List.copyOf(products);
        remove(all.stream().map(ProductText::productId).toList());
        for (int i = 0; i < all.size(); i += CHUNK) {
            var insert = db.insertInto(FTS, PRODUCT_ID, DOCUMENT);
            for (ProductText t : all.subList(i, Math.min(all.size(), i + CHUNK))) {
                insert = insert.values(DSL.val(t.productId()), document(t));
            }
            insert.execute();
        }
    }

    /** Weights as the BM25 columns in SQLite: A name and type, B categories and attributes, D description. */
    private static Field<Object> document(ProductText t) {
        return DSL.field("setweight(to_tsvector('english', {0}), 'A') || setweight(to_tsvector('english', {1}), 'A')"
                        + " || setweight(to_tsvector('english', {2}), 'B') || setweight(to_tsvector('english', {3}), 'B')"
                        + " || setweight(to_tsvector('english', {4}), 'D')", Object.class,
                DSL.val(t.name()), DSL.val(t.kind()), DSL.val(t.categories()), DSL.val(t.attributes()),
                DSL.val(t.description()));
    }

    @Override
    public void remove(Collection<String> productIds) {
        List<String> ids = List.copyOf(productIds);
        for (int i = 0; i < ids.size(); i += CHUNK) {
            db.deleteFrom(FTS).where(PRODUCT_ID.in(ids.subList(i, Math.min(ids.size(), i + CHUNK)))).execute();
        }
    }

    @Override
    public List<Scored> search(List<ParsedQuery.Group> groups, boolean all, SearchFilter filter, int limit) {
        String tsquery = tsquery(groups, all);
        if (tsquery.isEmpty()) {
            return List.of();
        }
        Field<Object> query = DSL.field("to_tsquery('english', {0})", Object.class, DSL.val(tsquery));
        Condition matches = DSL.condition("{0} @@ {1}", DOCUMENT, query);
        Field<Double> rank = DSL.field("ts_rank_cd('{0.1, 0.2, 0.4, 1.0}', {0}, {1})", Double.class, DOCUMENT, query);
        List<Scored> out = new ArrayList<>();
        db.select(PRODUCT_ID, rank).from(FTS)
                .join(PRODUCTS).on(PRODUCTS.ID.eq(PRODUCT_ID))
                .where(matches.and(SearchRepository.live(filter)))
                .orderBy(rank.desc())
                .limit(limit)
                .forEach(r -> out.add(new Scored(r.value1(), r.value2())));
        return out;
    }

    /** Only {@link Words} reach it (letters and digits), so no typed operator can. */
    static String tsquery(List<ParsedQuery.Group> groups, boolean all) {
        List<String> parts = new ArrayList<>();
        for (ParsedQuery.Group g : groups) {
            List<String> alternatives = new ArrayList<>();
            for (ParsedQuery.Alternative a : g.alternatives()) {
                if (a.words().isEmpty()) {
                    continue;
                }
                String phrase = String.join(" <-> ", a.words());
                alternatives.add(a.prefix() ? phrase + ":*" : phrase);
            }
            if (!alternatives.isEmpty()) {
                parts.add("(" + String.join(" | ", alternatives) + ")");
            }
        }
        return String.join(all ? " & " : " | ", parts);
    }

    @Override
    public List<String> unindexedProductIds() {
        return db.select(PRODUCTS.ID).from(PRODUCTS)
                .where(PRODUCTS.DELETED_AT.isNull(),
                        DSL.notExists(DSL.selectOne().from(FTS).where(PRODUCT_ID.eq(PRODUCTS.ID))))
                .fetch(PRODUCTS.ID);
    }

    @Override
    public long size() {
        return db.fetchCount(FTS);
    }
}
