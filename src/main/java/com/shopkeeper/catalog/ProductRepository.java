package com.shopkeeper.catalog;

import static com.shopkeeper.db.Tables.PRODUCTS;
import static com.shopkeeper.db.Tables.PRODUCT_CATEGORIES;

import com.shopkeeper.config.Ids;
import com.shopkeeper.config.RenderedOnce;
import com.shopkeeper.db.tables.records.ProductCategoriesRecord;
import com.shopkeeper.db.tables.records.ProductsRecord;
import com.shopkeeper.money.Money;
import com.shopkeeper.web.PageOf;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Products and their categories. Deleted products stay (orders point at them) but are never listed. */
@Repository
public class ProductRepository {

    /** SQLite allows 32k bind values per statement; stay well below for IN lists. */
    private static final int CHUNK = 500;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Object>> ATTRIBUTES = new TypeReference<>() { };

    private final DSLContext db;
    private final Clock clock;

    /** One product and its categories: most turns of a conversation read one (rendered once, {@link RenderedOnce}). */
    private final RenderedOnce byId;
    private final RenderedOnce categoriesById;

    ProductRepository(DSLContext db, Clock clock) {
        this.db = db;
        this.clock = clock;
        this.byId = RenderedOnce.of(db, db.selectFrom(PRODUCTS).where(PRODUCTS.ID.eq(DSL.param("id", PRODUCTS.ID))));
        this.categoriesById = RenderedOnce.of(db, db.selectFrom(PRODUCT_CATEGORIES)
                .where(PRODUCT_CATEGORIES.PRODUCT_ID.eq(DSL.param("id", PRODUCT_CATEGORIES.PRODUCT_ID)))
                .orderBy(PRODUCT_CATEGORIES.POSITION));
    }

    public Optional<Product> find(String id) {
        // Deleted rows are dropped here, not in SQL (see findAll).
        return byId.rows(db, PRODUCTS, DSL.val(id, PRODUCTS.ID)).fetchOptional()
                .filter(r -> r.getDeletedAt() == null)
                .map(r -> toProduct(r, categoriesById.rows(db, PRODUCT_CATEGORIES, DSL.val(id, PRODUCT_CATEGORIES.PRODUCT_ID))
                        .fetch(PRODUCT_CATEGORIES.CATEGORY)));
    }

    /** Live products with these ids, in the order of {@code ids}; unknown or deleted ids are skipped. */
    public List<Product> findAll(Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        if (ids.size() == 1) {
            return find(ids.iterator().next()).map(List::of).orElse(List.of());
        }
        Map<String, ProductsRecord> rows = new HashMap<>();
        for (List<String> chunk : chunks(List.copyOf(new LinkedHashSet<>(ids)))) {
            // Deleted rows are dropped here, not in SQL: with "deleted_at IS NULL" in the WHERE, SQLite
            // without fresh statistics picks the listing index and reads every product.
            db.selectFrom(PRODUCTS).where(PRODUCTS.ID.in(chunk))
                    .forEach(r -> {
                        if (r.getDeletedAt() == null) {
                            rows.put(r.getId(), r);
                        }
                    });
        }
        Map<String, List<String>> categories = categoriesOf(rows.keySet());
        List<Product> result = new ArrayList<>(rows.size());
        for (String id : new LinkedHashSet<>(ids)) {
            ProductsRecord r = rows.get(id);
            if (r != null) {
                result.add(toProduct(r, categories.getOrDefault(id, List.of())));
            }
        }
        return result;
    }

    /**
     * The names of the live products among {@code ids}: all a prompt's context needs, in one read,
     * without prices, categories or attributes.
     */
    public Map<String, String> names(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<String, String> names = new HashMap<>();
        for (List<String> chunk : chunks(List.copyOf(new LinkedHashSet<>(ids)))) {
            db.select(PRODUCTS.ID, PRODUCTS.NAME, PRODUCTS.DELETED_AT).from(PRODUCTS).where(PRODUCTS.ID.in(chunk))
                    .forEach(r -> {
                        if (r.value3() == null) {
                            names.put(r.value1(), r.value2());
                        }
                    });
        }
        return names;
    }

    public Optional<Product> findBySku(String sku) {
        return db.select(PRODUCTS.ID).from(PRODUCTS)
                .where(PRODUCTS.SKU.eq(sku), PRODUCTS.DELETED_AT.isNull())
                .fetchOptional(PRODUCTS.ID)
                .flatMap(this::find);
    }

    public PageOf<Product> list(ProductFilter filter, PageOf.Request page) {
        Condition where = PRODUCTS.DELETED_AT.isNull();
        if (filter.inStock() != null) {
            where = where.and(PRODUCTS.IN_STOCK.eq(filter.inStock()));
        }
        if (filter.category() != null && !filter.category().isBlank()) {
            where = where.and(DSL.exists(DSL.selectOne().from(PRODUCT_CATEGORIES)
                    .where(PRODUCT_CATEGORIES.PRODUCT_ID.eq(PRODUCTS.ID),
                            DSL.lower(PRODUCT_CATEGORIES.CATEGORY).eq(filter.category().trim().toLowerCase()))));
        }
        long total = db.fetchCount(PRODUCTS, where);
        List<ProductsRecord> rows = db.selectFrom(PRODUCTS).where(where)
                .orderBy(PRODUCTS.CREATED_AT, PRODUCTS.ID)
                .limit(page.size()).offset(page.offset())
                .fetch();
        Map<String, List<String>> categories = categoriesOf(rows.stream().map(ProductsRecord::getId).toList());
        List<Product> items = rows.stream()
                .map(r -> toProduct(r, categories.getOrDefault(r.getId(), List.of())))
                .toList();
        return new PageOf<>(items, total, page.page(), page.size());
    }

    public long count() {
        return db.fetchCount(PRODUCTS, PRODUCTS.DELETED_AT.isNull());
    }

    public Product insert(ProductDraft draft) {
        Instant now = clock.instant();
        ProductsRecord r = db.newRecord(PRODUCTS);
        r.setId(Ids.next());
        r.setCreatedAt(now);
        apply(r, draft, now);
        r.insert();
        writeCategories(Map.of(r.getId(), draft.categories()));
        return toProduct(r, draft.categories());
    }

    public Optional<Product> update(String id, ProductDraft draft) {
        ProductsRecord r = db.selectFrom(PRODUCTS)
                .where(PRODUCTS.ID.eq(id), PRODUCTS.DELETED_AT.isNull())
                .fetchOne();
        if (r == null) {
            return Optional.empty();
        }
        apply(r, draft, clock.instant());
        r.update();
        writeCategories(Map.of(id, draft.categories()));
        return Optional.of(toProduct(r, draft.categories()));
    }

    public boolean delete(String id) {
        Instant now = clock.instant();
        return db.update(PRODUCTS)
                .set(PRODUCTS.DELETED_AT, now)
                .set(PRODUCTS.UPDATED_AT, now)
                .set(PRODUCTS.SKU, (String) null) // frees the sku for a new product
                .where(PRODUCTS.ID.eq(id), PRODUCTS.DELETED_AT.isNull())
                .execute() == 1;
    }

    public record Upserted(Set<String> created, Set<String> updated) {
    }

    /**
     * Inserts the drafts, or updates the live product with the same sku. Batched; call inside
     * one transaction so that an import lands whole or not at all.
     */
    public Upserted upsertAll(List<ProductDraft> drafts) {
        Instant now = clock.instant();
        Map<String, String> idBySku = new HashMap<>();
        List<String> skus = drafts.stream().map(ProductDraft::sku).filter(s -> s != null).toList();
        for (List<String> chunk : chunks(skus)) {
            db.select(PRODUCTS.SKU, PRODUCTS.ID).from(PRODUCTS)
                    .where(PRODUCTS.SKU.in(chunk), PRODUCTS.DELETED_AT.isNull())
                    .forEach(row -> idBySku.put(row.value1(), row.value2()));
        }
        List<ProductsRecord> inserts = new ArrayList<>();
        List<ProductsRecord> updates = new ArrayList<>();
        Map<String, List<String>> categories = new LinkedHashMap<>();
        for (ProductDraft draft : drafts) {
            String existing = draft.sku() == null ? null : idBySku.get(draft.sku());
            ProductsRecord r = db.newRecord(PRODUCTS);
            if (existing == null) {
                r.setId(Ids.next());
                r.setCreatedAt(now);
                apply(r, draft, now);
                inserts.add(r);
            } else {
                r.setId(existing);
                apply(r, draft, now);
                r.changed(PRODUCTS.ID, false);
                updates.add(r);
            }
            categories.put(r.getId(), draft.categories());
        }
        for (List<ProductsRecord> chunk : chunks(inserts)) {
            db.batchInsert(chunk).execute();
        }
        for (List<ProductsRecord> chunk : chunks(updates)) {
            db.batchUpdate(chunk).execute();
        }
        writeCategories(categories);
        Set<String> created = new LinkedHashSet<>();
        inserts.forEach(r -> created.add(r.getId()));
        Set<String> updated = new LinkedHashSet<>();
        updates.forEach(r -> updated.add(r.getId()));
        return new Upserted(created, updated);
    }

    private void apply(ProductsRecord r, ProductDraft d, Instant now) {
        r.setSku(d.sku());
        r.setName(d.name());
        r.setDescription(d.description());
        r.setPriceMinor(d.price().minorUnits());
        r.setCurrency(d.price().currencyCode());
        r.setImageUrl(d.imageUrl());
        r.setInStock(d.inStock());
        r.setAttributes(JSON.writeValueAsString(d.attributes()));
        r.setUpdatedAt(now);
    }

    private void writeCategories(Map<String, List<String>> byProduct) {
        List<String> ids = List.copyOf(byProduct.keySet());
        for (List<String> chunk : chunks(ids)) {
            db.deleteFrom(PRODUCT_CATEGORIES).where(PRODUCT_CATEGORIES.PRODUCT_ID.in(chunk)).execute();
        }
        List<ProductCategoriesRecord> rows = new ArrayList<>();
        byProduct.forEach((id, cats) -> {
            List<String> distinct = List.copyOf(new LinkedHashSet<>(cats));
            for (int i = 0; i < distinct.size(); i++) {
                rows.add(new ProductCategoriesRecord(id, distinct.get(i), i));
            }
        });
        for (List<ProductCategoriesRecord> chunk : chunks(rows)) {
            db.batchInsert(chunk).execute();
        }
    }

    private Map<String, List<String>> categoriesOf(Collection<String> ids) {
        Map<String, List<String>> result = new HashMap<>();
        for (List<String> chunk : chunks(List.copyOf(ids))) {
            db.selectFrom(PRODUCT_CATEGORIES)
                    .where(PRODUCT_CATEGORIES.PRODUCT_ID.in(chunk))
                    .orderBy(PRODUCT_CATEGORIES.PRODUCT_ID, PRODUCT_CATEGORIES.POSITION)
                    .forEach(c -> result.computeIfAbsent(c.getProductId(), k -> new ArrayList<>()).add(c.getCategory()));
        }
        return result;
    }

    static Product toProduct(ProductsRecord r, List<String> categories) {
        return new Product(r.getId(), r.getSku(), r.getName(), r.getDescription(),
                Money.ofMinor(r.getPriceMinor(), r.getCurrency()), categories, r.getImageUrl(),
                r.getInStock(), JSON.readValue(r.getAttributes(), ATTRIBUTES), r.getCreatedAt(), r.getUpdatedAt());
    }

    private static <T> List<List<T>> chunks(List<T> all) {
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += CHUNK) {
            out.add(all.subList(i, Math.min(all.size(), i + CHUNK)));
        }
        return out;
    }
}
