package com.shopkeeper.catalog.search;

import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The keyword engine follows the database: FTS5 on SQLite, tsvector on PostgreSQL. */
@Configuration(proxyBeanMethods = false)
class SearchConfig {

    @Bean
    KeywordIndex keywordIndex(DSLContext db) {
        return db.dialect().family() == SQLDialect.POSTGRES ? new PostgresKeywordIndex(db) : new SqliteKeywordIndex(db);
    }

    @Bean
    VectorIndex vectorIndex() {
        return new VectorIndex();
    }

    @Bean
    Vocabulary vocabulary() {
        return new Vocabulary();
    }
}
