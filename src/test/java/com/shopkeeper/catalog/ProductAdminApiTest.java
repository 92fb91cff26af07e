package com.shopkeeper.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.shopkeeper.support.AppTest;
import com.shopkeeper.support.Http.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ProductAdminApiTest extends AppTest {

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private Map<String, Object> product(String sku, String price) {
        return Map.of("sku", sku, "name", "Blue Sofa " + sku, "description", "A deep three-seater.",
                "price", price, "currency", "USD", "categories", List.of("Home", "Living Room", "Sofas"),
                "image_url", "https://example.com/" + sku + ".jpg", "in_stock", true,
                "attributes", Map.of("color", "Navy", "seats", 3));
    }

    @Test
    void createdProductIsReadBackExactlyInSnakeCase() {
        String sku = unique("SOFA");
        Response created = admin().postJson("/api/admin/products", product(sku, "499.90"));
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asString();
        assertThat(created.header("Location")).isEqualTo("/api/admin/products/" + id);

        JsonNode read = admin().get("/api/admin/products/" + id).json();
        assertThat(read.get("sku").asString()).isEqualTo(sku);
        assertThat(read.get("price").asString()).isEqualTo("499.90");
        assertThat(read.get("currency").asString()).isEqualTo("USD");
        assertThat(read.get("in_stock").asBoolean()).isTrue();
        assertThat(read.get("image_url").asString()).endsWith(sku + ".jpg");
        assertThat(read.get("categories").toString()).isEqualTo("[\"Home\",\"Living Room\",\"Sofas\"]");
        assertThat(read.get("attributes").get("seats").asInt()).isEqualTo(3);
    }

    @Test
    void priceAsNumberIsStoredExactly() {
        Map<String, Object> body = new java.util.HashMap<>(product(unique("N"), "0"));
        body.put("price", new java.math.BigDecimal("1234567.89"));
        Response created = admin().postJson("/api/admin/products", body);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("price").asString()).isEqualTo("1234567.89");
    }

    @Test
    void updateReplacesFieldsAndDeleteHidesTheProduct() {
        String id = admin().postJson("/api/admin/products", product(unique("U"), "10.00")).json().get("id").asString();
        Map<String, Object> changed = new java.util.HashMap<>(product(unique("U"), "12.50"));
        changed.put("in_stock", false);
        changed.put("categories", List.of("Garden"));
        Response updated = admin().putJson("/api/admin/products/" + id, changed);
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().get("price").asString()).isEqualTo("12.50");
        assertThat(updated.json().get("in_stock").asBoolean()).isFalse();
        assertThat(updated.json().get("categories").size()).isEqualTo(1);

        assertThat(admin().delete("/api/admin/products/" + id).status()).isEqualTo(204);
        Response gone = admin().get("/api/admin/products/" + id);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.header("Content-Type")).startsWith("application/problem+json");
        assertThat(admin().delete("/api/admin/products/" + id).status()).isEqualTo(404);
    }

    @Test
    void listIsPagedAndFiltersByCategoryAndStock() {
        String category = unique("Cat");
        for (int i = 0; i < 5; i++) {
            Map<String, Object> p = new java.util.HashMap<>(product(unique("L"), "5.00"));
            p.put("categories", List.of("Test", category));
            p.put("in_stock", i % 2 == 0);
            admin().postJson("/api/admin/products", p);
        }
        JsonNode page = admin().get("/api/admin/products?category=" + category + "&size=2&page=1").json();
        assertThat(page.get("total").asInt()).isEqualTo(5);
        assertThat(page.get("page").asInt()).isEqualTo(1);
        assertThat(page.get("size").asInt()).isEqualTo(2);
        assertThat(page.get("items").size()).isEqualTo(2);

        JsonNode inStock = admin().get("/api/admin/products?category=" + category.toLowerCase() + "&in_stock=true").json();
        assertThat(inStock.get("total").asInt()).isEqualTo(3);
        inStock.get("items").forEach(p -> assertThat(p.get("in_stock").asBoolean()).isTrue());
    }

    @Test
    void badInputIsAProblemDetailNeverA500() {
        Map<String, Object> negative = new java.util.HashMap<>(product(unique("B"), "-1"));
        Response r = admin().postJson("/api/admin/products", negative);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.json().get("errors").get(0).get("field").asString()).isEqualTo("price");

        Response missing = admin().postJson("/api/admin/products", Map.of("price", "1.00"));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("errors").toString()).contains("name");

        Map<String, Object> categoryAsString = new java.util.HashMap<>(product(unique("B"), "1.00"));
        categoryAsString.put("categories", "Sofas");
        Response wrongShape = admin().postJson("/api/admin/products", categoryAsString);
        assertThat(wrongShape.status()).isEqualTo(400);
        assertThat(wrongShape.body()).doesNotContain("Exception").doesNotContain("tools.jackson");

        Response tooPrecise = admin().postJson("/api/admin/products", product(unique("B"), "1.005"));
        assertThat(tooPrecise.status()).isEqualTo(400);
        assertThat(tooPrecise.json().get("errors").get(0).get("field").asString()).isEqualTo("price");

        Map<String, Object> badCurrency = new java.util.HashMap<>(product(unique("B"), "1.00"));
        badCurrency.put("currency", "XYZ");
        assertThat(admin().postJson("/api/admin/products", badCurrency).status()).isEqualTo(400);

        assertThat(admin().post("/api/admin/products", "application/json", "{not json").status()).isEqualTo(400);
        assertThat(admin().get("/api/admin/products?size=5000").status()).isEqualTo(400);
        assertThat(admin().get("/api/admin/products?page=abc").status()).isEqualTo(400);
    }

    /**
     * Issue 13, item 9: a price is a price. "1e-100000000" is twelve characters; refusing it once
     * wrote out its hundred million digits into the error message. Any number no price has is a
     * 400 on the price field, at once, whether it comes as a JSON number or a string.
     */
    @Test
    void pricesNoProductCouldHaveAreRefusedAtOnce() {
        for (String json : List.of("1e-100000000", "\"1e-100000000\"", "1e100000000", "\"1e2147483647\"", "0.0000001",
                "\"" + "9".repeat(5_000) + "\"", "\"1." + "0".repeat(5_000) + "1\"")) {
            String body = "{\"sku\":\"" + unique("P") + "\",\"name\":\"Lamp\",\"price\":" + json + "}";
            Response r = assertTimeoutPreemptively(Duration.ofSeconds(10),
                    () -> admin().post("/api/admin/products", "application/json", body), json.substring(0, Math.min(10, json.length())));
            assertThat(r.status()).as(json.substring(0, Math.min(10, json.length()))).isEqualTo(400);
            assertThat(r.body().length()).as("a short answer").isLessThan(2_000);
            assertThat(r.json().get("errors").get(0).get("field").asString()).isEqualTo("price");
        }
        // Zeros after the last digit are not precision: 19.9900000 is 19.99.
        Response r = admin().post("/api/admin/products", "application/json",
                "{\"sku\":\"" + unique("P") + "\",\"name\":\"Lamp\",\"price\":\"19.9900000\"}");
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().get("price").asString()).isEqualTo("19.99");
    }

    @Test
    void tenMegabyteBodyIs413() {
        String huge = "{\"name\":\"" + "x".repeat(10 * 1024 * 1024) + "\",\"price\":\"1.00\"}";
        Response r = admin().post("/api/admin/products", "application/json", huge);
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void duplicateSkuIsAConflict() {
        String sku = unique("D");
        assertThat(admin().postJson("/api/admin/products", product(sku, "1.00")).status()).isEqualTo(201);
        Response again = admin().postJson("/api/admin/products", product(sku, "1.00"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.header("Content-Type")).startsWith("application/problem+json");
    }
}
