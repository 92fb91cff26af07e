package com.shopkeeper.catalog;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param seedDemo        seed the bundled demo catalog into an empty products table at start-up
 * @param defaultCurrency the currency of a product that names none
 * @param maxImportRows   the most rows one import request may carry
 */
@ConfigurationProperties("shopkeeper.catalog")
public record CatalogProperties(@DefaultValue("true") boolean seedDemo,
                                @DefaultValue("USD") String defaultCurrency,
                                @DefaultValue("100000") int maxImportRows) {
}
