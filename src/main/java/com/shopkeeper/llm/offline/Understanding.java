package com.shopkeeper.llm.offline;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the offline NLU made of one message: the intent, its slots under the tool's argument names
 * ({@code query, category, max_price, min_price, limit, product, quantity}), a confidence in 0..1 and
 * which rule or fallback decided (for the evaluation's confusions, never shown to shoppers).
 */
record Understanding(Intent intent, Map<String, Object> slots, double confidence, String source) {

    Understanding {
        slots = Collections.unmodifiableMap(new LinkedHashMap<>(slots));
        confidence = Math.max(0, Math.min(1, confidence));
    }
}
