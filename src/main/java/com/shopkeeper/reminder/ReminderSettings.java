package com.shopkeeper.reminder;

import com.shopkeeper.messaging.NoticeProperties;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.stereotype.Service;

/**
 * The shop's reminder settings: an admin's value from the settings table, else the configuration's
 * ({@code shopkeeper.reminders.abandoned-cart.*}). Read at each poll, so a change applies on every
 * instance within a poll.
 */
@Service
class ReminderSettings {

    /** A shorter silence is a pause in the conversation, not an abandoned cart. */
    static final Duration SHORTEST_QUIET = Duration.ofMinutes(15);

    /** One setting as an admin sees it: the value in force and where it comes from. */
    @Schema(name = "ReminderSetting", description = "A reminder setting: the value in force and where it comes from")
    record Entry(String name, String value, Source source, Instant updatedAt, String updatedBy) {
    }

    enum Source { SETTINGS, CONFIGURATION }

    /** What the abandoned-cart poll goes by. */
    record AbandonedCarts(boolean enabled, Duration after) {
    }

    private final ReminderSettingsRepository settings;
    private final ReminderProperties props;
    private final NoticeProperties notices;

    ReminderSettings(ReminderSettingsRepository settings, ReminderProperties props, NoticeProperties notices) {
        this.settings = settings;
        this.props = props;
        this.notices = notices;
    }

    AbandonedCarts abandonedCarts() {
        Map<ReminderSetting, ReminderSettingsRepository.Row> rows = settings.all();
        var enabled = rows.get(ReminderSetting.ABANDONED_CART_REMINDERS);
        var after = rows.get(ReminderSetting.ABANDONED_AFTER);
        return new AbandonedCarts(enabled == null ? props.abandonedCart().enabled() : "on".equals(enabled.value()),
                after == null ? props.abandonedCart().after() : Duration.parse(after.value()));
    }

    List<Entry> all() {
        Map<ReminderSetting, ReminderSettingsRepository.Row> rows = settings.all();
        return Arrays.stream(ReminderSetting.values()).map(s -> entry(s, rows.get(s))).toList();
    }

    Entry get(ReminderSetting setting) {
        return entry(setting, settings.all().get(setting));
    }

    /**
     * Sets a value, as an admin wrote it ({@code on}/{@code off}; {@code 4h}, {@code 90m} or
     * {@code PT4H}), stored as it is shown.
     *
     * @throws IllegalArgumentException when the value is not one the setting takes
     */
    Entry put(ReminderSetting setting, String value, String by) {
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        String stored = switch (setting) {
            case ABANDONED_CART_REMINDERS -> switch (v) {
                case "on", "true" -> "on";
                case "off", "false" -> "off";
                default -> throw new IllegalArgumentException("abandoned-cart-reminders is on or off");
            };
            case ABANDONED_AFTER -> quiet(v).toString();
        };
        settings.put(setting, stored, by);
        return get(setting);
    }

    /** Removes the admin's value: the configuration's applies again. */
    Entry reset(ReminderSetting setting) {
        settings.delete(setting);
        return get(setting);
    }

    private Duration quiet(String value) {
        Duration d;
        try {
            d = DurationStyle.detectAndParse(value);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new IllegalArgumentException("abandoned-after is a duration such as 4h, 90m or PT4H");
        }
        // A cart reminded of after the window would never be sent: reminders go only inside it.
        if (d.compareTo(SHORTEST_QUIET) < 0 || d.compareTo(notices.serviceWindow()) >= 0) {
            throw new IllegalArgumentException("abandoned-after must be at least " + SHORTEST_QUIET.toMinutes()
                    + " minutes and shorter than the " + notices.serviceWindow().toHours() + "-hour window");
        }
        return d;
    }

    private Entry entry(ReminderSetting s, ReminderSettingsRepository.Row row) {
        if (row != null) {
            return new Entry(s.wireName(), row.value(), Source.SETTINGS, row.updatedAt(), row.updatedBy());
        }
        String configured = switch (s) {
            case ABANDONED_CART_REMINDERS -> props.abandonedCart().enabled() ? "on" : "off";
            case ABANDONED_AFTER -> props.abandonedCart().after().toString();
        };
        return new Entry(s.wireName(), configured, Source.CONFIGURATION, null, null);
    }
}
