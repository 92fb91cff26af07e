package com.shopkeeper.insight;

import static org.assertj.core.api.Assertions.assertThat;

import com.shopkeeper.support.Eventually;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The business gauges and counters at /actuator/prometheus, after the scripted shoppers: Ada and Cy
 * stand in BROWSING, Ben in CART, Di in CHECKOUT; the last 24 hours, and this application's
 * counters, are theirs alone.
 */
class PrometheusMetricsTest extends InsightAppTest {

    Scrape scrape() {
        var r = admin().get("/actuator/prometheus");
        assertThat(r.status()).isEqualTo(200);
        return Scrape.parse(r.body());
    }

    @Test
    void conversationsPerStateAreTheDatabases() {
        Map<String, Double> expected = Map.of("BROWSING", 2.0, "PRODUCT_FOCUS", 0.0, "CART", 1.0, "CHECKOUT", 1.0,
                "AWAITING_PAYMENT", 0.0);
        // Cached between scrapes (300 ms in this test application): a scrape during the script may linger.
        Eventually.until(() -> expected.entrySet().stream().allMatch(e ->
                e.getValue().equals(scrape().value("shopkeeper_conversations_current", Map.of("state", e.getKey())))));
        Scrape now = scrape();
        expected.forEach((state, count) -> assertThat(now.value("shopkeeper_conversations_current", Map.of("state", state)))
                .as(state).isEqualTo(count));
    }

    @Test
    void theLastDaysFunnelRatesAreTheScriptedShoppers() {
        Eventually.until(() -> Double.valueOf(0.25).equals(scrape().value("shopkeeper_funnel_conversion_rate", Map.of())));
        Scrape now = scrape();
        assertThat(now.value("shopkeeper_funnel_conversion_rate", Map.of())).isEqualTo(0.25);
        assertThat(now.value("shopkeeper_funnel_completion_rate", Map.of())).isEqualTo(0.5);
        assertThat(now.value("shopkeeper_funnel_search_effectiveness", Map.of())).isEqualTo(0.6);
    }

    @Test
    void searchesAreCountedByOutcome() {
        Scrape now = scrape();
        assertThat(now.value("shopkeeper_searches_total", Map.of("outcome", "results"))).isEqualTo(5.0);
        assertThat(now.value("shopkeeper_searches_total", Map.of("outcome", "empty"))).isEqualTo(3.0);
    }

    @Test
    void ordersAreCountedOnceWhereTheyAreMade() {
        Scrape now = scrape();
        assertThat(now.value("shopkeeper_orders_total", Map.of("outcome", "created"))).isEqualTo(2.0);
        assertThat(now.samples()).filteredOn(s -> s.name().equals("shopkeeper_orders_total"))
                .as("one counter, always with its outcome").allSatisfy(s -> assertThat(s.labels()).containsKey("outcome"));
        assertThat(now.value("shopkeeper_orders_paid_total", Map.of())).isEqualTo(1.0);
    }

    @Test
    void everyWebhookIsTimed() {
        // 19 shopper messages, each one signed webhook.
        assertThat(scrape().value("shopkeeper_webhook_latency_seconds_count", Map.of("platform", "twilio"))).isEqualTo(19.0);
    }
}
