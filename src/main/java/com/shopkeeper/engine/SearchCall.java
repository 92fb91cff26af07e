package com.shopkeeper.engine;

import com.shopkeeper.catalog.Product;
import com.shopkeeper.catalog.ProductService;
import com.shopkeeper.catalog.search.ProductSearch;
import com.shopkeeper.catalog.search.SearchMode;
import com.shopkeeper.insight.SearchLog;
import com.shopkeeper.llm.FunctionCall;
import com.shopkeeper.messaging.Reply;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/** search_products: a new search, or a refinement of the last one ({@link Refinement}); the list becomes what "the second one" means. */
@Component
class SearchCall implements CallHandler<FunctionCall.SearchProducts> {

    private final ProductSearch search;
    private final ProductService products;
    private final SearchLog searchLog;
    private final ReplyWriter replies;
    private final EngineProperties props;
    private final ProductResolver resolver;

    SearchCall(ProductSearch search, ProductService products, SearchLog searchLog, ReplyWriter replies, EngineProperties props,
               ProductResolver resolver) {
        this.search = search;
        this.resolver = resolver;
        this.products = products;
        this.searchLog = searchLog;
        this.replies = replies;
        this.props = props;
    }

    @Override
    public Class<FunctionCall.SearchProducts> handles() {
        return FunctionCall.SearchProducts.class;
    }

    /**
     * The hits of the kind asked for, when the search names a kind: where some hits' names say the
     * words searched for ("a5 notebooks"), the laptop stand that is merely near them is left off, so
     * "that one" and "the cheapest" choose among notebooks. A word counts as written or in the plural,
     * not in another form: "water bottle" lists bottles, not the watering cans. A refinement keeps to the kind the last
     * list showed: "cheaper than 60" after cutting boards lists cutting boards or says none are left,
     * never the pruning shears that are near them. A search no name says ("something to keep tea
     * hot") lists what the index found.
     */
    private List<Product> ofTheKind(List<Product> hits, Refinement.Search r, EngineContext ctx) {
        // or whose type says every word: "vacuum flasks" lists the Mesa thermos, a vacuum flask by its type
        List<Product> sayHalf = hits.stream().filter(f -> resolver.nameSaysAsWritten(f, r.query()) || resolver.typeSaysTheKind(f, r.query())).toList();
        if (r.refined()) {
            List<Product> sayAll = hits.stream().filter(f -> resolver.nameSaysAll(f, r.query())).toList();
            // As closely as the last list kept to it: "anythin cheapr than 60" after cutting boards is no
            // board game, though "board" is half of "cuting boards".
            List<Product> shown = products.findAll(ctx.shown());
            return shown.stream().anyMatch(f -> resolver.nameSaysAll(f, ctx.lastQuery())) ? sayAll
                    : shown.stream().anyMatch(f -> resolver.nameSays(f, ctx.lastQuery())) ? sayHalf : ofTheKindShown(hits, shown);
        }
        return !sayHalf.isEmpty() ? sayHalf : hits;
    }

    /**
     * A refinement of a list whose names do not say what was searched for ("power bank" listed portable chargers, by
     * their type): the hits of the type most of that list had (two products or more of it), else all the hits. "Which
     * one cheapest" had listed notebooks and phone cases, near a power bank only to the vectors.
     */
    private static List<Product> ofTheKindShown(List<Product> hits, List<Product> shown) {
        java.util.Map<Object, Long> types = shown.stream().map(f -> f.attributes() == null ? null : f.attributes().get("type"))
                .filter(java.util.Objects::nonNull)
                .collect(java.util.stream.Collectors.groupingBy(t -> t, java.util.stream.Collectors.counting()));
        long most = types.values().stream().max(Long::compare).orElse(0L);
        if (most < 2) {
            return hits;
        }
        java.util.Set<Object> kinds = types.entrySet().stream().filter(e -> e.getValue() == most).map(java.util.Map.Entry::getKey)
                .collect(java.util.stream.Collectors.toSet());
        return hits.stream().filter(f -> f.attributes() != null && kinds.contains(f.attributes().get("type"))).toList();
    }

    /** A search for a kind and who or what it is for: "night light for the kids' room", "scooters for kids". */
    private static final Pattern FOR_WHOM = Pattern.compile("\\sfor\\s(?!sale\\b|less\\b|under\\b)", Pattern.CASE_INSENSITIVE);

    /** What {@code r} finds in {@code category} (the shop's, for {@code r}'s), of the kind it keeps to, those in stock first. */
    private List<Product> found(Refinement.Search r, String category, EngineContext ctx) {
        int limit = r.limit() == null ? props.resultsShown() : r.limit();
        List<Product> kept = ofTheKind(hits(r.query(), r, category, ctx, r.excludeShown() ? limit + ctx.shown().size() : limit), r, ctx);
        Matcher forWhom = r.refined() || kept.size() >= limit ? null : FOR_WHOM.matcher(r.query());
        if (forWhom != null && forWhom.find() && forWhom.start() >= 3 && Character.isLetter(r.query().charAt(0))) {
            // "a night light for the kids' room": who or what it is for ranks, it does not filter. The kids' night light
            // first, then the other night lights, not one product alone.
            List<Product> more = new java.util.ArrayList<>(kept);
            String kind = r.query().substring(0, forWhom.start()).strip();
            hits(kind, r, category, ctx, limit).stream()
                    .filter(f -> (resolver.nameSaysAll(f, kind) || resolver.typeSaysTheKind(f, kind))
                            && more.stream().noneMatch(m -> m.id().equals(f.id())))
                    .forEach(more::add);
            kept = more;
        }
        return kept.stream()
                .limit(limit)
                // The same matches, what can be bought first: a shopper reads "the first one" as one they can
                // add, and a sold-out match still shows, marked, after the ones in stock.
                .sorted(java.util.Comparator.comparing(f -> !f.inStock()))
                .toList();
    }

    /** The products a search for {@code query} finds with {@code r}'s filters, {@code size} asked for, the shown left out when it says so. */
    private List<Product> hits(String query, Refinement.Search r, String category, EngineContext ctx, int size) {
        return search.search(new ProductSearch.Request(query, SearchMode.HYBRID, category, r.minPrice(), r.maxPrice(), null, size))
                .hits().stream().map(ProductSearch.Hit::product)
                .filter(f -> !r.excludeShown() || !ctx.shown().contains(f.id()))
                .toList();
    }

    @Override
    public CallExecutor.Effect execute(FunctionCall.SearchProducts s, Situation at, CallExecutor.Prepared p) {
        EngineContext ctx = at.ctx();
        Refinement.Search r = Refinement.of(s, ctx, () -> products.findAll(ctx.shown()), resolver::namesAProductOrTypo,
                search::describesManyKinds);
        if (r.query() == null) {
            // "any cheaper?" with no search before it: nothing to be cheaper than, so ask what to look for.
            return new CallExecutor.Effect(List.of(Reply.text(replies.whatToLookFor())), ctx, null);
        }
        // A department as the shop files it ("kitchen": Kitchen & Dining); no filter when the name fits several
        // (its words are in the query).
        String category = search.category(r.category()).orElse(null);
        List<Product> found = found(r, category, ctx);
        if (found.isEmpty() && r.asAsked() != null) {
            r = r.asAsked();
            category = search.category(r.category()).orElse(null);
            found = found(r, category, ctx);
        }
        searchLog.record(at.id(), r.query(), found.size());
        boolean nothingNew = found.isEmpty() && r.refined();
        String text = nothingNew ? replies.nothingMore(r.query()) : replies.searchResults(r.query(), found);
        // A refinement that found nothing leaves the list as it was: "the second one" still means it.
        Reply reply = Reply.text(text).withChoices(nothingNew ? null : replies.searchChoices(r.query(), found));
        return new CallExecutor.Effect(List.of(reply), nothingNew ? ctx
                : ctx.withSearch(found.stream().map(Product::id).toList(), r.query(), category, r.minPrice(), r.maxPrice()),
                null);
    }
}
