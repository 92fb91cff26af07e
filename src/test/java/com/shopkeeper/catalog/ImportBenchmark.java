package com.shopkeeper.catalog;

import com.shopkeeper.ShopkeeperApplication;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.zip.GZIPInputStream;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code ./sk -Pbench-import verify}: what a large catalog import does to the writes beside it.
 * The whole application on a fresh SQLite file (default settings: 30 s busy timeout, real embeddings
 * in the background) takes the 50k catalog through {@code POST /api/admin/products/import} three
 * times: new, the same file again, every product renamed. Meanwhile an admin creates a product
 * every 50 ms, each its own write transaction, as a turn's writes are. Reports per import its time
 * and the writes beside it: how many, how many failed, and their latency.
 */
public final class ImportBenchmark {

    private static final String TOKEN = "bench-token-0123456789abcdef";

    private ImportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path base = Path.of(System.getProperty("bench.base", "."));
        Path catalog = base.resolve(System.getProperty("bench.catalog", "../shared/data/catalog-50k.jsonl.gz"));
        Path out = base.resolve("target/bench");
        Path db = out.resolve("import-bench.db");
        Files.createDirectories(out);
        for (String suffix : List.of("", "-wal", "-shm")) {
            Files.deleteIfExists(Path.of(db + suffix));
        }
        String body;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(catalog), 1 << 16)) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        ConfigurableApplicationContext app = new SpringApplicationBuilder(ShopkeeperApplication.class)
                .properties(Map.of(
                        "server.port", "0",
                        "logging.level.root", "WARN",
                        "logging.level.com.shopkeeper.catalog", "INFO",
                        "shopkeeper.db.url", "jdbc:sqlite:" + db.toAbsolutePath(),
                        "shopkeeper.crypto.key-dir", out.resolve("import-keys").toAbsolutePath().toString(),
                        "shopkeeper.admin.bootstrap-token", TOKEN,
                        "shopkeeper.catalog.seed-demo", "false"))
                .run();
        try {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            String url = "http://127.0.0.1:" + port;
            System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java "
                    + System.getProperty("java.version"));
            run(url, "50k new products", body);
            run(url, "the same file again", body);
            run(url, "every product renamed", body.replace("\"name\": \"", "\"name\": \"Renamed "));
        } finally {
            app.close();
        }
    }

    private static void run(String url, String what, String body) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        long start = System.nanoTime();
        CompletableFuture<HttpResponse<String>> imported = client.sendAsync(HttpRequest.newBuilder(URI.create(url + "/api/admin/products/import"))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/x-ndjson")
                .timeout(Duration.ofMinutes(15))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        List<Long> took = new ArrayList<>();
        int failed = 0;
        int n = 0;
        while (!imported.isDone()) {
            long t0 = System.nanoTime();
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url + "/api/admin/products"))
                    .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Beside the import " + n++ + "\",\"price\":\"1.00\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            long t = System.nanoTime() - t0;
            took.add(t);
            if (r.statusCode() != 201) {
                failed++;
            }
            if (t > 1_000_000_000L || r.statusCode() != 201) {
                System.out.printf(Locale.ROOT, "  a write %.1f s into the import took %.1f s: %d%n",
                        (t0 - start) / 1e9, t / 1e9, r.statusCode());
            }
            Thread.sleep(50);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        HttpResponse<String> result = imported.get();
        Collections.sort(took);
        System.out.printf(Locale.ROOT, "%-22s import %.1f s (%d %s); writes beside it %d, failed %d, p50 %.0f ms, p99 %.0f ms, max %.0f ms%n",
                what, seconds, result.statusCode(), result.body().length() > 120 ? result.body().substring(0, 120) : result.body(),
                took.size(), failed, pct(took, 0.50), pct(took, 0.99), took.isEmpty() ? 0 : took.getLast() / 1e6);
    }

    private static double pct(List<Long> sorted, double p) {
        return sorted.isEmpty() ? 0 : sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(sorted.size() * p) - 1)) / 1e6;
    }
}
