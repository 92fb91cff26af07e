package com.shopkeeper.catalog;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param seedDemo         seed the bundled demo catalog into an empty products table at start-up
 * @param defaultCurrency  the currency of a product that names none
 * @param maxImportRows    the most rows one import request may carry
 * @param importChunkRows  rows an import writes per transaction: each holds SQLite's write lock for
 *                         a fraction of a second, so turns and admin writes go on in between
 * @param importLease      how long an import may go without progress before another instance (or this
 *                         one, after a restart) takes it over: finishes it if it was published,
 *                         discards it if it was still being staged
 */
@ConfigurationProperties("shopkeeper.catalog")
public record CatalogProperties(@DefaultValue("true") boolean seedDemo,
                                @DefaultValue("USD") String defaultCurrency,
                                @DefaultValue("100000") int maxImportRows,
                                @DefaultValue("500") int importChunkRows,
                                @DefaultValue("2m") Duration importLease) {

    public CatalogProperties {
        if (importChunkRows < 1) {
            throw new IllegalArgumentException("shopkeeper.catalog.import-chunk-rows must be at least 1");
        }
        if (importLease.toSeconds() < 5) {
            throw new IllegalArgumentException("shopkeeper.catalog.import-lease must be at least 5s");
        }
    }
}
