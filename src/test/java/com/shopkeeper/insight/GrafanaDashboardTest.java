package com.shopkeeper.insight;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * monitoring/grafana/shopkeeper.json against what this application really exposes at
 * /actuator/prometheus, after the scripted shoppers made traffic (so that counters exist): every
 * metric a panel queries, every label value it filters on, every label it groups by.
 */
class GrafanaDashboardTest extends InsightAppTest {

    static final Path DASHBOARD = Path.of("monitoring", "grafana", "shopkeeper.json");
    static final String DATASOURCE = "${DS_PROMETHEUS}";

    JsonNode dashboard() throws Exception {
        return json.readTree(Files.readString(DASHBOARD));
    }

    /** Every panel, those inside collapsed rows too. */
    static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode p : dashboard.get("panels")) {
            out.add(p);
            if (p.has("panels")) {
                p.get("panels").forEach(out::add);
            }
        }
        return out;
    }

    /** Each query of the dashboard, by where it is: panel title and ref id, or the variable. */
    Map<String, String> expressions() throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode panel : panels(dashboard())) {
            if (panel.has("targets")) {
                for (JsonNode target : panel.get("targets")) {
                    out.put(panel.get("title").asString() + " / " + target.get("refId").asString(), target.get("expr").asString());
                }
            }
        }
        return out;
    }

    Scrape scrape() {
        var r = admin().get("/actuator/prometheus");
        assertThat(r.status()).isEqualTo(200);
        return Scrape.parse(r.body());
    }

    @Test
    void everyMetricTheDashboardQueriesIsExposed() throws Exception {
        Set<String> exposed = scrape().names();
        Map<String, Set<String>> missing = new LinkedHashMap<>();
        Map<String, String> queries = expressions();
        queries.put("variable application", variableMetric());
        queries.forEach((where, expr) -> {
            Set<String> names = PromQl.metricNames(expr);
            assertThat(names).as("metrics in " + where + ": " + expr).isNotEmpty();
            Set<String> absent = new LinkedHashSet<>(names);
            absent.removeAll(exposed);
            if (!absent.isEmpty()) {
                missing.put(where, absent);
            }
        });
        assertThat(missing).as("metrics the dashboard queries that the application does not expose").isEmpty();
    }

    @Test
    void everyLabelValueItFiltersOnAndEveryLabelItGroupsByIsExposed() throws Exception {
        Scrape scrape = scrape();
        List<String> problems = new ArrayList<>();
        expressions().forEach((where, expr) -> {
            for (PromQl.Equality eq : PromQl.equalities(expr)) {
                if (scrape.samples().stream().noneMatch(s -> s.name().equals(eq.metric())
                        && eq.value().equals(s.labels().get(eq.label())))) {
                    problems.add(where + ": no " + eq.metric() + "{" + eq.label() + "=\"" + eq.value() + "\"}");
                }
            }
            Set<String> metrics = PromQl.metricNames(expr);
            for (String label : PromQl.groupingLabels(expr)) {
                if (scrape.samples().stream().noneMatch(s -> metrics.contains(s.name()) && s.labels().containsKey(label))) {
                    problems.add(where + ": no label " + label + " on " + metrics);
                }
            }
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void itCoversWhatTheIssueAsksFor() throws Exception {
        Set<String> queried = new HashSet<>();
        expressions().values().forEach(e -> queried.addAll(PromQl.metricNames(e)));
        assertThat(queried).contains(
                "http_server_requests_seconds_bucket", "shopkeeper_webhook_latency_seconds_bucket",    // latency
                "shopkeeper_queue_depth",                                                               // queue
                "shopkeeper_llm_latency_seconds_bucket", "shopkeeper_llm_tokens_total", "shopkeeper_llm_cost_usd_total",
                "http_server_requests_seconds_count", "shopkeeper_calls_refused_total",                // errors
                "shopkeeper_queue_processed_total",
                "shopkeeper_state_entries_total", "shopkeeper_orders_total", "shopkeeper_orders_paid_total", // funnel
                "shopkeeper_funnel_conversion_rate", "shopkeeper_conversations_current");
        assertThat(String.join("\n", expressions().values())).contains("outcome=\"dead\"").contains("status=~\"5..\"");
    }

    @Test
    void itImportsOverOnePrometheusDataSourceInput() throws Exception {
        JsonNode d = dashboard();
        JsonNode input = d.get("__inputs").get(0);
        assertThat(input.get("name").asString()).isEqualTo("DS_PROMETHEUS");
        assertThat(input.get("type").asString()).isEqualTo("datasource");
        assertThat(input.get("pluginId").asString()).isEqualTo("prometheus");
        assertThat(d.get("uid").asString()).isEqualTo("shopkeeper");
        assertThat(d.get("title").asString()).isEqualTo("Shopkeeper");
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : panels(d)) {
            assertThat(ids.add(panel.get("id").asInt())).as("panel ids are unique").isTrue();
            if (!panel.get("type").asString().equals("row")) {
                String title = panel.get("title").asString();
                assertThat(panel.get("datasource").get("uid").asString()).as(title).isEqualTo(DATASOURCE);
                assertThat(panel.get("targets")).as(title).isNotEmpty();
                panel.get("targets").forEach(t -> assertThat(t.get("datasource").get("uid").asString()).as(title).isEqualTo(DATASOURCE));
                assertThat(panel.get("gridPos").get("x").asInt() + panel.get("gridPos").get("w").asInt()).as(title)
                        .isLessThanOrEqualTo(24);
            }
        }
        assertThat(d.get("templating").get("list").get(0).get("datasource").get("uid").asString()).isEqualTo(DATASOURCE);
    }

    @Test
    void namesAreTakenFromExpressionsNotFunctionsLabelsOrVariables() {
        String expr = "histogram_quantile(0.99, sum by (le, uri) (rate(http_server_requests_seconds_bucket"
                + "{application=\"$application\", uri!~\"/actuator.*\", status=\"200\"}[$__rate_interval]))) "
                + "/ on(uri) group_left sum without (instance) (increase(shopkeeper_made_up_total{outcome=\"x\"}[1h])) * 60";
        assertThat(PromQl.metricNames(expr)).containsExactly("http_server_requests_seconds_bucket", "shopkeeper_made_up_total");
        assertThat(PromQl.equalities(expr)).containsExactly(
                new PromQl.Equality("http_server_requests_seconds_bucket", "status", "200"),
                new PromQl.Equality("shopkeeper_made_up_total", "outcome", "x"));
        assertThat(PromQl.groupingLabels(expr)).containsExactly("uri", "instance");
        // What the first test would report for a metric the application does not have.
        Set<String> absent = new LinkedHashSet<>(PromQl.metricNames(expr));
        absent.removeAll(scrape().names());
        assertThat(absent).containsExactly("shopkeeper_made_up_total");
    }

    private String variableMetric() throws Exception {
        String query = dashboard().get("templating").get("list").get(0).get("query").get("query").asString();
        Matcher m = Pattern.compile("label_values\\(([a-zA-Z_:][a-zA-Z0-9_:]*),\\s*application\\)").matcher(query);
        assertThat(m.matches()).as(query).isTrue();
        return m.group(1);
    }
}
