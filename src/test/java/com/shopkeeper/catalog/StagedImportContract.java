package com.shopkeeper.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.shopkeeper.llm.EmbeddingModel;
import com.shopkeeper.support.Eventually;
import com.shopkeeper.support.Http;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 13, item 3: an import lands whole or not at all, even when its instance dies in the middle,
 * and two imports never mix; on each database engine ({@link StagedImportTest}, {@link PostgresStagedImportTest}).
 */
abstract class StagedImportContract {

    @LocalServerPort int port;
    @Autowired JsonMapper json;
    @Autowired ImportJournal journal;
    @Autowired StagedImports imports;
    @Autowired TransactionTemplate tx;

    final String run = UUID.randomUUID().toString().substring(0, 6);

    /** Embeddings made in an instant: search is not what these tests are about. */
    @TestConfiguration
    static class QuickEmbeddings {
        @Bean
        @Primary
        EmbeddingModel quickEmbeddings() {
            return new EmbeddingModel() {
                @Override
                public List<float[]> embedAll(List<String> texts) {
                    return texts.stream().map(t -> {
                        float[] v = new float[8];
                        v[Math.floorMod(t.hashCode(), 8)] = 1f;
                        return v;
                    }).toList();
                }

                @Override
                public int dimensions() {
                    return 8;
                }

                @Override
                public String name() {
                    return "quick-test-embeddings";
                }
            };
        }
    }

    Http admin() {
        return new Http("http://localhost:" + port, json).withToken(com.shopkeeper.support.AppTest.ADMIN_TOKEN);
    }

    String line(String sku, String name, String price, String category) {
        return "{\"sku\":\"" + sku + "\",\"name\":\"" + name + "\",\"price\":\"" + price
                + "\",\"categories\":[\"" + category + "\"],\"description\":\"A sturdy thing for every day.\"}";
    }

    long inCategory(String category) {
        return admin().get("/api/admin/products?size=1&category=" + category).json().get("total").asLong();
    }

    @Test
    void anImportWhoseInstanceDiedAfterItsCommitPointIsFinishedByAnother() {
        String category = "Orphan-" + run;
        String id = UUID.randomUUID().toString();
        List<ProductDraft> drafts = IntStream.range(0, 1_200)
                .mapToObj(i -> new ProductDraft("ORPH-" + run + "-" + i, "Orphan " + i, "", com.shopkeeper.money.Money.of("2.00", "USD"),
                        List.of(category), null, true, Map.of()))
                .toList();
        List<String> staged = drafts.stream()
                .map(d -> StagedImports.staged(d)).toList();
        // What a SIGKILL leaves after the commit point and one applied chunk: the rest still staged,
        // the slot held, the lease of an instance that will never renew it running out.
        Duration gone = Duration.ofSeconds(-1);
        tx.executeWithoutResult(s -> {
            journal.open(id, drafts.size(), "a-dead-instance", gone);
            journal.stage(id, 0, staged);
            assertThat(journal.startPublishing(id, "a-dead-instance", gone)).isTrue();
        });
        assertThat(inCategory(category)).as("staged rows are invisible").isZero();

        // Another import meanwhile waits for the slot, and does not wait forever.
        Http.Response next = admin().withTimeout(Duration.ofMinutes(2)).post("/api/admin/products/import",
                "application/x-ndjson", line("NEXT-" + run, "Next in line", "4.00", "Next-" + run));
        assertThat(next.status()).as(next.body()).isEqualTo(200);

        Eventually.until(() -> inCategory(category) == drafts.size());
        assertThat(inCategory("Next-" + run)).isEqualTo(1);
        assertThat(journal.publishing()).isEmpty();
    }

    @Test
    void anImportAbandonedWhileStagingIsDiscardedAndNothingOfItIsSeen() {
        String category = "Abandoned-" + run;
        String id = UUID.randomUUID().toString();
        List<String> staged = IntStream.range(0, 50)
                .mapToObj(i -> StagedImports.staged(new ProductDraft(null, "Never " + i, "",
                        com.shopkeeper.money.Money.of("2.00", "USD"), List.of(category), null, true, Map.of())))
                .toList();
        tx.executeWithoutResult(s -> {
            journal.open(id, staged.size(), "a-dead-instance", Duration.ofSeconds(-1));
            journal.stage(id, 0, staged);
        });
        Eventually.until(() -> tx.execute(s -> journal.expired(ImportJournal.STAGING).isEmpty()));
        assertThat(inCategory(category)).isZero();
        assertThat(tx.execute(s -> journal.next(id, 10)).size()).as("the staged rows went with it").isZero();
    }

    @Test
    void twoImportsOfTheSameSkusLandOneAfterTheOtherNeverMixed() throws Exception {
        String category = "Race-" + run;
        String first = importBody(category, "1.00");
        String second = importBody(category, "2.00");
        Http slow = admin().withTimeout(Duration.ofMinutes(5));
        AtomicBoolean go = new AtomicBoolean();
        CompletableFuture<Http.Response> a = CompletableFuture.supplyAsync(() -> {
            Eventually.until(go::get);
            return slow.post("/api/admin/products/import", "application/x-ndjson", first);
        });
        CompletableFuture<Http.Response> b = CompletableFuture.supplyAsync(() -> {
            Eventually.until(go::get);
            return slow.post("/api/admin/products/import", "application/x-ndjson", second);
        });
        go.set(true);
        assertThat(a.get().status()).as(a.get().body()).isEqualTo(200);
        assertThat(b.get().status()).as(b.get().body()).isEqualTo(200);

        Set<String> prices = new TreeSet<>();
        int total = admin().get("/api/admin/products?size=1&category=" + category).json().get("total").asInt();
        for (int page = 0; page < (total + 99) / 100; page++) {
            JsonNode items = admin().get("/api/admin/products?size=100&page=" + page + "&category=" + category).json().get("items");
            items.forEach(p -> prices.add(p.get("price").asString()));
        }
        assertThat(total).isEqualTo(2_000);
        assertThat(prices).as("one import's prices throughout, not a mix of the two").hasSize(1);
    }

    /** A description as long as the API allows, on more rows than one statement of the keyword index takes. */
    @Test
    void longDescriptionsOnManyRowsImport() {
        String category = "Long-" + run;
        String description = "Hand made and built to last. ".repeat(180).substring(0, 5000);
        String body = IntStream.range(0, 1_200)
                .mapToObj(i -> "{\"name\":\"Long " + i + "\",\"price\":\"1.00\",\"categories\":[\"" + category
                        + "\"],\"description\":\"" + description + "\"}")
                .collect(Collectors.joining("\n"));
        Http.Response r = admin().withTimeout(Duration.ofMinutes(2)).post("/api/admin/products/import", "application/x-ndjson", body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(inCategory(category)).isEqualTo(1_200);
    }

    private String importBody(String category, String price) {
        return IntStream.range(0, 2_000)
                .mapToObj(i -> line("RACE-" + run + "-" + i, "Race " + i, price, category))
                .collect(Collectors.joining("\n"));
    }
}
