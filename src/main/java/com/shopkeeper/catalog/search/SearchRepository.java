package com.shopkeeper.catalog.search;

import static com.shopkeeper.db.Tables.PRODUCTS;
import static com.shopkeeper.db.Tables.PRODUCT_CATEGORIES;

import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/** The product rows search reads directly: ids, counts, and the filter conditions every ranker shares. */
@Repository
class SearchRepository {

    private final DSLContext db;

    SearchRepository(DSLContext db) {
        this.db = db;
    }

    List<String> liveProductIds() {
        return db.select(PRODUCTS.ID).from(PRODUCTS).where(PRODUCTS.DELETED_AT.isNull())
                .orderBy(PRODUCTS.ID).fetch(PRODUCTS.ID);
    }

    long countLive() {
        return db.fetchCount(PRODUCTS, PRODUCTS.DELETED_AT.isNull());
    }

    /** Products that pass the filters when the query names no product words: in stock first, newest first. */
    List<String> filtered(SearchFilter filter, int limit) {
        return db.select(PRODUCTS.ID).from(PRODUCTS)
                .where(live(filter))
                .orderBy(PRODUCTS.IN_STOCK.desc(), PRODUCTS.CREATED_AT.desc(), PRODUCTS.ID)
                .limit(limit)
                .fetch(PRODUCTS.ID);
    }

    /** Every category live products are filed under, at any level of their paths, in lower case. */
    java.util.Set<String> categories() {
        return new java.util.HashSet<>(db.selectDistinct(DSL.lower(PRODUCT_CATEGORIES.CATEGORY)).from(PRODUCT_CATEGORIES)
                .join(PRODUCTS).on(PRODUCTS.ID.eq(PRODUCT_CATEGORIES.PRODUCT_ID))
                .where(PRODUCTS.DELETED_AT.isNull())
                .fetch(0, String.class));
    }

    /** Live, and passing the filters: the condition both keyword engines add to their match. */
    static Condition live(SearchFilter filter) {
        Condition where = PRODUCTS.DELETED_AT.isNull();
        if (filter.inStock() != null) {
            where = where.and(PRODUCTS.IN_STOCK.eq(filter.inStock()));
        }
        if (filter.hasPrice()) {
            where = where.and(PRODUCTS.CURRENCY.eq(filter.currency()));
            if (filter.minMinor() != null) {
                where = where.and(PRODUCTS.PRICE_MINOR.ge(filter.minMinor()));
            }
            if (filter.maxMinor() != null) {
                where = where.and(PRODUCTS.PRICE_MINOR.le(filter.maxMinor()));
            }
        }
        if (filter.category() != null) {
            where = where.and(DSL.exists(DSL.selectOne().from(PRODUCT_CATEGORIES)
                    .where(PRODUCT_CATEGORIES.PRODUCT_ID.eq(PRODUCTS.ID),
                            DSL.lower(PRODUCT_CATEGORIES.CATEGORY).eq(filter.category()))));
        }
        return where;
    }
}
