package com.shopkeeper.catalog.search;

import static com.shopkeeper.db.Tables.PRODUCTS;
import static com.shopkeeper.db.Tables.PRODUCT_VECTORS;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/** Stored product vectors (float32, little-endian), so that a restart does not embed the catalog again. */
@Repository
class VectorRepository {

    private static final int CHUNK = 500;
    /**
     * Rows per insert: five values a row, below the 999 bind values past which jOOQ writes every
     * value into the SQL text, where 500 vectors (3 KB of hex each) would pass SQLite's 1 MB limit.
     */
    private static final int INSERT_ROWS = 999 / 5;

    record StoredVector(String productId, String textHash, float[] vector) {
    }

    private final DSLContext db;
    private final Clock clock;

    VectorRepository(DSLContext db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Every stored vector of this model for a live product, streamed: the whole catalog does not sit in one list. */
    void forEachLive(String model, Consumer<StoredVector> sink) {
        try (var cursor = db.select(PRODUCT_VECTORS.PRODUCT_ID, PRODUCT_VECTORS.TEXT_HASH, PRODUCT_VECTORS.VECTOR)
                .from(PRODUCT_VECTORS)
                .join(PRODUCTS).on(PRODUCTS.ID.eq(PRODUCT_VECTORS.PRODUCT_ID))
                .where(PRODUCT_VECTORS.MODEL.eq(model), PRODUCTS.DELETED_AT.isNull())
                .fetchSize(1000)
                .fetchLazy()) {
            cursor.forEach(r -> sink.accept(new StoredVector(r.value1(), r.value2(), decode(r.value3()))));
        }
    }

    void saveAll(String model, List<StoredVector> vectors) {
        Instant now = clock.instant();
        delete(vectors.stream().map(StoredVector::productId).toList());
        for (int i = 0; i < vectors.size(); i += INSERT_ROWS) {
            var insert = db.insertInto(PRODUCT_VECTORS, PRODUCT_VECTORS.PRODUCT_ID, PRODUCT_VECTORS.MODEL,
                    PRODUCT_VECTORS.TEXT_HASH, PRODUCT_VECTORS.VECTOR, PRODUCT_VECTORS.UPDATED_AT);
            for (StoredVector v : vectors.subList(i, Math.min(vectors.size(), i + INSERT_ROWS))) {
                insert = insert.values(v.productId(), model, v.textHash(), encode(v.vector()), now);
            }
            insert.execute();
        }
    }

    void delete(Collection<String> productIds) {
        List<String> ids = new ArrayList<>(productIds);
        for (int i = 0; i < ids.size(); i += CHUNK) {
            db.deleteFrom(PRODUCT_VECTORS)
                    .where(PRODUCT_VECTORS.PRODUCT_ID.in(ids.subList(i, Math.min(ids.size(), i + CHUNK))))
                    .execute();
        }
    }

    static byte[] encode(float[] vector) {
        ByteBuffer buffer = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(vector);
        return buffer.array();
    }

    static float[] decode(byte[] bytes) {
        float[] vector = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
        return vector;
    }
}
