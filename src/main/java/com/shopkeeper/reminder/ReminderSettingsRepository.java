package com.shopkeeper.reminder;

import static com.shopkeeper.db.Tables.REMINDER_SETTINGS;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/** The admins' reminder settings, one row per setting they changed. */
@Repository
class ReminderSettingsRepository {

    record Row(ReminderSetting setting, String value, Instant updatedAt, String updatedBy) {
    }

    private final DSLContext db;
    private final Clock clock;

    ReminderSettingsRepository(DSLContext db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    Map<ReminderSetting, Row> all() {
        Map<ReminderSetting, Row> rows = new EnumMap<>(ReminderSetting.class);
        db.selectFrom(REMINDER_SETTINGS).forEach(r -> ReminderSetting.ofWireName(r.getName())
                .ifPresent(s -> rows.put(s, new Row(s, r.getValue(), r.getUpdatedAt(), r.getUpdatedBy()))));
        return rows;
    }

    /** Writes the value, whether or not the setting had one (one statement on either engine). */
    void put(ReminderSetting setting, String value, String by) {
        Instant now = clock.instant();
        db.insertInto(REMINDER_SETTINGS, REMINDER_SETTINGS.NAME, REMINDER_SETTINGS.VALUE, REMINDER_SETTINGS.UPDATED_AT,
                        REMINDER_SETTINGS.UPDATED_BY)
                .values(setting.wireName(), value, now, by)
                .onConflict(REMINDER_SETTINGS.NAME).doUpdate()
                .set(REMINDER_SETTINGS.VALUE, value).set(REMINDER_SETTINGS.UPDATED_AT, now)
                .set(REMINDER_SETTINGS.UPDATED_BY, by)
                .execute();
    }

    void delete(ReminderSetting setting) {
        db.deleteFrom(REMINDER_SETTINGS).where(REMINDER_SETTINGS.NAME.eq(setting.wireName())).execute();
    }
}
