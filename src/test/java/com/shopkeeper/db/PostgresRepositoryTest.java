package com.shopkeeper.db;

import com.shopkeeper.support.TestDatabases;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The repository contract on PostgreSQL, the path past one machine: every migration runs into a
 * fresh schema, selected by the URL alone.
 */
class PostgresRepositoryTest extends RepositoryContract {

    static final Path DIR = TestDatabases.tempDir("sk-pg-repo");

    @DynamicPropertySource
    static void db(DynamicPropertyRegistry registry) {
        TestDatabases.postgres(registry, DIR);
    }
}
