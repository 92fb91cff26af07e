package com.shopkeeper.catalog.search;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Locale;
import java.util.Set;

/**
 * Filters a search may combine with its text; null means "any". Prices are in {@code currency},
 * the shop's: a product priced in another currency cannot be compared and is left out when a
 * price limit is given. The category matches any level of a product's path (department, section
 * or leaf), ignoring case.
 */
record SearchFilter(String category, BigDecimal minPrice, BigDecimal maxPrice, Boolean inStock, String currency) {

    SearchFilter {
        category = category == null || category.isBlank() ? null : category.strip().toLowerCase(Locale.ROOT);
    }

    boolean hasPrice() {
        return minPrice != null || maxPrice != null;
    }

    boolean isEmpty() {
        return category == null && !hasPrice() && inStock == null;
    }

    /** The lowest price allowed, in minor units of {@link #currency()}; null when unbounded. */
    Long minMinor() {
        return minPrice == null ? null : minPrice.movePointRight(digits()).setScale(0, RoundingMode.CEILING).longValue();
    }

    Long maxMinor() {
        return maxPrice == null ? null : maxPrice.movePointRight(digits()).setScale(0, RoundingMode.FLOOR).longValue();
    }

    private int digits() {
        return Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
    }

    /** The filter with its limits worked out once, for the in-memory scan over every product. */
    Compiled compile() {
        Long min = minMinor();
        Long max = maxMinor();
        return new Compiled(inStock, hasPrice() ? currency : null, min == null ? Long.MIN_VALUE : min,
                max == null ? Long.MAX_VALUE : max, category);
    }

    /** The same test as the database's, for the in-memory vector index. */
    record Compiled(Boolean inStock, String currency, long minMinor, long maxMinor, String category) {

        boolean matches(long priceMinor, String productCurrency, boolean productInStock, Set<String> lowerCaseCategories) {
            if (inStock != null && inStock != productInStock) {
                return false;
            }
            if (currency != null && (!currency.equals(productCurrency) || priceMinor < minMinor || priceMinor > maxMinor)) {
                return false;
            }
            return category == null || lowerCaseCategories.contains(category);
        }
    }
}
