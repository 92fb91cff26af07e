package com.shopkeeper.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.shopkeeper.support.Http;
import com.shopkeeper.support.IsolatedApp;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 13, item 3 on SQLite, whose one write lock a 50k-row import in one transaction held for
 * about a minute, longer than the busy timeout, so every write beside it failed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        // A short busy timeout: an import that holds the write lock longer than this fails every write
        // beside it, as the default (30 s) was outlasted by a 50k-row import in one transaction.
        "shopkeeper.db.busy-timeout-millis=3000",
        "shopkeeper.catalog.import-recovery-interval=1s"})
@Import(StagedImportContract.QuickEmbeddings.class)
class StagedImportTest extends StagedImportContract {

    static final IsolatedApp APP = IsolatedApp.create("staged-import", 9);

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) {
        APP.configure(registry);
    }

    @Test
    void adminWritesGoOnWhileALargeImportIsWritten() throws Exception {
        String category = "Bulk-" + run;
        int rows = 30_000;
        String body = IntStream.range(0, rows)
                .mapToObj(i -> line("BULK-" + run + "-" + i, "Bulk thing " + i, "3.50", category))
                .collect(Collectors.joining("\n"));
        Http slow = admin().withTimeout(Duration.ofMinutes(5));
        CompletableFuture<Http.Response> imported = CompletableFuture.supplyAsync(
                () -> slow.post("/api/admin/products/import", "application/x-ndjson", body));

        // Meanwhile the shop owner keeps editing: each write is its own short transaction.
        List<Integer> statuses = new ArrayList<>();
        int n = 0;
        while (!imported.isDone()) {
            Http.Response r = admin().postJson("/api/admin/products", Map.of("name", "Edited meanwhile " + n,
                    "price", "1.00", "categories", List.of("Meanwhile-" + run)));
            statuses.add(r.status());
            n++;
        }
        Http.Response result = imported.get();
        assertThat(result.status()).as(result.body()).isEqualTo(200);
        assertThat(result.json().get("created").asInt()).isEqualTo(rows);
        assertThat(statuses).as("writes made while the import ran").hasSizeGreaterThan(3);
        assertThat(statuses).as("every write beside the import succeeded").containsOnly(201);
        assertThat(inCategory(category)).isEqualTo(rows);
        assertThat(inCategory("Meanwhile-" + run)).isEqualTo(statuses.size());
        assertThat(journal.publishing()).as("the publishing slot is free again").isEmpty();
    }

    /** A write that still finds the lock held past the busy timeout is told to come back, not a 500. */
    @Test
    void aWriteThatFindsTheDatabaseBusyIsToldToTryAgain() throws Exception {
        try (Connection holder = DriverManager.getConnection("jdbc:sqlite:" + APP.dir().resolve("shopkeeper.db"));
             Statement s = holder.createStatement()) {
            s.execute("BEGIN IMMEDIATE"); // SQLite's write lock, held past the 3 s busy timeout
            Http.Response r = admin().postJson("/api/admin/products", Map.of("name", "Blocked", "price", "1.00"));
            s.execute("ROLLBACK");
            assertThat(r.status()).as(r.body()).isEqualTo(503);
            assertThat(r.header("Retry-After")).isNotBlank();
            assertThat(r.header("Content-Type")).startsWith("application/problem+json");
            assertThat(r.body()).doesNotContain("SQLITE").doesNotContain("insert into");
        }
        assertThat(admin().postJson("/api/admin/products", Map.of("name", "Not blocked", "price", "1.00")).status())
                .isEqualTo(201);
    }
}
