package com.shopkeeper.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.shopkeeper.support.AppTest;
import com.shopkeeper.support.Http.Response;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ProductImportApiTest extends AppTest {

    private final String run = UUID.randomUUID().toString().substring(0, 6);

    private String line(int i, String price) {
        return "{\"sku\":\"IMP-" + run + "-" + i + "\",\"name\":\"Import " + i + "\",\"price\":\"" + price
                + "\",\"categories\":[\"Imports-" + run + "\"],\"attributes\":{\"color\":\"Red\"}}";
    }

    private long countInCategory() {
        return admin().get("/api/admin/products?size=1&category=Imports-" + run).json().get("total").asLong();
    }

    @Test
    void thousandsOfJsonLinesInOneRequest() {
        String body = IntStream.range(0, 3000).mapToObj(i -> line(i, "1." + String.format("%02d", i % 100)))
                .collect(Collectors.joining("\n"));
        Response r = admin().post("/api/admin/products/import", "application/x-ndjson", body);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("imported").asInt()).isEqualTo(3000);
        assertThat(r.json().get("created").asInt()).isEqualTo(3000);
        assertThat(countInCategory()).isEqualTo(3000);
    }

    @Test
    void anExistingSkuUpdatesThatProduct() {
        admin().post("/api/admin/products/import", "application/x-ndjson", line(1, "5.00"));
        Response again = admin().post("/api/admin/products/import", "application/x-ndjson", line(1, "6.50") + "\n" + line(2, "1.00"));
        assertThat(again.json().get("created").asInt()).isEqualTo(1);
        assertThat(again.json().get("updated").asInt()).isEqualTo(1);
        JsonNode items = admin().get("/api/admin/products?size=10&category=Imports-" + run).json().get("items");
        assertThat(items.size()).isEqualTo(2);
        assertThat(items.findValuesAsString("price")).contains("6.50");
    }

    @Test
    void badRowsRejectTheWholeImportWithAReportPerRow() {
        String body = line(1, "1.00") + "\n"
                + "{\"sku\":\"X-" + run + "\",\"price\":\"-3\"}\n"      // no name, negative price
                + "{not json}\n"
                + line(4, "1.001") + "\n"                              // too many decimals for USD
                + line(1, "2.00");                                     // duplicate sku
        Response r = admin().post("/api/admin/products/import", "application/x-ndjson", body);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        JsonNode errors = r.json().get("errors");
        assertThat(errors.findValues("row")).extracting(JsonNode::asInt).contains(2, 3, 4, 5).doesNotContain(1);
        assertThat(errors.toString()).contains("name").contains("price").contains("duplicate sku");
        assertThat(countInCategory()).as("nothing half-imported").isZero();
    }

    @Test
    void csvWithHeaderCategoriesAndAttributeColumns() {
        String csv = """
                sku,name,description,price,currency,categories,image_url,in_stock,color,material
                CSV-%1$s-1,"Oak Desk, Large",A desk.,199.00,USD,Home|Office-%1$s|Desks,https://example.com/d.jpg,true,Brown,Oak
                CSV-%1$s-2,Desk Lamp,"Bright, ""warm"" light",24.50,USD,Home|Office-%1$s,,no,Black,
                """.formatted(run);
        Response r = admin().post("/api/admin/products/import", "text/csv", csv);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("imported").asInt()).isEqualTo(2);
        JsonNode items = admin().get("/api/admin/products?category=Office-" + run).json().get("items");
        assertThat(items.size()).isEqualTo(2);
        JsonNode desk = items.get(0);
        assertThat(desk.get("name").asString()).isEqualTo("Oak Desk, Large");
        assertThat(desk.get("categories").size()).isEqualTo(3);
        assertThat(desk.get("attributes").get("material").asString()).isEqualTo("Oak");
        JsonNode lamp = items.get(1);
        assertThat(lamp.get("description").asString()).isEqualTo("Bright, \"warm\" light");
        assertThat(lamp.get("in_stock").asBoolean()).isFalse();
        assertThat(lamp.get("attributes").has("material")).isFalse();
    }

    @Test
    void malformedCsvIs400WithAProblemDetail() {
        String unterminated = "name,price\n\"Broken,1.00\nOther,2.00\n";
        Response r = admin().post("/api/admin/products/import", "text/csv", unterminated);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");

        Response noHeader = admin().post("/api/admin/products/import", "text/csv", "foo,bar\n1,2\n");
        assertThat(noHeader.status()).isEqualTo(400);

        Response ragged = admin().post("/api/admin/products/import", "text/csv", "name,price\nA,1.00,extra\n");
        assertThat(ragged.status()).isEqualTo(400);
        assertThat(ragged.json().get("errors").get(0).get("row").asInt()).isEqualTo(2);

        Response badPrice = admin().post("/api/admin/products/import", "text/csv", "name,price\nA,cheap\n");
        assertThat(badPrice.status()).isEqualTo(400);
        assertThat(badPrice.json().get("errors").get(0).get("field").asString()).isEqualTo("price");
    }

    /** Issue 13, item 9: an imported price no product could have is that row's error, found at once. */
    @Test
    void importedPricesNoProductCouldHaveAreRowErrors() {
        String csv = "name,price\nA,1e-100000000\nB,1.00\nC," + "7".repeat(200_000) + "\nD,0.0000001\n";
        Response r = assertTimeoutPreemptively(java.time.Duration.ofSeconds(10),
                () -> admin().post("/api/admin/products/import", "text/csv", csv));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().length()).as("a short answer").isLessThan(5_000);
        assertThat(r.json().get("errors")).extracting(e -> e.get("row").asInt()).containsExactly(2, 4, 5);
        assertThat(r.json().get("errors")).allSatisfy(e -> assertThat(e.get("field").asString()).isEqualTo("price"));

        Response ndjson = assertTimeoutPreemptively(java.time.Duration.ofSeconds(10),
                () -> admin().post("/api/admin/products/import", "application/x-ndjson",
                        "{\"name\":\"A\",\"price\":1e-100000000}\n{\"name\":\"B\",\"price\":\"1e100000000\"}"));
        assertThat(ndjson.status()).isEqualTo(400);
        assertThat(ndjson.json().get("errors")).extracting(e -> e.get("row").asInt()).containsExactly(1, 2);
    }

    @Test
    void emptyBodyAndUnknownContentTypeAreClientErrors() {
        assertThat(admin().post("/api/admin/products/import", "application/x-ndjson", "").status()).isEqualTo(400);
        Response xml = admin().post("/api/admin/products/import", "application/xml", "<products/>");
        assertThat(xml.status()).isEqualTo(415);
        assertThat(xml.header("Content-Type")).startsWith("application/problem+json");
    }
}
