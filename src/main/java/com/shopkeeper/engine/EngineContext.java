package com.shopkeeper.engine;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The engine's working memory of one conversation, kept as JSON in {@code conversations.context}:
 * the products last shown, in the numbered order the shopper saw them (so "the second one"
 * resolves), and the last search.
 */
record EngineContext(List<String> shown, String lastQuery) {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final EngineContext EMPTY = new EngineContext(List.of(), null);

    EngineContext {
        shown = shown == null ? List.of() : List.copyOf(shown);
    }

    static EngineContext read(String json) {
        if (json == null || json.isBlank()) {
            return EMPTY;
        }
        try {
            // Read as a tree: Jackson's record binding constructs through a reflective slow path, and
            // this runs on every turn.
            JsonNode tree = JSON.readTree(json);
            List<String> shown = new ArrayList<>();
            tree.path("shown").forEach(id -> shown.add(id.asString()));
            JsonNode query = tree.path("lastQuery");
            return new EngineContext(shown, query.isString() ? query.asString() : null);
        } catch (JacksonException e) {
            return EMPTY; // an old or damaged context only costs the numbered list
        }
    }

    String write() {
        return JSON.writeValueAsString(this);
    }

    EngineContext withShown(List<String> productIds, String query) {
        return new EngineContext(productIds, query);
    }
}
