package com.shopkeeper.reminder;

import com.shopkeeper.support.TestDatabases;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** What is due a reminder on PostgreSQL: the same derived tables and claims, another engine. */
class PostgresReminderQueriesTest extends ReminderQueriesContract {

    static final Path DIR = TestDatabases.tempDir("sk-pg-reminders");

    @DynamicPropertySource
    static void db(DynamicPropertyRegistry registry) {
        TestDatabases.postgres(registry, DIR);
    }
}
