package com.shopkeeper.shop;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The shop's answers to questions about itself (delivery, returns, hours, contact, payment
 * methods): an admin's answer from the settings, else the configuration's ({@link ShopAnswers}),
 * else none, and then a person from the shop answers. Read at each question, so an edit applies to
 * the next message on every instance.
 */
@Service
public class ShopSettings {

    /** Longer than this is a page, not a WhatsApp answer. */
    static final int MAX_ANSWER = 1000;

    /** One topic as an admin sees it: the answer in force and where it comes from. */
    public record Entry(String topic, String answer, Source source, Instant updatedAt, String updatedBy) {
    }

    public enum Source { SETTINGS, CONFIGURATION, NONE }

    private final ShopSettingsRepository settings;
    private final ShopAnswers configured;

    ShopSettings(ShopSettingsRepository settings, ShopAnswers configured) {
        this.settings = settings;
        this.configured = configured;
    }

    /** The answer to a question on {@code topic} (a wire name; anything else has none). */
    public Optional<String> answer(String topic) {
        return Topic.ofWireName(topic).flatMap(t -> settings.answer(t).or(() -> configured.answer(t)));
    }

    public List<Entry> all() {
        Map<Topic, ShopSettingsRepository.Row> rows = settings.all();
        return Arrays.stream(Topic.values()).map(t -> entry(t, rows.get(t))).toList();
    }

    public Entry get(Topic topic) {
        return entry(topic, settings.all().get(topic));
    }

    public Entry put(Topic topic, String answer, String by) {
        String a = answer == null ? "" : answer.strip();
        if (a.isEmpty() || a.length() > MAX_ANSWER) {
            throw new IllegalArgumentException("answer must be 1 to " + MAX_ANSWER + " characters");
        }
        settings.put(topic, a, by);
        return get(topic);
    }

    /** Removes the admin's answer: the configuration's applies again, or none. */
    public Entry reset(Topic topic) {
        settings.delete(topic);
        return get(topic);
    }

    private Entry entry(Topic t, ShopSettingsRepository.Row row) {
        if (row != null) {
            return new Entry(t.wireName(), row.answer(), Source.SETTINGS, row.updatedAt(), row.updatedBy());
        }
        return configured.answer(t).map(a -> new Entry(t.wireName(), a, Source.CONFIGURATION, null, null))
                .orElseGet(() -> new Entry(t.wireName(), null, Source.NONE, null, null));
    }
}
