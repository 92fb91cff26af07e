package com.shopkeeper.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/** Gives the out-of-the-box bot something to sell: the bundled demo catalog, into an empty shop only. */
@Component
class DemoCatalogSeeder implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoCatalogSeeder.class);
    static final String DEMO_CATALOG = "catalog/demo-products.jsonl";

    private final ProductService products;
    private final ProductImporter importer;
    private final CatalogProperties props;

    DemoCatalogSeeder(ProductService products, ProductImporter importer, CatalogProperties props) {
        this.products = products;
        this.importer = importer;
        this.props = props;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!props.seedDemo() || products.count() > 0) {
            return;
        }
        try (InputStream in = new ClassPathResource(DEMO_CATALOG).getInputStream()) {
            var result = importer.importFrom(in, ProductImporter.Format.JSON_LINES);
            log.info("Seeded the demo catalog: {} products (shopkeeper.catalog.seed-demo=false turns this off)",
                    result.imported());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the demo catalog", e);
        }
    }
}
