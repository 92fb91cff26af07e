package com.shopkeeper.catalog;

import static com.shopkeeper.db.Tables.PRODUCT_IMPORTS;
import static com.shopkeeper.db.Tables.PRODUCT_IMPORT_ROWS;

import com.shopkeeper.db.tables.records.ProductImportRowsRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/**
 * The state of catalog imports in the database (db/common/V51): staged rows, the commit point,
 * who works on each and until when. Every method is one statement or two; callers hold the
 * transaction.
 */
@Repository
class ImportJournal {

    static final String STAGING = "STAGING";
    static final String PUBLISHING = "PUBLISHING";
    static final String DONE = "DONE";

    private final DSLContext db;
    private final Clock clock;

    ImportJournal(DSLContext db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    record StagedRow(int position, String draft) {
    }

    record Counts(int total, int created, int updated) {
    }

    void open(String id, int total, String owner, Duration lease) {
        Instant now = clock.instant();
        db.insertInto(PRODUCT_IMPORTS)
                .set(PRODUCT_IMPORTS.ID, id)
                .set(PRODUCT_IMPORTS.STATE, STAGING)
                .set(PRODUCT_IMPORTS.ROWS_TOTAL, total)
                .set(PRODUCT_IMPORTS.LEASE_OWNER, owner)
                .set(PRODUCT_IMPORTS.LEASE_UNTIL, now.plus(lease))
                .set(PRODUCT_IMPORTS.CREATED_AT, now)
                .execute();
    }

    void stage(String id, int firstPosition, List<String> drafts) {
        List<ProductImportRowsRecord> rows = new ArrayList<>(drafts.size());
        for (int i = 0; i < drafts.size(); i++) {
            rows.add(new ProductImportRowsRecord(id, firstPosition + i, drafts.get(i)));
        }
        db.batchInsert(rows).execute();
    }

    /** Extends the lease while {@code owner} still holds it; false when another instance took the import over. */
    boolean renew(String id, String owner, Duration lease) {
        return db.update(PRODUCT_IMPORTS)
                .set(PRODUCT_IMPORTS.LEASE_UNTIL, clock.instant().plus(lease))
                .where(PRODUCT_IMPORTS.ID.eq(id), PRODUCT_IMPORTS.LEASE_OWNER.eq(owner))
                .execute() == 1;
    }

    /**
     * The commit point: a fully staged import becomes PUBLISHING, unless another import holds the
     * publishing slot. On PostgreSQL two of these can pass the NOT EXISTS together; the unique slot
     * then refuses the second with an exception, which the caller takes as a "not now".
     */
    boolean startPublishing(String id, String owner, Duration lease) {
        var other = PRODUCT_IMPORTS.as("other");
        return db.update(PRODUCT_IMPORTS)
                .set(PRODUCT_IMPORTS.STATE, PUBLISHING)
                .set(PRODUCT_IMPORTS.PUBLISHING_SLOT, 1)
                .set(PRODUCT_IMPORTS.LEASE_UNTIL, clock.instant().plus(lease))
                .where(PRODUCT_IMPORTS.ID.eq(id), PRODUCT_IMPORTS.LEASE_OWNER.eq(owner),
                        PRODUCT_IMPORTS.STATE.eq(STAGING),
                        DSL.notExists(DSL.selectOne().from(other).where(other.PUBLISHING_SLOT.eq(1))))
                .execute() == 1;
    }

    /** The staged rows not yet applied, first {@code limit} in file order. */
    List<StagedRow> next(String id, int limit) {
        return db.select(PRODUCT_IMPORT_ROWS.POSITION, PRODUCT_IMPORT_ROWS.DRAFT)
                .from(PRODUCT_IMPORT_ROWS)
                .where(PRODUCT_IMPORT_ROWS.IMPORT_ID.eq(id))
                .orderBy(PRODUCT_IMPORT_ROWS.POSITION)
                .limit(limit)
                .fetch(r -> new StagedRow(r.value1(), r.value2()));
    }

    /** Rows up to {@code lastPosition} were applied to the products, in the same transaction as this. */
    void applied(String id, int lastPosition, int created, int updated) {
        db.deleteFrom(PRODUCT_IMPORT_ROWS)
                .where(PRODUCT_IMPORT_ROWS.IMPORT_ID.eq(id), PRODUCT_IMPORT_ROWS.POSITION.le(lastPosition))
                .execute();
        db.update(PRODUCT_IMPORTS)
                .set(PRODUCT_IMPORTS.CREATED, PRODUCT_IMPORTS.CREATED.plus(created))
                .set(PRODUCT_IMPORTS.UPDATED, PRODUCT_IMPORTS.UPDATED.plus(updated))
                .where(PRODUCT_IMPORTS.ID.eq(id))
                .execute();
    }

    Counts finish(String id) {
        db.update(PRODUCT_IMPORTS)
                .set(PRODUCT_IMPORTS.STATE, DONE)
                .setNull(PRODUCT_IMPORTS.PUBLISHING_SLOT)
                .set(PRODUCT_IMPORTS.FINISHED_AT, clock.instant())
                .where(PRODUCT_IMPORTS.ID.eq(id))
                .execute();
        return db.select(PRODUCT_IMPORTS.ROWS_TOTAL, PRODUCT_IMPORTS.CREATED, PRODUCT_IMPORTS.UPDATED)
                .from(PRODUCT_IMPORTS).where(PRODUCT_IMPORTS.ID.eq(id))
                .fetchOne(r -> new Counts(r.value1(), r.value2(), r.value3()));
    }

    /** Deletes an import that never reached its commit point, with its staged rows. */
    boolean discard(String id) {
        return db.deleteFrom(PRODUCT_IMPORTS)
                .where(PRODUCT_IMPORTS.ID.eq(id), PRODUCT_IMPORTS.STATE.eq(STAGING))
                .execute() == 1;
    }

    /** The import that holds the publishing slot, if any. */
    Optional<String> publishing() {
        return db.select(PRODUCT_IMPORTS.ID).from(PRODUCT_IMPORTS)
                .where(PRODUCT_IMPORTS.PUBLISHING_SLOT.eq(1))
                .fetchOptional(PRODUCT_IMPORTS.ID);
    }

    /** Imports in {@code state} whose owner has not renewed its lease in time. */
    List<String> expired(String state) {
        return db.select(PRODUCT_IMPORTS.ID).from(PRODUCT_IMPORTS)
                .where(PRODUCT_IMPORTS.STATE.eq(state), PRODUCT_IMPORTS.LEASE_UNTIL.lt(clock.instant()))
                .orderBy(PRODUCT_IMPORTS.CREATED_AT)
                .fetch(PRODUCT_IMPORTS.ID);
    }

    /** Takes over an import whose lease ran out; false when its owner renewed it or another took it first. */
    boolean takeOver(String id, String owner, Duration lease) {
        Instant now = clock.instant();
        return db.update(PRODUCT_IMPORTS)
                .set(PRODUCT_IMPORTS.LEASE_OWNER, owner)
                .set(PRODUCT_IMPORTS.LEASE_UNTIL, now.plus(lease))
                .where(PRODUCT_IMPORTS.ID.eq(id), PRODUCT_IMPORTS.LEASE_UNTIL.lt(now))
                .execute() == 1;
    }

    /** Deletes a STAGING import whose lease ran out: its caller had its answer (an error) long ago. */
    boolean discardExpired(String id) {
        return db.deleteFrom(PRODUCT_IMPORTS)
                .where(PRODUCT_IMPORTS.ID.eq(id), PRODUCT_IMPORTS.STATE.eq(STAGING),
                        PRODUCT_IMPORTS.LEASE_UNTIL.lt(clock.instant()))
                .execute() == 1;
    }
}
