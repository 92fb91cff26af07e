package com.shopkeeper.catalog;

import com.shopkeeper.support.IsolatedApp;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The same on PostgreSQL, where two imports can reach their commit point at the same moment in two
 * transactions that do not see each other: the unique publishing slot keeps them apart.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties =
        "shopkeeper.catalog.import-recovery-interval=1s")
@Import(StagedImportContract.QuickEmbeddings.class)
class PostgresStagedImportTest extends StagedImportContract {

    static final IsolatedApp APP = IsolatedApp.create("pg-staged-import", 13);

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) {
        APP.configurePostgres(registry);
    }
}
