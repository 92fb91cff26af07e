package com.shopkeeper.insight;

import com.shopkeeper.support.TestDatabases;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The funnel's figures on SQLite, the default engine. */
class SqliteFunnelFiguresTest extends FunnelFiguresContract {

    static final Path DIR = TestDatabases.tempDir("sk-sqlite-funnel");

    @DynamicPropertySource
    static void db(DynamicPropertyRegistry registry) {
        TestDatabases.sqlite(registry, DIR);
    }
}
