package com.shopkeeper.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The database. A {@code jdbc:sqlite:} URL (the default, a file under ./data/) or a
 * {@code jdbc:postgresql:} one: the engine is chosen by the URL alone.
 */
@ConfigurationProperties("shopkeeper.db")
public record DbProperties(@DefaultValue("jdbc:sqlite:./data/shopkeeper.db") String url,
                           @DefaultValue("8") int poolSize,
                           @DefaultValue("30000") int busyTimeoutMillis) {

    public boolean isSqlite() {
        return url.startsWith("jdbc:sqlite:");
    }
}
