package com.shopkeeper.engine;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The engine's working memory of one conversation, kept as JSON in {@code conversations.context}:
 * the products last shown, in the numbered order the shopper saw them (so "the second one"
 * resolves), and the last search with its filters, which a refinement ("cheaper?", "in blue") builds on.
 * {@code pendingAdd}: the quantity of an add that waits for the shopper to say which product (they
 * were asked "which one do you mean?"), else null; the answer completes it. {@code misses}: how many
 * turns in a row the bot could not make sense of (the second hands the shopper to a person).
 * {@code compared}: the products the last turn weighed against each other ("how does the first compare to
 * the second?"), none of them in focus; "add one" then asks which of them. {@code seen}: the products the
 * shopper last looked at one by one, latest first (a few): what they saw besides the list ("swap it for the
 * Sonique" after looking at the Sonique earlier). {@code listed}: the products of the lists before the last one,
 * latest first (a few lists' worth): "the Quincy one" after a search that showed other things, "the very first keyboard
 * you showed me". {@code pendingRemove}: a remove that waits for the shopper to say which line (they were asked "which one
 * do you mean?" of the lines a name fits): how many to take out, 0 for the whole line, else null. One waits at a time.
 */
record EngineContext(List<String> shown, String lastQuery, String lastCategory, BigDecimal lastMinPrice,
                     BigDecimal lastMaxPrice, Integer pendingAdd, int misses, List<String> compared, List<String> seen,
                     List<String> listed, Integer pendingRemove) {

    /** How many products looked at one by one are remembered. */
    static final int SEEN = 5;
    /** How many products of earlier lists are remembered (four lists of five). */
    static final int LISTED = 20;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final EngineContext EMPTY = new EngineContext(List.of(), null, null, null, null, null, 0, List.of(), List.of(), List.of(), null);

    EngineContext {
        shown = shown == null ? List.of() : List.copyOf(shown);
        compared = compared == null ? List.of() : List.copyOf(compared);
        seen = seen == null ? List.of() : List.copyOf(seen);
        listed = listed == null ? List.of() : List.copyOf(listed);
    }

    EngineContext(List<String> shown, String lastQuery, String lastCategory, BigDecimal lastMinPrice,
                  BigDecimal lastMaxPrice, Integer pendingAdd) {
        this(shown, lastQuery, lastCategory, lastMinPrice, lastMaxPrice, pendingAdd, 0, List.of(), List.of(), List.of(), null);
    }

    EngineContext withMisses(int count) {
        return count == misses ? this
                : new EngineContext(shown, lastQuery, lastCategory, lastMinPrice, lastMaxPrice, pendingAdd, count, compared, seen, listed, pendingRemove);
    }

    /** The products weighed against each other in the turn just taken; empty when it weighed none. */
    EngineContext withCompared(List<String> productIds) {
        return productIds.equals(compared) ? this
                : new EngineContext(shown, lastQuery, lastCategory, lastMinPrice, lastMaxPrice, pendingAdd, misses, productIds, seen, listed, pendingRemove);
    }

    /** {@code productId} looked at: first among those seen, once; null changes nothing. */
    EngineContext withSeen(String productId) {
        if (productId == null || !seen.isEmpty() && seen.getFirst().equals(productId)) {
            return this;
        }
        List<String> latest = new ArrayList<>(SEEN);
        latest.add(productId);
        seen.stream().filter(id -> !id.equals(productId)).limit(SEEN - 1).forEach(latest::add);
        return new EngineContext(shown, lastQuery, lastCategory, lastMinPrice, lastMaxPrice, pendingAdd, misses, compared, latest, listed, pendingRemove);
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
            JsonNode pending = tree.path("pendingAdd");
            JsonNode pendingRemove = tree.path("pendingRemove");
            List<String> compared = new ArrayList<>();
            tree.path("compared").forEach(id -> compared.add(id.asString()));
            List<String> seen = new ArrayList<>();
            tree.path("seen").forEach(id -> seen.add(id.asString()));
            List<String> listed = new ArrayList<>();
            tree.path("listed").forEach(id -> listed.add(id.asString()));
            return new EngineContext(shown, text(tree, "lastQuery"), text(tree, "lastCategory"),
                    decimal(tree, "lastMinPrice"), decimal(tree, "lastMaxPrice"), pending.isInt() ? pending.intValue() : null,
                    tree.path("misses").asInt(0), compared, seen, listed, pendingRemove.isInt() ? pendingRemove.intValue() : null);
        } catch (JacksonException e) {
            return EMPTY; // an old or damaged context only costs the numbered list
        }
    }

    private static String text(JsonNode tree, String field) {
        JsonNode n = tree.path(field);
        return n.isString() ? n.asString() : null;
    }

    private static BigDecimal decimal(JsonNode tree, String field) {
        JsonNode n = tree.path(field);
        return n.isNumber() ? n.decimalValue() : null;
    }

    String write() {
        return JSON.writeValueAsString(this);
    }

    /** A new list shown: the one before it joins the earlier lists, in the order it was shown. */
    EngineContext withSearch(List<String> productIds, String query, String category, BigDecimal minPrice, BigDecimal maxPrice) {
        List<String> earlier = new ArrayList<>(LISTED);
        java.util.stream.Stream.concat(shown.stream(), listed.stream()).distinct().filter(id -> !productIds.contains(id))
                .limit(LISTED).forEach(earlier::add);
        return new EngineContext(productIds, query, category, minPrice, maxPrice, null, 0, List.of(), seen, earlier, null);
    }

    /** The add of {@code quantity} waits for the shopper to say which of the shown products (null: none waits, no remove either). */
    EngineContext withPendingAdd(Integer quantity) {
        return withPending(quantity, null);
    }

    /** An add or a remove waits for which product or line (at most one of them non-null); both null: nothing waits. */
    EngineContext withPending(Integer add, Integer remove) {
        return new EngineContext(shown, lastQuery, lastCategory, lastMinPrice, lastMaxPrice, add, misses, compared, seen, listed, remove);
    }
}
