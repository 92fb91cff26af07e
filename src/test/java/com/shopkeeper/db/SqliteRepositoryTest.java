package com.shopkeeper.db;

import com.shopkeeper.support.TestDatabases;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The repository contract on SQLite, the default engine. */
class SqliteRepositoryTest extends RepositoryContract {

    static final Path DIR = TestDatabases.tempDir("sk-sqlite-repo");

    @DynamicPropertySource
    static void db(DynamicPropertyRegistry registry) {
        TestDatabases.sqlite(registry, DIR);
    }
}
