package com.shopkeeper.catalog.search;

import com.shopkeeper.catalog.Product;
import com.shopkeeper.catalog.ProductService;
import com.shopkeeper.catalog.ProductsChanged;
import com.shopkeeper.llm.EmbeddingModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Keeps search in step with the catalog.
 *
 * <ul>
 * <li>The keyword index is written inside the transaction that changes the products, so it can
 *     never disagree with the products table.</li>
 * <li>Vectors are made after the commit on one background thread, in order: a single change
 *     waits for its vector (a few milliseconds) so that the next search sees it, unless a bulk
 *     embedding is under way, when it is embedded after the current batch; a bulk import
 *     is embedded in batches, with progress in the log, while searches go on (status shows how
 *     far it is).</li>
 * <li>At start-up the stored vectors are loaded, and any product without an index row or with a
 *     vector of other text or another model is indexed or embedded again.</li>
 * </ul>
 */
@Component
class SearchIndexer implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SearchIndexer.class);
    private static final int LOAD_CHUNK = 1000;
    private static final int PART_CACHE_SIZE = 32_000;

    private final KeywordIndex keywords;
    private final VectorIndex vectors;
    private final VectorRepository storedVectors;
    private final Vocabulary vocabulary;
    private final ProductService products;
    private final SearchRepository searchRows;
    private final EmbeddingModel model;
    private final TransactionTemplate tx;
    private final SearchProperties props;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("search-indexer").factory());
    /**
     * Writes vectors to the database, apart from the worker: a write waits for SQLite's lock, which a
     * request may hold while it waits for the worker's in-memory update (sqlite-jdbc begins the next
     * transaction at commit, so the lock is held until the connection is cleaned up). On one thread
     * the two would wait for each other until the request gave up.
     */
    private final ExecutorService persister = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("search-vectors-writer").factory());
    private final AtomicInteger pendingBatches = new AtomicInteger();
    /** Background batches of bulk changes, taken one at a time by the worker between single changes. */
    private final java.util.Queue<Runnable> background = new java.util.concurrent.ConcurrentLinkedQueue<>();
    /** Whether a {@link #nextBackgroundBatch} is queued or running. */
    private final java.util.concurrent.atomic.AtomicBoolean draining = new java.util.concurrent.atomic.AtomicBoolean();
    private static final long STATISTICS_EVERY_NANOS = 30_000_000_000L;
    /** When the worker last refreshed the planner's statistics (System.nanoTime), 0 for never. */
    private long lastStatistics;
    /**
     * Vectors of recently embedded parts (facet texts, sentences), used only by the worker thread.
     * Bounded: about 1.5 KB an entry, so at most some 50 MB.
     */
    private final Map<String, float[]> partCache = new java.util.LinkedHashMap<>(1 << 12, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
            return size() > PART_CACHE_SIZE;
        }
    };

    SearchIndexer(KeywordIndex keywords, VectorIndex vectors, VectorRepository storedVectors, Vocabulary vocabulary,
                  ProductService products, SearchRepository searchRows, EmbeddingModel model, TransactionTemplate tx,
                  SearchProperties props) {
        this.keywords = keywords;
        this.vectors = vectors;
        this.storedVectors = storedVectors;
        this.vocabulary = vocabulary;
        this.products = products;
        this.searchRows = searchRows;
        this.model = model;
        this.tx = tx;
        this.props = props;
    }

    /** Runs inside the publisher's transaction: the index rows commit or roll back with the products. */
    @EventListener
    void indexKeywords(ProductsChanged change) {
        if (!change.deleted().isEmpty()) {
            keywords.remove(change.deleted());
        }
        if (!change.upserted().isEmpty()) {
            List<ProductText> texts = new ArrayList<>(change.upserted().size());
            for (Product p : products.findAll(List.copyOf(change.upserted()))) {
                ProductText text = ProductText.of(p);
                texts.add(text);
                vocabulary.addProduct(text.allWords(), text.nameWords(), text.kind());
            }
            keywords.upsert(texts);
        }
    }

    /**
     * Runs after the commit, while the request's connection may still hold SQLite's write lock
     * (it is released only when the transaction is cleaned up, after this listener). So the
     * request waits only until the in-memory index has the change; the worker writes the vectors
     * to the database afterwards, once the lock is free.
     */
    @TransactionalEventListener(fallbackExecution = true)
    void embed(ProductsChanged change) {
        if (!change.deleted().isEmpty()) {
            Set<String> deleted = Set.copyOf(change.deleted());
            CompletableFuture<Void> indexed = new CompletableFuture<>();
            worker.submit(() -> {
                deleted.forEach(vectors::remove);
                indexed.complete(null);
                persister.submit(() -> tx.executeWithoutResult(s -> storedVectors.delete(deleted)));
            });
            await(indexed);
        }
        if (change.upserted().isEmpty()) {
            return;
        }
        List<String> ids = List.copyOf(change.upserted());
        if (!change.bulk()) {
            CompletableFuture<Void> indexed = new CompletableFuture<>();
            worker.submit(() -> {
                try {
                    embedBatch(ids, () -> indexed.complete(null));
                } catch (RuntimeException e) {
                    indexed.completeExceptionally(e);
                    throw e;
                }
            });
            if (pendingBatches.get() == 0) {
                await(indexed);
            }
            // else a bulk embedding is under way (semantic search is incomplete until it ends anyway):
            // the change is embedded after the current batch, and the request does not wait for it.
            return;
        }
        embedInBackground(ids, "import");
    }

    @EventListener(ApplicationReadyEvent.class)
    void loadAtStartup() {
        worker.submit(this::load);
    }

    /** Products in the catalog and products with a vector: equal when semantic search sees everything. */
    record Status(long products, long embedded, boolean busy) {
    }

    Status status() {
        return new Status(searchRows.countLive(), vectors.size(), pendingBatches.get() > 0);
    }

    private void load() {
        long start = System.nanoTime();
        List<String> unindexed = keywords.unindexedProductIds();
        for (int i = 0; i < unindexed.size(); i += LOAD_CHUNK) {
            List<String> chunk = unindexed.subList(i, Math.min(unindexed.size(), i + LOAD_CHUNK));
            tx.executeWithoutResult(s -> keywords.upsert(products.findAll(chunk).stream().map(ProductText::of).toList()));
        }
        Map<String, VectorRepository.StoredVector> stored = new HashMap<>();
        storedVectors.forEachLive(model.name(), v -> stored.put(v.productId(), v));
        List<String> live = searchRows.liveProductIds();
        List<String> stale = new ArrayList<>();
        for (int i = 0; i < live.size(); i += LOAD_CHUNK) {
            for (Product p : products.findAll(live.subList(i, Math.min(live.size(), i + LOAD_CHUNK)))) {
                ProductText text = ProductText.of(p);
                vocabulary.addProduct(text.allWords(), text.nameWords(), text.kind());
                VectorRepository.StoredVector v = stored.remove(p.id());
                String hash = ProductText.forEmbedding(p).hash();
                if (v != null && v.textHash().equals(hash)) {
                    vectors.put(p.id(), hash, v.vector(), meta(p));
                } else {
                    stale.add(p.id());
                }
            }
        }
        vectors.recenter();
        if (live.size() > LOAD_CHUNK) {
            tx.executeWithoutResult(s -> keywords.refreshStatistics());
        }
        log.info("search loaded in {} ms: {} products, {} newly keyword-indexed, {} vectors, {} to embed, {} words",
                (System.nanoTime() - start) / 1_000_000, live.size(), unindexed.size(), vectors.size(), stale.size(),
                vocabulary.size());
        if (!stale.isEmpty()) {
            embedInBackground(stale, "start-up");
        }
    }

    private void embedInBackground(List<String> ids, String reason) {
        long start = System.nanoTime();
        AtomicInteger done = new AtomicInteger();
        int step = Math.max(1, props.embedBatch());
        int batches = (ids.size() + step - 1) / step;
        int logEvery = Math.max(1, batches / 10);
        // An import publishes a chunk at a time: its chunks are logged only at debug level.
        boolean loud = ids.size() > 1000;
        if (loud || log.isDebugEnabled()) {
            log.atLevel(loud ? org.slf4j.event.Level.INFO : org.slf4j.event.Level.DEBUG)
                    .log("embedding {} products in the background ({}), {} batches", ids.size(), reason, batches);
        }
        for (int b = 0; b < batches; b++) {
            List<String> batch = ids.subList(b * step, Math.min(ids.size(), (b + 1) * step));
            int number = b + 1;
            pendingBatches.incrementAndGet();
            background.add(() -> {
                try {
                    embedBatch(batch, () -> { });
                    int total = done.addAndGet(batch.size());
                    if (loud && (number % logEvery == 0 || number == batches)) {
                        double seconds = (System.nanoTime() - start) / 1e9;
                        log.info("embedding ({}): {}/{} products, {} s, {} per second", reason, total, ids.size(),
                                Math.round(seconds), Math.round(total / Math.max(seconds, 1e-3)));
                    }
                    boolean lastQueued = pendingBatches.get() == 1;
                    if (lastQueued) {
                        vectors.recenter();
                    }
                    refreshStatisticsNowAndThen(lastQueued);
                } catch (RuntimeException e) {
                    // The products stay searchable by keyword; the next start-up embeds what is missing.
                    log.error("embedding ({}) failed for a batch of {} products", reason, batch.size(), e);
                } finally {
                    pendingBatches.decrementAndGet();
                }
            });
        }
        if (draining.compareAndSet(false, true)) {
            worker.submit(this::nextBackgroundBatch);
        }
    }

    /**
     * Runs one queued background batch, then queues itself behind whatever was submitted meanwhile:
     * a single product change waits for one batch (a second or two), not for a whole import's
     * embedding (minutes; an admin's edit during an import waited the full 10 s for its vector). At
     * most one of these is in the worker's queue at a time ({@link #draining}).
     */
    private void nextBackgroundBatch() {
        Runnable batch = background.poll();
        if (batch != null) {
            batch.run();
            worker.submit(this::nextBackgroundBatch);
            return;
        }
        draining.set(false);
        // A batch queued between the poll and the flag would otherwise wait for the next bulk change.
        if (!background.isEmpty() && draining.compareAndSet(false, true)) {
            worker.submit(this::nextBackgroundBatch);
        }
    }

    /**
     * The planner's statistics follow a bulk change: soon after it starts (an import publishes a
     * chunk at a time, each its own bulk change), at most every {@link #STATISTICS_EVERY_NANOS}
     * while it goes on, and when the last queued batch is done. Worker thread only.
     */
    private void refreshStatisticsNowAndThen(boolean lastQueued) {
        long now = System.nanoTime();
        if (lastQueued || lastStatistics == 0 || now - lastStatistics > STATISTICS_EVERY_NANOS) {
            tx.executeWithoutResult(s -> keywords.refreshStatistics());
            lastStatistics = now;
        }
    }

    /** Embeds the products whose embedded text changed; for the others, only the filter fields are refreshed. */
    private void embedBatch(List<String> ids, Runnable onIndexed) {
        List<Product> live = products.findAll(ids);
        List<Product> changed = new ArrayList<>();
        List<ProductText.EmbeddingText> texts = new ArrayList<>();
        for (Product p : live) {
            ProductText.EmbeddingText text = ProductText.forEmbedding(p);
            if (text.hash().equals(vectors.hashOf(p.id()))) {
                vectors.updateMeta(p.id(), meta(p));
            } else {
                changed.add(p);
                texts.add(text);
            }
        }
        if (changed.isEmpty()) {
            onIndexed.run();
            return;
        }
        embedParts(texts);
        List<VectorRepository.StoredVector> rows = new ArrayList<>(changed.size());
        for (int i = 0; i < changed.size(); i++) {
            rows.add(new VectorRepository.StoredVector(changed.get(i).id(), texts.get(i).hash(), blend(texts.get(i))));
        }
        for (int i = 0; i < changed.size(); i++) {
            vectors.put(changed.get(i).id(), rows.get(i).textHash(), rows.get(i).vector(), meta(changed.get(i)));
        }
        onIndexed.run();
        persister.submit(() -> tx.executeWithoutResult(s -> storedVectors.saveAll(model.name(), rows)));
    }

    /** Embeds, in one call, every part of these texts that the cache does not hold. */
    private void embedParts(List<ProductText.EmbeddingText> texts) {
        Set<String> missing = new java.util.LinkedHashSet<>();
        for (ProductText.EmbeddingText t : texts) {
            if (!partCache.containsKey(t.facets())) {
                missing.add(t.facets());
            }
            for (String sentence : t.sentences()) {
                if (!partCache.containsKey(sentence)) {
                    missing.add(sentence);
                }
            }
        }
        List<String> parts = List.copyOf(missing);
        List<float[]> embedded = model.embedAll(parts);
        for (int i = 0; i < parts.size(); i++) {
            partCache.put(parts.get(i), embedded.get(i));
        }
    }

    /**
     * The product's vector: its facets and the mean of its sentences, weighted and normalised. The
     * facets say what the product is; the sentences what it is for, which is how shoppers
     * describe a need ("something to keep my coffee hot").
     */
    private float[] blend(ProductText.EmbeddingText text) {
        float[] facets = partCache.get(text.facets());
        float[] v = new float[facets.length];
        double facetWeight = text.sentences().isEmpty() ? 1.0 : props.facetWeight();
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (facetWeight * facets[i]);
        }
        if (!text.sentences().isEmpty()) {
            double each = (1.0 - facetWeight) / text.sentences().size();
            for (String sentence : text.sentences()) {
                float[] s = partCache.get(sentence);
                for (int i = 0; i < v.length; i++) {
                    v[i] += (float) (each * s[i]);
                }
            }
        }
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        float scale = (float) (1.0 / Math.sqrt(Math.max(norm, 1e-12)));
        for (int i = 0; i < v.length; i++) {
            v[i] *= scale;
        }
        return v;
    }

    static VectorIndex.Meta meta(Product p) {
        Set<String> categories = new HashSet<>();
        p.categories().forEach(c -> categories.add(c.strip().toLowerCase(Locale.ROOT)));
        return new VectorIndex.Meta(p.price().minorUnits(), p.price().currencyCode(), p.inStock(), Set.copyOf(categories));
    }

    private void await(Future<?> task) {
        try {
            task.get(props.waitMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.info("a vector update is still queued behind other work; it will land shortly");
        } catch (ExecutionException e) {
            log.error("updating product vectors failed; keyword search is unaffected", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void destroy() {
        worker.shutdownNow();
        persister.shutdownNow();
    }
}
