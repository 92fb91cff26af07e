package com.shopkeeper.catalog.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.shopkeeper.catalog.Product;
import com.shopkeeper.catalog.ProductDraft;
import com.shopkeeper.catalog.ProductService;
import com.shopkeeper.money.Money;
import com.shopkeeper.support.IsolatedApp;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The same search service on PostgreSQL, where the keyword index is a weighted tsvector chosen by dialect. */
@SpringBootTest
class PostgresSearchTest {

    static final IsolatedApp APP = IsolatedApp.create("pg-search", 7);

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) {
        APP.configurePostgres(registry);
    }

    @Autowired ProductService products;
    @Autowired ProductSearch search;
    @Autowired KeywordIndex keywords;

    Product product(String name, String description, String price, boolean inStock) {
        return products.create(new ProductDraft(null, name, description, Money.of(price, "USD"), List.of("Home", "Lighting"),
                null, inStock, Map.of("color", "Navy")));
    }

    List<String> ids(String query, SearchMode mode, BigDecimal maxPrice) {
        return search.search(new ProductSearch.Request(query, mode, null, null, maxPrice, null, 10)).hits().stream()
                .map(h -> h.product().id()).toList();
    }

    @Test
    void keywordSearchRanksANameMatchFirstAndFiltersOnPostgres() {
        assertThat(keywords).isInstanceOf(PostgresKeywordIndex.class);
        Product mention = product("Plain Ceramic Bowl", "Pairs well with our glowlamp range.", "12.00", true);
        Product named = product("Brass Glowlamp", "A warm light for the desk.", "40.00", true);
        Product cheap = product("Mini Glowlamp", "Small and bright.", "9.00", true);

        List<String> found = ids("glowlamp", SearchMode.KEYWORD, null);
        assertThat(found).contains(named.id(), cheap.id(), mention.id());
        assertThat(found.indexOf(named.id())).isLessThan(found.indexOf(mention.id()));
        assertThat(ids("glowlamp", SearchMode.KEYWORD, new BigDecimal("10"))).containsExactly(cheap.id());
        assertThat(ids("hey do u have glowlamps pls?", SearchMode.HYBRID, null)).startsWith(named.id());
        assertThat(ids("navy glowlamp", SearchMode.KEYWORD, null)).contains(named.id());
    }

    @Test
    void hostileQueriesNeverFailOnPostgres() {
        for (String q : List.of("\"", "*", "NEAR(a b)", "a OR b", "-lamp", "lamp & | ! ()", "🛋️ sofa", "x".repeat(5000), "'; drop table products; --")) {
            for (SearchMode mode : SearchMode.values()) {
                assertThat(search.search(new ProductSearch.Request(q, mode, null, null, null, null, 5)).hits()).isNotNull();
            }
        }
    }
}
