package com.shopkeeper.insight;

import com.shopkeeper.support.TestDatabases;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The funnel's figures on PostgreSQL: the same grouped queries, another engine's date arithmetic. */
class PostgresFunnelFiguresTest extends FunnelFiguresContract {

    static final Path DIR = TestDatabases.tempDir("sk-pg-funnel");

    @DynamicPropertySource
    static void db(DynamicPropertyRegistry registry) {
        TestDatabases.postgres(registry, DIR);
    }
}
