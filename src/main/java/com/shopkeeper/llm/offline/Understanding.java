package com.shopkeeper.llm.offline;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the offline NLU made of one message: the intent, its slots under the tool's argument names
 * ({@code query, category, max_price, min_price, limit, product, quantity}), a confidence in 0..1 and
 * which rule or fallback decided (for the evaluation's confusions, never shown to shoppers). {@code ask}:
 * when the request is understood but a detail it needs is a guess (how many is "a few"?), the
 * question to ask instead of acting; null when there is nothing to ask.
 */
record Understanding(Intent intent, Map<String, Object> slots, double confidence, String source, String ask) {

    Understanding {
        LinkedHashMap<String, Object> said = new LinkedHashMap<>(slots);
        // a pack's size was one word while the message was read ("set-of-4"), so no rule took its number for a count
        said.replaceAll((name, value) -> value instanceof String words && (name.equals("product") || name.equals("query"))
                ? Utterance.asSaid(words) : value);
        slots = Collections.unmodifiableMap(said);
        confidence = Math.max(0, Math.min(1, confidence));
    }

    Understanding(Intent intent, Map<String, Object> slots, double confidence, String source) {
        this(intent, slots, confidence, source, null);
    }
}
