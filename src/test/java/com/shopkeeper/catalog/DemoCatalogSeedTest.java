package com.shopkeeper.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.shopkeeper.support.AppTest;
import com.shopkeeper.support.Http;
import com.shopkeeper.support.TestDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/** The out-of-the-box run: an empty database gets the bundled demo catalog, served by the admin API. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DemoCatalogSeedTest {

    static final Path DIR = TestDatabases.tempDir("sk-seed");

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) {
        TestDatabases.sqlite(registry, DIR);
        registry.add("shopkeeper.catalog.seed-demo", () -> "true");
    }

    @LocalServerPort
    int port;

    @Test
    void anEmptyShopIsSeededWithTheDemoCatalog() {
        var http = new Http("http://localhost:" + port, JsonMapper.builder().build()).withToken(AppTest.ADMIN_TOKEN);
        var page = http.get("/api/admin/products?size=1").json();
        assertThat(page.get("total").asInt()).isEqualTo(500);
        var first = page.get("items").get(0);
        assertThat(first.get("sku").asString()).isEqualTo("SK-000001");
        assertThat(first.get("image_url").asString()).startsWith("https://");
        assertThat(first.get("categories").size()).isEqualTo(3);
    }
}
