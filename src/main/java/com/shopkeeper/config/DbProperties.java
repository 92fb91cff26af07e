package com.shopkeeper.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The database. A {@code jdbc:sqlite:} URL (the default, a file under ./data/) or a
 * {@code jdbc:postgresql:} one: the engine is chosen by the URL alone.
 *
 * @param mmapSize how much of a SQLite file its connections read through memory mapping: the pages
 *                 then come from the operating system's cache shared by every connection, with no read
 *                 call and no copy into each connection's own 2 MB page cache. Product search joins
 *                 hundreds of products a query, and on the 50k catalog this halved the keyword query
 *                 (docs/search.md). 0 turns it off; ignored on PostgreSQL.
 */
@ConfigurationProperties("shopkeeper.db")
public record DbProperties(@DefaultValue("jdbc:sqlite:./data/shopkeeper.db") String url,
                           @DefaultValue("8") int poolSize,
                           @DefaultValue("30000") int busyTimeoutMillis,
                           @DefaultValue("1GB") DataSize mmapSize) {

    public boolean isSqlite() {
        return url.startsWith("jdbc:sqlite:");
    }
}
