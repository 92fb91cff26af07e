package com.shopkeeper.insight;

import static org.assertj.core.api.Assertions.assertThat;

import com.shopkeeper.support.Http.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The metrics API through HTTP, over the {@link ScriptedShop}'s four shoppers: every figure of
 * the funnel, the trend, the bad windows, who may read.
 */
class FunnelApiTest extends InsightAppTest {

    /** What the four scripted shoppers add up to (see ScriptedShop), field by field. */
    static final String SCRIPTED_FUNNEL = """
            {"conversations": {"started": 4, "with_order": 2, "paid": 1, "completion_rate": 0.5, "conversion_rate": 0.25},
             "states": [{"state": "BROWSING", "entered": 4, "moved_on": 3},
                        {"state": "PRODUCT_FOCUS", "entered": 1, "moved_on": 1},
                        {"state": "CART", "entered": 3, "moved_on": 2},
                        {"state": "CHECKOUT", "entered": 2, "moved_on": 1},
                        {"state": "AWAITING_PAYMENT", "entered": 1, "moved_on": 1}],
             "orders": {"created": 2, "paid": 1},
             "messages": {"from_shoppers": 19, "from_bot": 19, "per_conversation": 4.75},
             "search": {"searches": 8, "with_results": 5, "followed_up": 3, "effectiveness": 0.6, "no_result": 3,
                        "no_result_queries": [{"query": "purple unicorn lamp", "count": 2},
                                              {"query": "velvet hammock", "count": 1}]},
             "reminders": {"unpaid_orders": {"reminded": 0, "skipped_outside_window": 0, "skipped_opted_out": 0,
                                             "paid_after": 0, "paid_after_rate": 0.0},
                           "abandoned_carts": {"reminded": 0, "skipped_outside_window": 0, "skipped_opted_out": 0,
                                               "ordered_after": 0, "ordered_after_rate": 0.0}}}
            """;

    static final String EMPTY_FUNNEL = """
            {"conversations": {"started": 0, "with_order": 0, "paid": 0, "completion_rate": 0.0, "conversion_rate": 0.0},
             "states": [{"state": "BROWSING", "entered": 0, "moved_on": 0},
                        {"state": "PRODUCT_FOCUS", "entered": 0, "moved_on": 0},
                        {"state": "CART", "entered": 0, "moved_on": 0},
                        {"state": "CHECKOUT", "entered": 0, "moved_on": 0},
                        {"state": "AWAITING_PAYMENT", "entered": 0, "moved_on": 0}],
             "orders": {"created": 0, "paid": 0},
             "messages": {"from_shoppers": 0, "from_bot": 0, "per_conversation": 0.0},
             "search": {"searches": 0, "with_results": 0, "followed_up": 0, "effectiveness": 0.0, "no_result": 0,
                        "no_result_queries": []},
             "reminders": {"unpaid_orders": {"reminded": 0, "skipped_outside_window": 0, "skipped_opted_out": 0,
                                             "paid_after": 0, "paid_after_rate": 0.0},
                           "abandoned_carts": {"reminded": 0, "skipped_outside_window": 0, "skipped_opted_out": 0,
                                               "ordered_after": 0, "ordered_after_rate": 0.0}}}
            """;

    JsonNode funnel(String query) {
        Response r = admin().get("/api/admin/metrics/funnel?" + query);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    /** The report without its window, to compare with a literal. */
    JsonNode figures(JsonNode report) {
        return ((ObjectNode) report.deepCopy()).without(List.of("from", "to"));
    }

    @Test
    void theFunnelFollowsTheScriptedShoppersExactly() {
        JsonNode report = funnel(shop().query());
        assertThat(report.get("from").asString()).isEqualTo(shop().from().toString());
        assertThat(report.get("to").asString()).isEqualTo(shop().to().toString());
        assertThat(figures(report)).isEqualTo(json.readTree(SCRIPTED_FUNNEL));
    }

    @Test
    void aWindowThatExcludesThemIsAllZeros() {
        Instant before = shop().from();
        assertThat(figures(funnel("from=" + before.minus(Duration.ofDays(2)) + "&to=" + before)))
                .isEqualTo(json.readTree(EMPTY_FUNNEL));
        Instant after = shop().to();
        assertThat(figures(funnel("from=" + after + "&to=" + after.plus(Duration.ofHours(1)))))
                .isEqualTo(json.readTree(EMPTY_FUNNEL));
    }

    @Test
    void byDefaultTheFunnelCoversTheLastSevenDays() {
        JsonNode report = funnel("");
        Instant to = Instant.parse(report.get("to").asString());
        assertThat(Instant.parse(report.get("from").asString())).isEqualTo(to.minus(Duration.ofDays(7)));
        assertThat(to).isAfterOrEqualTo(shop().to().minusMillis(1)).isBeforeOrEqualTo(Instant.now());
        assertThat(figures(report)).isEqualTo(json.readTree(SCRIPTED_FUNNEL));
        // 'from' alone ends now; 'to' alone starts seven days before it.
        assertThat(figures(funnel("from=" + shop().from()))).isEqualTo(json.readTree(SCRIPTED_FUNNEL));
        assertThat(figures(funnel("to=" + shop().to()))).isEqualTo(json.readTree(SCRIPTED_FUNNEL));
    }

    @Test
    void hourlyTrendBucketsAddUpToTheFunnelTotals() {
        Response r = admin().get("/api/admin/metrics/trend?" + shop().query() + "&bucket=hour");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode trend = r.json();
        assertThat(trend.get("bucket").asString()).isEqualTo("hour");
        List<JsonNode> points = points(trend);
        Instant first = shop().from().truncatedTo(ChronoUnit.HOURS);
        assertThat(points).isNotEmpty();
        for (int i = 0; i < points.size(); i++) {
            assertThat(Instant.parse(points.get(i).get("at").asString())).isEqualTo(first.plus(Duration.ofHours(i)));
        }
        assertThat(Instant.parse(points.getLast().get("at").asString())).isBefore(shop().to())
                .isAfterOrEqualTo(shop().to().minus(Duration.ofHours(1)));
        assertThat(sum(points, "conversations_started")).isEqualTo(4);
        assertThat(sum(points, "orders_created")).isEqualTo(2);
        assertThat(sum(points, "orders_paid")).isEqualTo(1);
        assertThat(sum(points, "shopper_messages")).isEqualTo(19);
        assertThat(sum(points, "searches")).isEqualTo(8);
        assertThat(points.getFirst().propertyNames()).containsExactlyInAnyOrder("at", "conversations_started",
                "orders_created", "orders_paid", "shopper_messages", "searches");
    }

    @Test
    void byDefaultTheTrendHasFourteenDaysEveryOnePresent() {
        Response r = admin().get("/api/admin/metrics/trend");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode trend = r.json();
        assertThat(trend.get("bucket").asString()).isEqualTo("day");
        List<JsonNode> points = points(trend);
        assertThat(points).hasSize(14);
        Instant today = Instant.parse(trend.get("to").asString()).minusNanos(1).truncatedTo(ChronoUnit.DAYS);
        for (int i = 0; i < 14; i++) {
            assertThat(Instant.parse(points.get(i).get("at").asString())).isEqualTo(today.minus(Duration.ofDays(13 - i)));
        }
        assertThat(Instant.parse(trend.get("from").asString())).isEqualTo(today.minus(Duration.ofDays(13)));
        assertThat(sum(points, "conversations_started")).isEqualTo(4);
        assertThat(sum(points, "searches")).isEqualTo(8);
        assertThat(points.subList(0, 12)).allSatisfy(p -> assertThat(p.get("shopper_messages").asLong()).isZero());
    }

    @Test
    void aWindowOfExactly366DaysIsAccepted() {
        Instant to = shop().to();
        assertThat(admin().get("/api/admin/metrics/funnel?from=" + to.minus(Duration.ofDays(366)) + "&to=" + to).status())
                .isEqualTo(200);
        assertThat(admin().get("/api/admin/metrics/trend?from=" + to.minus(Duration.ofDays(366)) + "&to=" + to).status())
                .isEqualTo(200);
    }

    @Test
    void badWindowsAreProblemsNotErrors() {
        for (String query : List.of(
                "from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z",       // backwards
                "from=2026-01-01T00:00:00Z&to=2026-01-01T00:00:00Z",       // empty
                "from=2025-01-01T00:00:00Z&to=2026-01-02T00:00:01Z",       // 366 days and a second
                "from=yesterday",
                "to=2026-13-01T00:00:00Z",
                "from=" + Instant.now().plus(Duration.ofDays(1)))) {        // after the default 'to', now
            for (String endpoint : List.of("funnel", "trend")) {
                Response r = admin().get("/api/admin/metrics/" + endpoint + "?" + query);
                assertThat(r.status()).as(endpoint + "?" + query).isEqualTo(400);
                assertThat(r.header("Content-Type")).startsWith("application/problem+json");
                assertThat(r.json().get("status").asInt()).isEqualTo(400);
                assertThat(r.json().get("detail").asString()).isNotBlank().doesNotContain("Exception");
            }
        }
    }

    @Test
    void aTrendOfTooManyPointsOrAnUnknownBucketIsAProblem() {
        Response tooMany = admin().get("/api/admin/metrics/trend?from=2026-01-01T00:00:00Z&to=2026-01-17T17:00:00Z&bucket=hour");
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.json().get("detail").asString()).contains("401 hours").contains("400");
        assertThat(admin().get("/api/admin/metrics/trend?from=2026-01-01T00:00:00Z&to=2026-01-17T16:00:00Z&bucket=hour")
                .status()).as("400 hours exactly").isEqualTo(200);
        Response week = admin().get("/api/admin/metrics/trend?bucket=week");
        assertThat(week.status()).isEqualTo(400);
        assertThat(week.json().get("detail").asString()).contains("hour or day");
    }

    @Test
    void withoutAValidTokenNothingIsShown() {
        for (String path : List.of("/api/admin/metrics/funnel", "/api/admin/metrics/trend")) {
            Response none = http().get(path);
            assertThat(none.status()).isEqualTo(401);
            assertThat(none.header("Content-Type")).startsWith("application/problem+json");
            assertThat(none.body()).doesNotContain("conversations").doesNotContain("points");
            assertThat(http().withToken("not-a-token").get(path).status()).isEqualTo(401);
        }
    }

    @Test
    void aViewerReadsTheMetricsButCannotChangeAnything() {
        Response issued = admin().postJson("/api/admin/tokens", Map.of("name", "metrics page", "role", "VIEWER"));
        assertThat(issued.status()).isEqualTo(201);
        var viewer = http().withToken(issued.json().get("token").asString());

        Response report = viewer.get("/api/admin/metrics/funnel?" + shop().query());
        assertThat(report.status()).isEqualTo(200);
        assertThat(figures(report.json())).isEqualTo(json.readTree(SCRIPTED_FUNNEL));
        assertThat(viewer.get("/api/admin/metrics/trend").status()).isEqualTo(200);

        for (String method : List.of("POST", "PUT", "PATCH", "DELETE")) {
            Response write = viewer.send(method, "/api/admin/metrics/funnel", "application/json", "{}");
            assertThat(write.status()).as(method).isEqualTo(403);
            assertThat(write.header("Content-Type")).startsWith("application/problem+json");
            // Even an admin finds nothing to change here, and is told so, not given an error.
            assertThat(admin().send(method, "/api/admin/metrics/funnel", "application/json", "{}").status()).as(method)
                    .isEqualTo(405);
        }
        assertThat(figures(funnel(shop().query()))).isEqualTo(json.readTree(SCRIPTED_FUNNEL));
    }

    @Test
    void bothEndpointsAreInTheApiDocument() {
        JsonNode paths = http().get("/v3/api-docs").json().get("paths");
        JsonNode funnel = paths.get("/api/admin/metrics/funnel").get("get");
        assertThat(funnel.get("parameters").toString()).contains("\"from\"").contains("\"to\"");
        assertThat(funnel.get("responses").has("400")).isTrue();
        assertThat(funnel.get("security").toString()).contains("bearer");
        JsonNode trend = paths.get("/api/admin/metrics/trend").get("get");
        assertThat(trend.get("parameters").toString()).contains("\"bucket\"");
        JsonNode schemas = http().get("/v3/api-docs").json().get("components").get("schemas");
        assertThat(schemas.get("FunnelReport").get("properties").has("conversations")).isTrue();
        assertThat(schemas.get("FunnelConversations").get("properties").has("completion_rate")).isTrue();
        assertThat(schemas.get("TrendPoint").get("properties").has("conversations_started")).isTrue();
    }

    static List<JsonNode> points(JsonNode trend) {
        List<JsonNode> out = new ArrayList<>();
        trend.get("points").forEach(out::add);
        return out;
    }

    static long sum(List<JsonNode> points, String field) {
        return points.stream().mapToLong(p -> p.get(field).asLong()).sum();
    }
}
