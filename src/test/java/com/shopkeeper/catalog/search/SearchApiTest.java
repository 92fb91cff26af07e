package com.shopkeeper.catalog.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.shopkeeper.support.AppTest;
import com.shopkeeper.support.Http.Response;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Search through its real HTTP interface over the real indexes and embedding model. The database
 * is shared with other test classes, so every test works inside a category or with words of its own.
 */
class SearchApiTest extends AppTest {

    @Autowired
    ProductSearch search;

    /** A made-up word no other product uses: letters only, so it is one token. */
    private static String word() {
        String hex = UUID.randomUUID().toString().replace("-", "");
        StringBuilder w = new StringBuilder("q");
        for (int i = 0; i < 9; i++) {
            w.append((char) ('a' + Character.digit(hex.charAt(i), 16) % 26));
        }
        return w.toString();
    }

    private String create(String name, String description, String price, List<String> categories, boolean inStock,
                          Map<String, Object> attributes) {
        Map<String, Object> body = new HashMap<>();
        body.put("sku", "S-" + UUID.randomUUID().toString().substring(0, 12));
        body.put("name", name);
        body.put("description", description);
        body.put("price", price);
        body.put("currency", "USD");
        body.put("categories", categories);
        body.put("in_stock", inStock);
        body.put("attributes", attributes);
        Response created = admin().postJson("/api/admin/products", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asString();
    }

    private String create(String name, String description, String price, List<String> categories) {
        return create(name, description, price, categories, true, Map.of());
    }

    private Response get(String path) {
        Response r = admin().get(path);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r;
    }

    private List<String> ids(String query, String params) {
        JsonNode results = get("/api/admin/products/search?q=" + enc(query) + params).json().get("results");
        List<String> ids = new ArrayList<>();
        results.forEach(r -> ids.add(r.get("id").asString()));
        return ids;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void aNameMatchOutranksADescriptionMention() {
        String w = word();
        String mention = create("Plain Ceramic Bowl", "Pairs well with the " + w + " from our range.", "12.00",
                List.of("Home", "Kitchen"));
        String named = create("The " + w + " Bowl", "A simple ceramic bowl.", "12.00", List.of("Home", "Kitchen"));
        for (String mode : List.of("keyword", "hybrid")) {
            List<String> ids = ids(w, "&mode=" + mode);
            assertThat(ids).as(mode).containsSubsequence(named, mention);
            assertThat(ids.getFirst()).as(mode).isEqualTo(named);
        }
    }

    @Test
    void answersTheDocumentedShapeInSnakeCase() {
        String w = word();
        String id = create(w + " Lamp", "A desk lamp.", "19.90", List.of("Lighting", "Desk Lamps"), false,
                Map.of("color", "Navy"));
        JsonNode body = get("/api/admin/products/search?q=" + w).json();
        assertThat(body.get("took_ms").isIntegralNumber()).isTrue();
        JsonNode first = body.get("results").get(0);
        assertThat(first.get("id").asString()).isEqualTo(id);
        assertThat(first.get("sku").asString()).startsWith("S-");
        assertThat(first.get("price").asString()).isEqualTo("19.90");
        assertThat(first.get("currency").asString()).isEqualTo("USD");
        assertThat(first.get("in_stock").asBoolean()).isFalse();
        assertThat(first.get("categories").size()).isEqualTo(2);
        assertThat(first.get("score").isNumber()).isTrue();
    }

    @Test
    void filtersCombineWithTheText() {
        String w = word();
        String category = "Cat " + word();
        String cheap = create(w + " Mug", "A mug.", "8.00", List.of("Kitchen", category));
        String dear = create(w + " Mug Deluxe", "A mug.", "80.00", List.of("Kitchen", category));
        String soldOut = create(w + " Mug Mini", "A mug.", "6.00", List.of("Kitchen", category), false, Map.of());
        String elsewhere = create(w + " Mug Travel", "A mug.", "9.00", List.of("Outdoors"));

        for (String mode : List.of("keyword", "semantic", "hybrid")) {
            String m = "&mode=" + mode;
            assertThat(ids(w + " mug", m + "&category=" + enc(category.toLowerCase())))
                    .as(mode).containsExactlyInAnyOrder(cheap, dear, soldOut);
            assertThat(ids(w + " mug", m + "&category=" + enc(category) + "&max_price=10"))
                    .as(mode).containsExactlyInAnyOrder(cheap, soldOut);
            assertThat(ids(w + " mug", m + "&category=" + enc(category) + "&min_price=7&max_price=100"))
                    .as(mode).containsExactlyInAnyOrder(cheap, dear);
            assertThat(ids(w + " mug", m + "&category=" + enc(category) + "&in_stock=false"))
                    .as(mode).containsExactly(soldOut);
        }
        // A price stated in the words is a filter too.
        assertThat(ids(w + " mug under $10", "&mode=keyword&category=" + enc(category)))
                .containsExactlyInAnyOrder(cheap, soldOut);
        assertThat(ids(w + " mug", "&mode=keyword")).contains(elsewhere);
    }

    @Test
    void theBotFunctionAppliesCategoryAndMaxPrice() {
        String w = word();
        String category = "Cat " + word();
        String cheap = create(w + " Scarf", "A wool scarf.", "20.00", List.of("Clothing", category));
        create(w + " Scarf Cashmere", "A cashmere scarf.", "120.00", List.of("Clothing", category));
        create(w + " Scarf Elsewhere", "A scarf.", "10.00", List.of("Clothing"));
        var found = search.searchProducts(w + " scarf", category, new BigDecimal("50"), 5);
        assertThat(found).extracting(p -> p.id()).containsExactly(cheap);
    }

    @Test
    void hostileQueriesAnswerResultsOrNothingNeverAnError() {
        String w = word();
        String id = create(w + " Kettle", "A kettle.", "30.00", List.of("Kitchen"));
        List<String> hostile = List.of("\"" + w, w + "*", "NEAR(" + w + ")", w + " OR", "OR AND NOT", "-" + w,
                w + " 🙏🔥", "name:" + w, "^" + w, "(((", "\"\"\"", "*", "' OR 1=1 --", "😀😀😀", "\u0000" + w,
                "   ", "", "%", "\\", "{" + w + "}", w.repeat(10), ("x" + w + " ").repeat(600));
        for (String q : hostile) {
            for (String mode : List.of("keyword", "semantic", "hybrid")) {
                Response r = admin().get("/api/admin/products/search?mode=" + mode + "&q=" + enc(q));
                assertThat(r.status()).as(mode + " " + q.substring(0, Math.min(40, q.length()))).isEqualTo(200);
                assertThat(r.json().get("results").isArray()).isTrue();
            }
        }
        assertThat(ids("\"" + w + "\" OR NEAR(", "&mode=keyword")).contains(id);
        assertThat(ids(w + " 🙏", "&mode=keyword")).contains(id);
    }

    @Test
    void badParametersAreClientErrors() {
        for (String params : List.of("q=a&limit=abc", "q=a&mode=fuzzy", "q=a&max_price=cheap", "q=a&max_price=-1",
                "q=a&in_stock=maybe")) {
            Response r = admin().get("/api/admin/products/search?" + params);
            assertThat(r.status()).as(params).isEqualTo(400);
            assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        }
        assertThat(admin().get("/api/admin/products/search?q=a&limit=-5").status()).isEqualTo(200);
        assertThat(admin().get("/api/admin/products/search?q=a&limit=100000").status()).isEqualTo(200);
        assertThat(http().get("/api/admin/products/search?q=a").status()).isEqualTo(401);
    }

    /**
     * Issue 13, item 9: a price limit is a price. "1e-100000000" is twelve characters and once cost
     * seconds of CPU to scale to cents; it, and any number no price has, is a 400 at once.
     */
    @Test
    void priceLimitsNoPriceCouldHaveAreClientErrorsAtOnce() {
        for (String params : List.of("min_price=1e-100000000", "max_price=1e-100000000", "max_price=1e100000000",
                "min_price=0.0000001", "max_price=1234567890123", "max_price=" + "9".repeat(400),
                "min_price=1e-2147483647")) {
            Response r = assertTimeoutPreemptively(Duration.ofSeconds(10),
                    () -> admin().get("/api/admin/products/search?q=lamp&" + params), params.substring(0, 14));
            assertThat(r.status()).as(params.substring(0, 14)).isEqualTo(400);
            assertThat(r.header("Content-Type")).startsWith("application/problem+json");
            assertThat(r.json().get("detail").asString()).contains(params.substring(0, params.indexOf('=')));
        }
        for (String params : List.of("max_price=19.99", "max_price=1e3", "min_price=0.500000000", "max_price=999999999999.99")) {
            assertThat(admin().get("/api/admin/products/search?q=lamp&" + params).status()).as(params).isEqualTo(200);
        }
    }

    @Test
    void chatFillerDoesNotDrownTheProductWords() {
        String w = word();
        String id = create(w + " Sandals", "Leather sandals.", "45.00", List.of("Shoes"), true, Map.of("color", "Brown"));
        for (String mode : List.of("keyword", "hybrid")) {
            assertThat(ids("hey do u have " + w + " pls?? 🙏", "&mode=" + mode).getFirst()).as(mode).isEqualTo(id);
            assertThat(ids("hello do you sell " + w + "? looking for a brown one", "&mode=" + mode).getFirst())
                    .as(mode).isEqualTo(id);
        }
    }

    @Test
    void aMistypedWordFindsTheProductItMeant() {
        String w = word();
        String id = create("Quiet " + w + " Heater", "Warms a small room.", "60.00", List.of("Home"));
        String typo = w.substring(0, 4) + w.charAt(4) + w.substring(4);       // a doubled letter
        String dropped = w.substring(0, 3) + w.substring(4);                    // a dropped letter
        String partial = w.substring(0, w.length() - 3);                         // still typing
        for (String q : List.of(typo, dropped, partial, typo + " heater")) {
            assertThat(ids(q, "&mode=keyword")).as(q).contains(id);
            assertThat(ids(q, "&mode=hybrid").getFirst()).as(q).isEqualTo(id);
        }
    }

    @Test
    void vectorsFollowCreateUpdateDeleteAndImport() {
        String category = "Cat " + word();
        String flask = create("Steel Vacuum Flask", "Keeps coffee and tea hot for twelve hours on the trail.", "25.00",
                List.of("Outdoors", category), true, Map.of("type", "vacuum flask"));
        String hose = create("Garden Hose", "Fifty feet of flexible hose for watering the lawn.", "25.00",
                List.of("Garden", category), true, Map.of("type", "garden hose"));
        awaitEmbedded();
        String coffeeHot = "something to keep my coffee hot on a hike";
        String semantic = "&mode=semantic&category=" + enc(category);
        assertThat(ids(coffeeHot, semantic)).containsExactly(flask, hose);
        assertThat(ids("water the plants in my yard", semantic)).containsExactly(hose, flask);

        // The hose becomes a flask: its vector must follow.
        double gardenBefore = score(hose, "water the plants in my yard", semantic);
        double coffeeBefore = score(hose, coffeeHot, semantic);
        Map<String, Object> changed = Map.of("name", "Insulated Travel Flask",
                "description", "Keeps drinks hot all day on the go.", "price", "30.00", "currency", "USD",
                "categories", List.of("Outdoors", category), "in_stock", true, "attributes", Map.of("type", "vacuum flask"));
        assertThat(admin().putJson("/api/admin/products/" + hose, changed).status()).isEqualTo(200);
        assertThat(score(hose, "water the plants in my yard", semantic)).isLessThan(gardenBefore - 0.1);
        assertThat(score(hose, coffeeHot, semantic)).isGreaterThan(coffeeBefore + 0.1);
        // A price change alone moves the product in and out of price filters without re-embedding.
        assertThat(ids(coffeeHot, semantic + "&max_price=27")).containsExactly(flask);

        assertThat(admin().delete("/api/admin/products/" + flask).status()).isEqualTo(204);
        for (String mode : List.of("semantic", "keyword", "hybrid")) {
            assertThat(ids(coffeeHot + " flask", "&mode=" + mode + "&category=" + enc(category)))
                    .as(mode).doesNotContain(flask).contains(hose);
        }

        String importCategory = "Cat " + word();
        String lines = String.join("\n",
                line("Cotton Beach Towel", "Large and soft for drying off after a swim at the pool.", importCategory),
                line("Cordless Drill", "Drives screws and drills holes in wood and metal.", importCategory),
                line("Wool Winter Hat", "Keeps your ears warm in the snow.", importCategory));
        Response imported = admin().post("/api/admin/products/import", "application/x-ndjson", lines);
        assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
        awaitEmbedded();
        List<String> towel = ids("something to dry off after swimming", "&mode=semantic&category=" + enc(importCategory));
        assertThat(towel).hasSize(3);
        JsonNode first = get("/api/admin/products/" + towel.getFirst()).json();
        assertThat(first.get("name").asString()).isEqualTo("Cotton Beach Towel");
    }

    /** The product's score for the query: in semantic mode, the cosine similarity of its vector. */
    private double score(String id, String query, String params) {
        for (JsonNode r : get("/api/admin/products/search?q=" + enc(query) + params).json().get("results")) {
            if (r.get("id").asString().equals(id)) {
                return r.get("score").asDouble();
            }
        }
        throw new AssertionError(id + " is not among the results for " + query);
    }

    private String line(String name, String description, String category) {
        return json.writeValueAsString(Map.of("sku", "I-" + UUID.randomUUID().toString().substring(0, 12),
                "name", name, "description", description, "price", "15.00", "currency", "USD",
                "categories", List.of("Imported", category)));
    }

    private void awaitEmbedded() {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode status = get("/api/admin/search/status").json();
            if (status.get("embedded").asLong() >= status.get("products").asLong()) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError("the import's vectors were not done within 60 s");
    }
}
