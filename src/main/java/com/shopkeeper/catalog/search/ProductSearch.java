package com.shopkeeper.catalog.search;

import com.shopkeeper.catalog.CatalogProperties;
import com.shopkeeper.catalog.Product;
import com.shopkeeper.catalog.ProductService;
import com.shopkeeper.llm.EmbeddingModel;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;

/**
 * Product search: what the bot's {@code search_products} function and the admin API call.
 *
 * <p>A query is cleaned ({@link QueryParser}: filler dropped, a stated price limit taken as a
 * filter), its unknown words corrected against the catalog's vocabulary, then answered by the
 * keyword index (every word must match; if that finds too little, any word may), by the vectors,
 * or by both fused with weighted reciprocal rank fusion, weighted by how well the words matched.
 */
@Service
public class ProductSearch implements DisposableBean, com.shopkeeper.llm.ProductWords {

    private static final int COMMON_ENOUGH = 500;

    private final KeywordIndex keywords;
    private final VectorIndex vectors;
    private final Vocabulary vocabulary;
    private final EmbeddingModel model;
    private final ProductService products;
    private final SearchRepository rows;
    private final SearchIndexer indexer;
    private final SearchProperties props;
    private final CatalogProperties catalog;
    /** The shop's categories as last read, for {@link #category}. */
    private volatile KnownCategories categories;
    private static final java.time.Duration CATEGORIES_FRESH = java.time.Duration.ofSeconds(30);
    private static final java.util.regex.Pattern NOT_A_LETTER = java.util.regex.Pattern.compile("[^\\p{L}']+");
    /**
     * Embeds a hybrid query's text while the caller asks the keyword index: the embedding (ONNX) and
     * the FTS query (SQLite) are both native work of a few milliseconds, one after the other today.
     * Two at a time; when both threads are busy (the machine is), the caller embeds it itself, so
     * nothing waits in a queue. The embedding touches no database, only the model and the vectors.
     */
    private final ThreadPoolExecutor beside = new ThreadPoolExecutor(2, 2,
            30, TimeUnit.SECONDS, new SynchronousQueue<>(),
            Thread.ofPlatform().name("search-embed-", 0).daemon(true).factory(),
            new ThreadPoolExecutor.CallerRunsPolicy());

    ProductSearch(KeywordIndex keywords, VectorIndex vectors, Vocabulary vocabulary, EmbeddingModel model,
                  ProductService products, SearchRepository rows, SearchIndexer indexer, SearchProperties props,
                  CatalogProperties catalog) {
        this.keywords = keywords;
        this.vectors = vectors;
        this.vocabulary = vocabulary;
        this.model = model;
        this.products = products;
        this.rows = rows;
        this.indexer = indexer;
        this.props = props;
        this.catalog = catalog;
        beside.allowCoreThreadTimeOut(true);
    }

    @Override
    public void destroy() {
        beside.shutdownNow();
    }

    /**
     * A search. Null filters mean "any"; prices are in the shop's default currency. A limit
     * outside 1 to the configured maximum is clamped; any text is accepted.
     */
    public record Request(String query, SearchMode mode, String category, BigDecimal minPrice, BigDecimal maxPrice,
                          Boolean inStock, Integer limit) {
    }

    public record Hit(Product product, double score) {
    }

    public record Results(List<Hit> hits, long tookMillis) {
    }

    /** The bot engine's {@code search_products(query, category?, max_price?, limit?)}. */
    public List<Product> searchProducts(String query, String category, BigDecimal maxPrice, Integer limit) {
        return search(new Request(query, SearchMode.HYBRID, category, null, maxPrice, null, limit))
                .hits().stream().map(Hit::product).toList();
    }

    public Results search(Request request) {
        long start = System.nanoTime();
        int limit = request.limit() == null ? props.defaultLimit() : Math.clamp(request.limit(), 1, props.maxLimit());
        ParsedQuery parsed = QueryParser.parse(request.query());
        SearchFilter filter = new SearchFilter(request.category(),
                request.minPrice() != null ? request.minPrice() : parsed.minPrice(),
                request.maxPrice() != null ? request.maxPrice() : parsed.maxPrice(),
                request.inStock(), catalog.defaultCurrency());
        SearchMode mode = request.mode() == null ? SearchMode.HYBRID : request.mode();

        List<Scored> ranked;
        if (parsed.isEmpty()) {
            // Nothing but filler, symbols or a price: list what the filters allow, or nothing at all.
            ranked = filter.isEmpty() ? List.of()
                    : rows.filtered(filter, limit).stream().map(id -> new Scored(id, 0)).toList();
        } else {
            List<ParsedQuery.Group> groups = vocabulary.correct(parsed.groups());
            int wanted = Math.max(limit, props.candidates());
            ranked = switch (mode) {
                case KEYWORD -> keyword(groups, filter, limit, limit).ranked();
                case SEMANTIC -> semantic(semanticText(parsed, groups), filter, limit);
                case HYBRID -> hybrid(parsed, groups, filter, limit, wanted);
            };
        }
        return new Results(hydrate(ranked), (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * The shop's category that a department name said by a shopper or a model means: the category
     * itself, whatever its case, or the one category whose name has every word of it, singular or
     * plural ("kitchen": Kitchen & Dining; "toy": Toys & Games). A name that fits several ("clothing":
     * Women's and Men's Clothing) is no filter: the search reads its words. A name that fits none is
     * kept as said: the shop has no such department, and the search finds nothing in it (and says so,
     * and the owner sees the search in the list of those that found nothing).
     */
    public Optional<String> category(String said) {
        if (said == null || said.isBlank()) {
            return Optional.empty();
        }
        String wanted = said.strip().toLowerCase(Locale.ROOT);
        Set<String> known = knownCategories();
        if (known.contains(wanted)) {
            return Optional.of(wanted);
        }
        List<String> words = categoryWords(wanted);
        List<String> fits = words.isEmpty() ? List.of() : known.stream().filter(c -> {
            List<String> has = categoryWords(c);
            return words.stream().allMatch(w -> has.contains(w) || has.contains(w + "s") || w.endsWith("s") && has.contains(w.substring(0, w.length() - 1)));
        }).toList();
        return fits.size() == 1 ? Optional.of(fits.getFirst()) : fits.isEmpty() ? Optional.of(wanted) : Optional.empty();
    }

    /** Products changed here: the categories are read again at the next search that names one. */
    @org.springframework.transaction.event.TransactionalEventListener(fallbackExecution = true)
    void forgetCategories(com.shopkeeper.catalog.ProductsChanged change) {
        categories = null;
    }

    private static List<String> categoryWords(String category) {
        return java.util.Arrays.stream(NOT_A_LETTER.split(category)).filter(w -> w.length() > 1 && !w.equals("and")).toList();
    }

    /**
     * The categories, read again after a change here or when older than {@link #CATEGORIES_FRESH} (a
     * change made through another instance): a shop's departments change seldom.
     */
    private Set<String> knownCategories() {
        KnownCategories now = categories;
        if (now == null || System.nanoTime() - now.readAt() > CATEGORIES_FRESH.toNanos()) {
            now = new KnownCategories(Set.copyOf(rows.categories()), System.nanoTime());
            categories = now;
        }
        return now.names();
    }

    private record KnownCategories(Set<String> names, long readAt) {
    }

    /** Whether {@code word} is a word of some product's name or type here (the offline understanding's search words). */
    @Override
    public boolean names(String word) {
        return vocabulary.inAName(word);
    }

    /** Whether {@code word} says what products of several kinds are like ("cordless", a maker), and no kind (lower case). */
    public boolean describesManyKinds(String word) {
        return vocabulary.describes(word);
    }

    public record Status(long products, long embedded) {
    }

    public Status status() {
        SearchIndexer.Status s = indexer.status();
        return new Status(s.products(), s.embedded());
    }

    /**
     * The keyword ranking and whether to trust it: {@code allMatched} when every word of the query
     * matched at least {@code limit} products, which is what a query made of product words does.
     */
    record KeywordRanking(List<Scored> ranked, boolean allMatched) {
    }

    /**
     * Every word must match; when that leaves fewer than {@code limit}, products matching any word
     * follow (the very common words left out: they would match most of the shop and cost time).
     */
    KeywordRanking keyword(List<ParsedQuery.Group> groups, SearchFilter filter, int limit, int candidates) {
        return keyword(keywords.search(groups, true, filter, candidates), groups, filter, limit, candidates);
    }

    private KeywordRanking keyword(List<Scored> strict, List<ParsedQuery.Group> groups, SearchFilter filter, int limit,
                                   int candidates) {
        if (strict.size() >= limit || groups.size() < 2) {
            return new KeywordRanking(strict, strict.size() >= limit);
        }
        Map<String, Scored> merged = new LinkedHashMap<>();
        strict.forEach(s -> merged.put(s.productId(), s));
        for (Scored s : keywords.search(sparse(groups), false, filter, candidates)) {
            if (merged.size() >= candidates) {
                break;
            }
            merged.putIfAbsent(s.productId(), s);
        }
        return new KeywordRanking(List.copyOf(merged.values()), false);
    }

    private List<ParsedQuery.Group> sparse(List<ParsedQuery.Group> groups) {
        // Only a large catalog has words common enough to matter; a small one keeps them all.
        double most = Math.max(COMMON_ENOUGH, vocabulary.products() * props.sparseWordShare());
        List<ParsedQuery.Group> kept = new ArrayList<>();
        ParsedQuery.Group rarest = null;
        int rarestFrequency = Integer.MAX_VALUE;
        for (ParsedQuery.Group g : groups) {
            int frequency = 0;
            for (ParsedQuery.Alternative a : g.alternatives()) {
                frequency = Math.max(frequency, a.words().size() == 1 && !a.prefix() ? vocabulary.frequency(a.words().getFirst()) : 0);
            }
            if (frequency <= most) {
                kept.add(g);
            }
            if (frequency < rarestFrequency) {
                rarest = g;
                rarestFrequency = frequency;
            }
        }
        return kept.isEmpty() && rarest != null ? List.of(rarest) : kept;
    }

    /**
     * Both rankings fused. Products that match every word of the query come first, the keyword
     * ranking leading and the vectors only breaking near-ties: the words said exactly what is
     * wanted, down to colour and material, which vectors blur. When fewer than a page match every
     * word, the query describes a need more than it names a product, and for the rest of the page
     * the vectors count as much as the words that matched, or more.
     */
    List<Scored> hybrid(ParsedQuery parsed, List<ParsedQuery.Group> groups, SearchFilter filter, int limit,
                        int candidates) {
        String text = semanticText(parsed, groups);
        Future<List<Scored>> embedding = beside.submit(() -> semantic(text, filter, candidates));
        List<Scored> strict = keywords.search(groups, true, filter, candidates);
        List<Scored> semantic = done(embedding);
        Set<String> allWords = new java.util.HashSet<>();
        strict.forEach(s -> allWords.add(s.productId()));
        List<Scored> top = fuse(strict, 1.0, semantic, props.confidentSemanticWeight(), candidates).stream()
                .filter(s -> allWords.contains(s.productId()))
                .limit(limit).toList();
        if (top.size() >= limit) {
            return top;
        }
        List<Scored> loose = keyword(strict, groups, filter, limit, candidates).ranked();
        Set<String> taken = new java.util.HashSet<>();
        top.forEach(s -> taken.add(s.productId()));
        List<Scored> page = new ArrayList<>(top);
        // Below every all-words match: scores stay in rank order across the two tiers.
        double ceiling = top.isEmpty() ? Double.MAX_VALUE : top.getLast().score();
        for (Scored s : fuse(loose, props.keywordWeight(), semantic, props.semanticWeight(), candidates)) {
            if (page.size() >= limit) {
                break;
            }
            if (taken.add(s.productId())) {
                page.add(new Scored(s.productId(), Math.min(s.score(), ceiling)));
            }
        }
        return page;
    }

    private static <T> T done(Future<T> task) {
        try {
            return task.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            task.cancel(true);
            throw new IllegalStateException("interrupted while embedding the query", e);
        }
    }

    private String semanticText(ParsedQuery parsed, List<ParsedQuery.Group> groups) {
        return props.embedSentence() ? vocabulary.correctSentence(parsed.allWords(), groups) : vocabulary.correctText(groups);
    }

    List<Scored> semantic(String text, SearchFilter filter, int limit) {
        if (text.isBlank()) {
            return List.of();
        }
        return vectors.nearest(model.embed(text), filter, limit, Math.max(limit, props.shortlist()));
    }

    /** Weighted reciprocal rank fusion: ranks, not raw scores, so BM25 and cosine need no common scale. */
    List<Scored> fuse(List<Scored> keyword, double keywordWeight, List<Scored> semantic, double semanticWeight, int limit) {
        Map<String, Double> score = new HashMap<>();
        int k = props.rrfK();
        for (int i = 0; i < keyword.size(); i++) {
            score.merge(keyword.get(i).productId(), keywordWeight / (k + i + 1), Double::sum);
        }
        for (int i = 0; i < semantic.size(); i++) {
            score.merge(semantic.get(i).productId(), semanticWeight / (k + i + 1), Double::sum);
        }
        List<Scored> fused = new ArrayList<>(score.size());
        score.forEach((id, s) -> fused.add(new Scored(id, s)));
        fused.sort((a, b) -> Double.compare(b.score(), a.score()));
        return fused.size() > limit ? List.copyOf(fused.subList(0, limit)) : fused;
    }

    private List<Hit> hydrate(List<Scored> ranked) {
        Map<String, Double> scores = new LinkedHashMap<>();
        ranked.forEach(s -> scores.putIfAbsent(s.productId(), s.score()));
        Set<String> ids = new LinkedHashSet<>(scores.keySet());
        List<Hit> hits = new ArrayList<>(ids.size());
        for (Product p : products.findAll(List.copyOf(ids))) {
            hits.add(new Hit(p, scores.get(p.id())));
        }
        return hits;
    }
}
