package com.shopkeeper.catalog.search;

import com.shopkeeper.ShopkeeperApplication;
import com.shopkeeper.catalog.ProductImporter;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Relevance and speed of product search on the 50k benchmark catalog, through the same services
 * the application runs, over a real SQLite file. Not a test: run it with
 * {@code ./sk -Pbench verify} (see docs/search.md). System properties:
 * {@code bench.catalog}, {@code bench.queries}, {@code bench.db}, {@code bench.reuse=true} (keep an
 * imported database between runs while tuning query-time settings), {@code bench.filters=false}.
 */
public final class SearchBenchmark {

    private static final String[] MODES = {"keyword", "semantic", "hybrid"};

    record Query(String id, String text, String style, String category, BigDecimal maxPrice, Set<String> exact,
                 Set<String> partial) {
    }

    public static void main(String[] args) throws Exception {
        Path base = Path.of(System.getProperty("bench.base", "."));
        Path catalog = base.resolve(System.getProperty("bench.catalog", "../shared/data/catalog-50k.jsonl.gz"));
        Path queriesFile = base.resolve(System.getProperty("bench.queries", "../shared/data/search-relevance/dev.jsonl"));
        Path out = base.resolve("target/bench");
        Path db = base.resolve(System.getProperty("bench.db", "target/bench/search-bench.db"));
        boolean reuse = Boolean.getBoolean("bench.reuse");
        boolean useFilters = !"false".equals(System.getProperty("bench.filters"));
        Files.createDirectories(out);
        if (!reuse) {
            for (String suffix : List.of("", "-wal", "-shm")) {
                Files.deleteIfExists(Path.of(db + suffix));
            }
        }
        JsonMapper json = JsonMapper.builder().build();
        List<Query> queries = readQueries(json, queriesFile);

        ConfigurableApplicationContext app = new SpringApplicationBuilder(ShopkeeperApplication.class)
                .properties(Map.ofEntries(
                        Map.entry("server.port", "0"),
                        Map.entry("logging.level.root", "WARN"),
                        Map.entry("logging.level.com.shopkeeper.catalog.search", "INFO"),
                        Map.entry("logging.level.com.shopkeeper.llm", "INFO"),
                        Map.entry("shopkeeper.db.url", "jdbc:sqlite:" + db.toAbsolutePath()),
                        Map.entry("shopkeeper.crypto.key-dir", out.resolve("keys").toAbsolutePath().toString()),
                        Map.entry("shopkeeper.admin.bootstrap-token", "bench-token-0123456789abcdef"),
                        Map.entry("shopkeeper.catalog.seed-demo", "false"),
                        Map.entry("shopkeeper.catalog.max-import-rows", "1000000")))
                .run();
        try {
            ProductSearch search = app.getBean(ProductSearch.class);
            Map<String, String> report = new LinkedHashMap<>();
            report.put("machine", Runtime.getRuntime().availableProcessors() + " cores, Java "
                    + System.getProperty("java.version") + ", max heap " + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB");
            if (!reuse || search.status().products() == 0) {
                importCatalog(app, search, catalog, report);
            } else {
                waitForVectors(search, System.nanoTime());
            }
            heap(report);
            annRecall(app, search, queries, report);

            Map<String, Map<String, double[]>> results = new LinkedHashMap<>();
            Map<String, double[]> latency = new LinkedHashMap<>();
            Map<String, ProductSearch> searches = new LinkedHashMap<>();
            for (String mode : System.getProperty("bench.modes", String.join(",", MODES)).split(",")) {
                searches.put(mode, search);
            }
            // Query-time settings to compare in one run: "name:key=value,key=value;name2:..." (hybrid).
            for (String variant : System.getProperty("bench.variants", "").split(";")) {
                if (!variant.isBlank()) {
                    searches.put("hybrid/" + variant.substring(0, variant.indexOf(':')), variant(app, variant));
                }
            }
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            for (var entry : searches.entrySet()) {
                String mode = entry.getKey();
                SearchMode m = SearchMode.valueOf(mode.replaceAll("/.*", "").toUpperCase(Locale.ROOT));
                run(entry.getValue(), queries, m, useFilters); // warm-up: JIT, caches
                long[] took = new long[queries.size()];
                long[] cpu = new long[queries.size()];
                Map<String, List<String>> runs = new LinkedHashMap<>();
                for (int i = 0; i < queries.size(); i++) {
                    Query q = queries.get(i);
                    long c0 = threads.getCurrentThreadCpuTime();
                    long t0 = System.nanoTime();
                    var hits = entry.getValue().search(request(q, m, useFilters)).hits();
                    took[i] = System.nanoTime() - t0;
                    cpu[i] = threads.getCurrentThreadCpuTime() - c0;
                    runs.put(q.id(), hits.stream().map(h -> h.product().sku()).toList());
                }
                writeRun(out.resolve("run-" + mode.replace('/', '-') + ".jsonl"), runs, json);
                Integer[] order = new Integer[queries.size()];
                for (int i = 0; i < order.length; i++) {
                    order[i] = i;
                }
                long[] unsorted = took.clone();
                Arrays.sort(order, (a, b) -> Long.compare(unsorted[b], unsorted[a]));
                StringBuilder slow = new StringBuilder("slowest " + mode + ":");
                for (int i = 0; i < 4; i++) {
                    slow.append(String.format(Locale.ROOT, " %s %.1f ms;", queries.get(order[i]).text(), unsorted[order[i]] / 1e6));
                }
                report.put("slowest " + mode, slow.toString());
                results.put(mode, score(queries, runs));
                Arrays.sort(took);
                Arrays.sort(cpu);
                latency.put(mode, new double[] {took[took.length / 2] / 1e6, took[(int) Math.ceil(took.length * 0.99) - 1] / 1e6,
                        cpu[cpu.length / 2] / 1e6, cpu[(int) Math.ceil(cpu.length * 0.99) - 1] / 1e6});
            }
            print(report, results, latency, useFilters);
        } finally {
            app.close();
        }
    }

    private static void importCatalog(ConfigurableApplicationContext app, ProductSearch search, Path catalog,
                                      Map<String, String> report) throws IOException {
        ProductImporter importer = app.getBean(ProductImporter.class);
        long start = System.nanoTime();
        try (InputStream in = catalog.toString().endsWith(".gz")
                ? new GZIPInputStream(Files.newInputStream(catalog), 1 << 16) : Files.newInputStream(catalog)) {
            importer.importFrom(in, ProductImporter.Format.JSON_LINES);
        }
        double rows = (System.nanoTime() - start) / 1e9;
        double all = waitForVectors(search, start);
        report.put("import", String.format(Locale.ROOT, "%d products: rows and keyword index %.1f s, vectors done at %.1f s",
                search.status().products(), rows, all));
    }

    private static double waitForVectors(ProductSearch search, long start) {
        while (true) {
            var status = search.status();
            if (status.products() > 0 && status.embedded() >= status.products()) {
                return (System.nanoTime() - start) / 1e9;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static void heap(Map<String, String> report) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        report.put("heap", String.format(Locale.ROOT, "%d MB used after GC, whole application with the catalog loaded",
                used / (1 << 20)));
    }

    /** How many of the exact top 10 neighbours the two-step vector search finds. */
    private static void annRecall(ConfigurableApplicationContext app, ProductSearch search, List<Query> queries,
                                  Map<String, String> report) {
        VectorIndex index = app.getBean(VectorIndex.class);
        var model = app.getBean(com.shopkeeper.llm.EmbeddingModel.class);
        SearchProperties props = app.getBean(SearchProperties.class);
        SearchFilter none = new SearchFilter(null, null, null, null, "USD");
        double found = 0;
        for (Query q : queries) {
            float[] v = model.embed(QueryParser.parse(q.text()).semanticText());
            Set<String> exact = new HashSet<>(index.exactNearest(v, none, 10).stream().map(Scored::productId).toList());
            found += index.nearest(v, none, 10, props.shortlist()).stream().filter(s -> exact.contains(s.productId())).count();
        }
        report.put("vector recall@10", String.format(Locale.ROOT, "%.3f of the exact scan's top 10 (shortlist %d)",
                found / (queries.size() * 10.0), props.shortlist()));
    }

    private static void run(ProductSearch search, List<Query> queries, SearchMode mode, boolean filters) {
        for (Query q : queries) {
            search.search(request(q, mode, filters));
        }
    }

    private static ProductSearch.Request request(Query q, SearchMode mode, boolean filters) {
        return new ProductSearch.Request(q.text(), mode, filters ? q.category() : null, null,
                filters ? q.maxPrice() : null, null, 10);
    }

    /** NDCG@10 (gains 2 exact, 1 partial), Recall@10 of exact products, MRR; as score.py computes them. */
    private static Map<String, double[]> score(List<Query> queries, Map<String, List<String>> runs) {
        Map<String, List<double[]>> byStyle = new TreeMap<>();
        for (Query q : queries) {
            List<String> ranked = runs.getOrDefault(q.id(), List.of());
            List<String> top = ranked.subList(0, Math.min(10, ranked.size()));
            double dcg = 0;
            for (int i = 0; i < top.size(); i++) {
                int gain = q.exact().contains(top.get(i)) ? 2 : q.partial().contains(top.get(i)) ? 1 : 0;
                dcg += gain / (Math.log(i + 2) / Math.log(2));
            }
            double idcg = 0;
            int slots = 0;
            for (int i = 0; i < q.exact().size() && slots < 10; i++, slots++) {
                idcg += 2 / (Math.log(slots + 2) / Math.log(2));
            }
            for (int i = 0; i < q.partial().size() && slots < 10; i++, slots++) {
                idcg += 1 / (Math.log(slots + 2) / Math.log(2));
            }
            double recall = q.exact().isEmpty() ? 0
                    : top.stream().filter(q.exact()::contains).count() / (double) Math.min(10, q.exact().size());
            double rr = 0;
            for (int i = 0; i < ranked.size(); i++) {
                if (q.exact().contains(ranked.get(i))) {
                    rr = 1.0 / (i + 1);
                    break;
                }
            }
            double[] m = {idcg > 0 ? dcg / idcg : 0, recall, rr};
            byStyle.computeIfAbsent(q.style(), k -> new ArrayList<>()).add(m);
            byStyle.computeIfAbsent("~overall", k -> new ArrayList<>()).add(m);
        }
        Map<String, double[]> avg = new LinkedHashMap<>();
        byStyle.forEach((style, ms) -> {
            double[] a = new double[4];
            for (double[] m : ms) {
                for (int i = 0; i < 3; i++) {
                    a[i] += m[i] / ms.size();
                }
            }
            a[3] = ms.size();
            avg.put(style.equals("~overall") ? "overall" : style, a);
        });
        return avg;
    }

    private static ProductSearch variant(ConfigurableApplicationContext app, String spec) throws Exception {
        SearchProperties base = app.getBean(SearchProperties.class);
        var components = SearchProperties.class.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            values[i] = components[i].getAccessor().invoke(base);
            types[i] = components[i].getType();
        }
        for (String setting : spec.substring(spec.indexOf(':') + 1).split(",")) {
            String[] kv = setting.split("=");
            for (int i = 0; i < components.length; i++) {
                if (components[i].getName().equals(kv[0].strip())) {
                    String v = kv[1].strip();
                    values[i] = types[i] == int.class ? Integer.valueOf(v) : types[i] == long.class ? Long.valueOf(v)
                            : types[i] == double.class ? Double.valueOf(v) : types[i] == boolean.class ? Boolean.valueOf(v) : v;
                }
            }
        }
        var props = SearchProperties.class.getDeclaredConstructor(types).newInstance(values);
        return new ProductSearch(app.getBean(KeywordIndex.class), app.getBean(VectorIndex.class),
                app.getBean(Vocabulary.class), app.getBean(com.shopkeeper.llm.EmbeddingModel.class),
                app.getBean(com.shopkeeper.catalog.ProductService.class), app.getBean(SearchRepository.class),
                app.getBean(SearchIndexer.class), props, app.getBean(com.shopkeeper.catalog.CatalogProperties.class));
    }

    private static void print(Map<String, String> report, Map<String, Map<String, double[]>> results,
                              Map<String, double[]> latency, boolean filters) {
        System.out.println();
        System.out.println("## Search benchmark" + (filters ? " (the queries' stated filters passed as filters)" : " (no filters)"));
        report.forEach((k, v) -> System.out.println("- " + k + ": " + v));
        System.out.println();
        List<String> modes = List.copyOf(results.keySet());
        System.out.println("| style | n | " + String.join(" | ", modes.stream().map(m -> m + " NDCG@10 | R@10").toList()) + " |");
        System.out.println("|---|---|" + "---|---|".repeat(modes.size()));
        for (String style : results.get(modes.getFirst()).keySet()) {
            StringBuilder row = new StringBuilder("| " + style + " | " + (int) results.get(modes.getFirst()).get(style)[3]);
            for (String mode : modes) {
                double[] m = results.get(mode).get(style);
                row.append(String.format(Locale.ROOT, " | %.3f | %.3f", m[0], m[1]));
            }
            System.out.println(row + " |");
        }
        System.out.println();
        for (String mode : modes) {
            double[] l = latency.get(mode);
            System.out.printf(Locale.ROOT, "- %s latency: median %.2f ms, p99 %.2f ms (CPU time of the calling thread: median %.2f ms, p99 %.2f ms)%n",
                    mode, l[0], l[1], l[2], l[3]);
        }
    }

    private static void writeRun(Path file, Map<String, List<String>> runs, JsonMapper json) throws IOException {
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(file))) {
            runs.forEach((id, skus) -> w.println(json.writeValueAsString(Map.of("id", id, "skus", skus))));
        }
    }

    private static List<Query> readQueries(JsonMapper json, Path file) throws IOException {
        List<Query> queries = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode n = json.readTree(line);
            JsonNode f = n.path("filters");
            queries.add(new Query(n.get("id").asString(), n.get("query").asString(), n.get("style").asString(),
                    f.has("category") ? f.get("category").asString() : null,
                    f.has("max_price") ? new BigDecimal(f.get("max_price").asString()) : null,
                    strings(n.get("exact")), strings(n.get("partial"))));
        }
        return queries;
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> out = new HashSet<>();
        array.forEach(e -> out.add(e.asString()));
        return out;
    }
}
