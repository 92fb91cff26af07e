package com.shopkeeper.catalog.search;

import com.shopkeeper.money.Money;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Search", description = "Product search as the bot runs it")
class SearchAdminController {

    private final ProductSearch search;

    SearchAdminController(ProductSearch search) {
        this.search = search;
    }

    record HitView(String id, String sku, String name, String price, String currency, List<String> categories,
                   boolean inStock, double score) {

        static HitView of(ProductSearch.Hit hit) {
            var p = hit.product();
            return new HitView(p.id(), p.sku(), p.name(), p.price().amount().toPlainString(), p.price().currencyCode(),
                    p.categories(), p.inStock(), Math.round(hit.score() * 1e6) / 1e6);
        }
    }

    record SearchView(List<HitView> results, long tookMs) {
    }

    @GetMapping("/api/admin/products/search")
    @Operation(summary = "Search products, best first: hybrid (default), keyword or semantic; prices in the shop's currency")
    SearchView search(@RequestParam(name = "q", required = false) String q,
                      @RequestParam(required = false) @Parameter(description = "hybrid, keyword or semantic") String mode,
                      @RequestParam(required = false) String category,
                      @RequestParam(name = "min_price", required = false) BigDecimal minPrice,
                      @RequestParam(name = "max_price", required = false) BigDecimal maxPrice,
                      @RequestParam(name = "in_stock", required = false) Boolean inStock,
                      @RequestParam(required = false) @Parameter(description = "1 to 100, default 10") Integer limit) {
        if ((minPrice != null && minPrice.signum() < 0) || (maxPrice != null && maxPrice.signum() < 0)) {
            throw new IllegalArgumentException("Prices cannot be negative.");
        }
        // Before anything scales them to cents: 1e-100000000 is twelve characters and seconds of CPU.
        if (minPrice != null && !Money.isPlausible(minPrice)) {
            throw new IllegalArgumentException("min_price must be " + Money.PLAUSIBLE + ".");
        }
        if (maxPrice != null && !Money.isPlausible(maxPrice)) {
            throw new IllegalArgumentException("max_price must be " + Money.PLAUSIBLE + ".");
        }
        var results = search.search(new ProductSearch.Request(q, mode(mode), category, minPrice, maxPrice, inStock, limit));
        return new SearchView(results.hits().stream().map(HitView::of).toList(), results.tookMillis());
    }

    @GetMapping("/api/admin/search/status")
    @Operation(summary = "Products in the catalog and products with a vector (equal once a bulk import is embedded)")
    ProductSearch.Status status() {
        return search.status();
    }

    private static SearchMode mode(String mode) {
        if (mode == null || mode.isBlank()) {
            return SearchMode.HYBRID;
        }
        try {
            return SearchMode.valueOf(mode.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("mode must be hybrid, keyword or semantic");
        }
    }
}
