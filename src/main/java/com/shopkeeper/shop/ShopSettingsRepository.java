package com.shopkeeper.shop;

import static com.shopkeeper.db.Tables.SHOP_SETTINGS;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/** The admins' answers to shop questions, one row per topic. */
@Repository
class ShopSettingsRepository {

    record Row(Topic topic, String answer, Instant updatedAt, String updatedBy) {
    }

    private final DSLContext db;
    private final Clock clock;

    ShopSettingsRepository(DSLContext db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    Optional<String> answer(Topic topic) {
        return db.select(SHOP_SETTINGS.ANSWER).from(SHOP_SETTINGS).where(SHOP_SETTINGS.TOPIC.eq(topic.wireName()))
                .fetchOptional(SHOP_SETTINGS.ANSWER);
    }

    Map<Topic, Row> all() {
        Map<Topic, Row> rows = new EnumMap<>(Topic.class);
        db.selectFrom(SHOP_SETTINGS).forEach(r -> Topic.ofWireName(r.getTopic())
                .ifPresent(t -> rows.put(t, new Row(t, r.getAnswer(), r.getUpdatedAt(), r.getUpdatedBy()))));
        return rows;
    }

    /** Writes the answer, whether or not the topic had one (one statement on either engine). */
    void put(Topic topic, String answer, String by) {
        Instant now = clock.instant();
        db.insertInto(SHOP_SETTINGS, SHOP_SETTINGS.TOPIC, SHOP_SETTINGS.ANSWER, SHOP_SETTINGS.UPDATED_AT, SHOP_SETTINGS.UPDATED_BY)
                .values(topic.wireName(), answer, now, by)
                .onConflict(SHOP_SETTINGS.TOPIC).doUpdate()
                .set(SHOP_SETTINGS.ANSWER, answer).set(SHOP_SETTINGS.UPDATED_AT, now).set(SHOP_SETTINGS.UPDATED_BY, by)
                .execute();
    }

    boolean delete(Topic topic) {
        return db.deleteFrom(SHOP_SETTINGS).where(SHOP_SETTINGS.TOPIC.eq(topic.wireName())).execute() == 1;
    }
}
