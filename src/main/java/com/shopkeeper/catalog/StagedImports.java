package com.shopkeeper.catalog;

import com.shopkeeper.config.Ids;
import com.shopkeeper.money.Money;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes an import in short transactions, all or nothing as its caller sees it (issue 13, item 3).
 *
 * <ol>
 * <li><b>Staging</b>: the validated rows go to {@code product_import_rows}, a chunk per
 *     transaction. Nothing a shopper or an admin reads changes. A failure here deletes the import.</li>
 * <li><b>Commit point</b>: one short transaction marks the import PUBLISHING. Only one import
 *     publishes at a time (a unique slot), so two imports of the same sku land in the order they
 *     reached this point.</li>
 * <li><b>Publishing</b>: each transaction applies the next chunk of staged rows to the products,
 *     the keyword index with them ({@link ProductsChanged}), and deletes those staged rows. A crash
 *     in the middle leaves the rest staged; whoever takes the lease over next applies it.</li>
 * </ol>
 *
 * <p>Each transaction holds SQLite's write lock for one chunk (about a tenth of a second for 500
 * rows), so turns and admin writes go on during a 50k-row import, which in one transaction held the
 * lock for a minute, longer than the busy timeout. The price: while an import publishes, a search may
 * see part of it. The lease ({@code shopkeeper.catalog.import-lease}) is renewed by every chunk; the
 * recovery below takes over an import whose lease ran out: it finishes a published one and
 * discards one still being staged.
 */
@Component
class StagedImports {

    private static final Logger log = LoggerFactory.getLogger(StagedImports.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration WAIT_STEP = Duration.ofMillis(200);

    /** Names this instance as a lease owner. */
    private final String owner = "instance-" + Ids.next();
    private final ImportJournal journal;
    private final ProductService products;
    private final TransactionTemplate tx;
    private final CatalogProperties props;

    StagedImports(ImportJournal journal, ProductService products, TransactionTemplate tx, CatalogProperties props) {
        this.journal = journal;
        this.products = products;
        this.tx = tx;
        this.props = props;
    }

    /** A draft as staged: the price as a decimal string, so it comes back exactly. */
    record StagedDraft(String sku, String name, String description, String price, String currency,
                       List<String> categories, String imageUrl, boolean inStock, Map<String, Object> attributes) {

        static StagedDraft of(ProductDraft d) {
            return new StagedDraft(d.sku(), d.name(), d.description(), d.price().amount().toPlainString(),
                    d.price().currencyCode(), d.categories(), d.imageUrl(), d.inStock(), d.attributes());
        }

        ProductDraft draft() {
            return new ProductDraft(sku, name, description, Money.of(new BigDecimal(price), currency), categories,
                    imageUrl, inStock, attributes);
        }
    }

    /** A draft as it is kept in {@code product_import_rows}. */
    static String staged(ProductDraft draft) {
        return JSON.writeValueAsString(StagedDraft.of(draft));
    }

    ImportJournal.Counts run(List<ProductDraft> drafts) {
        String id = Ids.next();
        Duration lease = props.importLease();
        inTx(() -> journal.open(id, drafts.size(), owner, lease));
        try {
            int chunk = props.importChunkRows();
            for (int from = 0; from < drafts.size(); from += chunk) {
                int first = from;
                List<String> rows = drafts.subList(from, Math.min(drafts.size(), from + chunk)).stream()
                        .map(StagedImports::staged).toList();
                inTx(() -> {
                    requireLease(id);
                    journal.stage(id, first, rows);
                });
            }
            awaitCommitPoint(id);
        } catch (RuntimeException e) {
            discardQuietly(id);
            throw e;
        }
        try {
            publish(id);
            return inTx(() -> journal.finish(id));
        } catch (RuntimeException e) {
            // Past the commit point the import is the catalog's: the lease runs out and recovery finishes it.
            throw new ImportUnfinishedException(id, props.importLease(), e);
        }
    }

    /** Waits while another import publishes; helps it along if its owner is gone. */
    private void awaitCommitPoint(String id) {
        while (true) {
            boolean started;
            try {
                started = inTx(() -> journal.startPublishing(id, owner, props.importLease()));
            } catch (DataAccessException e) {
                started = false; // PostgreSQL: another import took the slot at the same moment
            }
            if (started) {
                return;
            }
            try {
                recoverExpired();
            } catch (RuntimeException e) {
                log.warn("product import {}: could not take over a stalled import yet; waiting", id, e);
            }
            inTx(() -> requireLease(id));
            sleep(WAIT_STEP);
        }
    }

    private void publish(String id) {
        int chunk = props.importChunkRows();
        while (true) {
            boolean more = inTx(() -> {
                requireLease(id);
                List<ImportJournal.StagedRow> rows = journal.next(id, chunk);
                if (rows.isEmpty()) {
                    return false;
                }
                List<ProductDraft> drafts = new ArrayList<>(rows.size());
                for (ImportJournal.StagedRow row : rows) {
                    drafts.add(JSON.readValue(row.draft(), StagedDraft.class).draft());
                }
                ProductRepository.Upserted done = products.importAll(drafts);
                journal.applied(id, rows.getLast().position(), done.created().size(), done.updated().size());
                return true;
            });
            if (!more) {
                return;
            }
        }
    }

    /**
     * Finishes published imports and discards staged ones whose owner stopped renewing its lease
     * (a crash, a kill, a stop in the middle). Runs on every instance; the lease decides which one
     * does the work.
     */
    @Scheduled(initialDelayString = "${shopkeeper.catalog.import-recovery-interval:PT30S}",
            fixedDelayString = "${shopkeeper.catalog.import-recovery-interval:PT30S}")
    void recoverExpired() {
        for (String id : inTx(() -> journal.expired(ImportJournal.STAGING))) {
            if (inTx(() -> journal.discardExpired(id))) {
                log.warn("product import {}: abandoned while staging (its instance stopped); discarded, nothing was applied", id);
            }
        }
        for (String id : inTx(() -> journal.expired(ImportJournal.PUBLISHING))) {
            if (inTx(() -> journal.takeOver(id, owner, props.importLease()))) {
                log.warn("product import {}: taken over after its instance stopped while publishing; finishing it", id);
                publish(id);
                ImportJournal.Counts counts = inTx(() -> journal.finish(id));
                log.info("product import {} finished: {} rows, {} created, {} updated", id, counts.total(),
                        counts.created(), counts.updated());
            }
        }
    }

    private void requireLease(String id) {
        if (!journal.renew(id, owner, props.importLease())) {
            throw new IllegalStateException("product import " + id + " was taken over by another instance");
        }
    }

    private void discardQuietly(String id) {
        try {
            inTx(() -> journal.discard(id));
        } catch (RuntimeException e) {
            log.warn("product import {}: could not discard the staged rows now; recovery will once its lease runs out", id, e);
        }
    }

    private <T> T inTx(Supplier<T> work) {
        return tx.execute(status -> work.get());
    }

    private void inTx(Runnable work) {
        tx.executeWithoutResult(status -> work.run());
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for another import to publish", e);
        }
    }

}
