package com.shopkeeper.insight;

import com.shopkeeper.catalog.ProductService;
import com.shopkeeper.engine.ScriptedLlm;
import com.shopkeeper.support.AppTest;
import com.shopkeeper.support.Http;
import com.shopkeeper.support.IsolatedApp;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole application, engine and all, over its own SQLite file and Redis database 10, shared by
 * the insight test classes (one context). Before the first test the {@link ScriptedShop} shoppers
 * run through the real webhook once; nothing else in this application makes conversations.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(InsightAppTest.Model.class)
abstract class InsightAppTest {

    static final IsolatedApp APP = IsolatedApp.create("insight", 10);

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) {
        APP.configure(registry);
        registry.add("shopkeeper.processor", () -> "engine");
        // Short enough for a test to see the gauges follow the database; long enough to be a cache.
        registry.add("shopkeeper.insight.states-ttl", () -> "300ms");
        registry.add("shopkeeper.insight.funnel-ttl", () -> "300ms");
    }

    @TestConfiguration
    static class Model {
        @Bean
        @Primary
        ScriptedLlm scriptedLlm() {
            return new ScriptedLlm();
        }
    }

    private static ScriptedShop shop;

    @LocalServerPort int port;
    @Autowired ProductService products;
    @Autowired JsonMapper json;

    @BeforeEach
    void runTheShopOnce() {
        synchronized (InsightAppTest.class) {
            if (shop == null) {
                shop = ScriptedShop.run(http(), APP.twilio(), products);
            }
        }
    }

    ScriptedShop shop() {
        return shop;
    }

    Http http() {
        return new Http("http://localhost:" + port, json);
    }

    Http admin() {
        return http().withToken(AppTest.ADMIN_TOKEN);
    }
}
