package com.shopkeeper.reminder;

import com.shopkeeper.support.TestDatabases;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** What is due a reminder on SQLite, the default engine. */
class SqliteReminderQueriesTest extends ReminderQueriesContract {

    static final Path DIR = TestDatabases.tempDir("sk-sqlite-reminders");

    @DynamicPropertySource
    static void db(DynamicPropertyRegistry registry) {
        TestDatabases.sqlite(registry, DIR);
    }
}
