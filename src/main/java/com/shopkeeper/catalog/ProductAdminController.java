package com.shopkeeper.catalog;

import com.shopkeeper.web.PageOf;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.io.InputStream;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/admin/products")
@Tag(name = "Products", description = "The shop's catalog")
class ProductAdminController {

    static final String NDJSON = "application/x-ndjson";
    static final String CSV = "text/csv";

    private final ProductService products;
    private final ProductImporter importer;
    private final CatalogProperties props;

    ProductAdminController(ProductService products, ProductImporter importer, CatalogProperties props) {
        this.products = products;
        this.importer = importer;
        this.props = props;
    }

    @GetMapping
    @Operation(summary = "List products, oldest first, optionally by category and stock")
    PageOf<ProductView> list(@RequestParam(required = false) String category,
                             @RequestParam(name = "in_stock", required = false) Boolean inStock,
                             @RequestParam(defaultValue = "0") int page,
                             @RequestParam(defaultValue = "20") @Parameter(description = "1 to 1000") int size) {
        return products.list(new ProductFilter(category, inStock), new PageOf.Request(page, size)).map(ProductView::of);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One product")
    ProductView get(@PathVariable String id) {
        return ProductView.of(products.get(id));
    }

    @PostMapping
    @Operation(summary = "Create a product")
    ResponseEntity<ProductView> create(@Valid @RequestBody ProductRequest request) {
        Product created = products.create(request.toDraft(props.defaultCurrency()));
        return ResponseEntity.created(URI.create("/api/admin/products/" + created.id())).body(ProductView.of(created));
    }

    @PutMapping("/{id}")
    @Operation(summary = "Replace a product's fields")
    ProductView update(@PathVariable String id, @Valid @RequestBody ProductRequest request) {
        return ProductView.of(products.update(id, request.toDraft(props.defaultCurrency())));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a product (past orders keep it)")
    void delete(@PathVariable String id) {
        products.delete(id);
    }

    @PostMapping(path = "/import", consumes = NDJSON)
    @Operation(summary = "Import products from JSON lines, one product per line; a known sku updates that product. "
            + "All rows or none.")
    ProductImporter.Result importJsonLines(InputStream body) {
        return importer.importFrom(body, ProductImporter.Format.JSON_LINES);
    }

    @PostMapping(path = "/import", consumes = CSV)
    @Operation(summary = "Import products from CSV with a header row; categories separated by '|', "
            + "other columns become attributes. All rows or none.")
    ProductImporter.Result importCsv(InputStream body) {
        return importer.importFrom(body, ProductImporter.Format.CSV);
    }
}
