package com.shopkeeper.catalog;

import com.shopkeeper.catalog.ImportRejectedException.RowError;
import com.shopkeeper.money.Money;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bulk import from JSON lines or CSV. Every row is parsed and validated before anything is written;
 * one bad row rejects the whole request with a report of every bad row. The rows are then written
 * in short transactions, all or nothing as the caller sees it ({@link StagedImports}).
 *
 * <p>CSV: a header row naming the product fields ({@code sku,name,description,price,currency,
 * categories,image_url,in_stock}); categories are separated by {@code |}; any other column is an
 * attribute (e.g. {@code color}).
 */
@Component
public class ProductImporter {

    public enum Format { JSON_LINES, CSV }

    private static final Logger log = LoggerFactory.getLogger(ProductImporter.class);
    private static final Set<String> CSV_FIELDS = Set.of("sku", "name", "description", "price", "currency",
            "categories", "image_url", "in_stock");
    private static final int MAX_REPORTED_ERRORS = 100;

    private final StagedImports imports;
    private final Validator validator;
    private final JsonMapper json;
    private final CatalogProperties props;

    ProductImporter(StagedImports imports, Validator validator, JsonMapper json, CatalogProperties props) {
        this.imports = imports;
        this.validator = validator;
        this.json = json;
        this.props = props;
    }

    public record Result(int imported, int created, int updated) {
    }

    public Result importFrom(InputStream body, Format format) {
        List<RowError> errors = new ArrayList<>();
        List<Row> rows = switch (format) {
            case JSON_LINES -> readJsonLines(body, errors);
            case CSV -> readCsv(body, errors);
        };
        List<ProductDraft> drafts = validate(rows, errors);
        if (rows.isEmpty() && errors.isEmpty()) {
            errors.add(new RowError(0, null, "the body holds no products"));
        }
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparingInt(RowError::row));
            throw new ImportRejectedException(errors.subList(0, Math.min(errors.size(), MAX_REPORTED_ERRORS)));
        }
        ImportJournal.Counts result = imports.run(drafts);
        log.info("product import: {} rows, {} created, {} updated", drafts.size(), result.created(), result.updated());
        return new Result(drafts.size(), result.created(), result.updated());
    }

    private record Row(int number, ProductRequest request) {
    }

    private List<Row> readJsonLines(InputStream body, List<RowError> errors) {
        List<Row> rows = new ArrayList<>();
        try (BufferedReader in = reader(body)) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                checkRowLimit(rows.size());
                try {
                    rows.add(new Row(number, json.readValue(line, ProductRequest.class)));
                } catch (JacksonException e) {
                    errors.add(new RowError(number, fieldOf(e), "not a valid product object: " + e.getOriginalMessage()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    private List<Row> readCsv(InputStream body, List<RowError> errors) {
        List<Row> rows = new ArrayList<>();
        CSVFormat format = CSVFormat.RFC4180.builder()
                .setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true).setTrim(true).get();
        try (CSVParser parser = CSVParser.parse(reader(body), format)) {
            List<String> header = parser.getHeaderNames();
            if (!header.contains("name") || !header.contains("price")) {
                errors.add(new RowError(1, null, "the header row must name at least the columns name and price"));
                return rows;
            }
            for (CSVRecord record : parser) {
                int number = (int) record.getRecordNumber() + 1; // the header is line 1
                checkRowLimit(rows.size());
                if (!record.isConsistent()) {
                    errors.add(new RowError(number, null, "expected " + header.size() + " columns, found " + record.size()));
                    continue;
                }
                try {
                    rows.add(new Row(number, fromCsv(record, header)));
                } catch (InvalidFieldException e) {
                    errors.add(new RowError(number, e.field(), e.getMessage()));
                }
            }
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            // Commons CSV reports malformed quoting as an unchecked exception.
            errors.add(new RowError(rows.size() + 2, null, "malformed CSV: " + e.getMessage()));
        }
        return rows;
    }

    private static ProductRequest fromCsv(CSVRecord r, List<String> header) {
        Map<String, String> v = new HashMap<>();
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (String column : header) {
            String value = r.get(column);
            if (CSV_FIELDS.contains(column)) {
                v.put(column, value == null || value.isEmpty() ? null : value);
            } else if (value != null && !value.isEmpty()) {
                attributes.put(column, value);
            }
        }
        String text = v.get("price");
        // Checked before it is parsed: a column may hold megabytes of digits.
        if (text != null && !Money.isPlausible(text)) {
            throw new InvalidFieldException("price", "must be " + Money.PLAUSIBLE + ", not "
                    + (text.length() <= 20 ? text : text.substring(0, 20) + "…"));
        }
        BigDecimal price = text == null ? null : new BigDecimal(text.strip());
        List<String> categories = v.get("categories") == null ? null
                : Arrays.stream(v.get("categories").split("\\|")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        return new ProductRequest(v.get("sku"), v.get("name"), v.get("description"), price, v.get("currency"),
                categories, v.get("image_url"), bool(v.get("in_stock")), attributes.isEmpty() ? null : attributes);
    }

    private static Boolean bool(String value) {
        if (value == null) {
            return null;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "y", "1" -> true;
            case "false", "no", "n", "0" -> false;
            default -> throw new InvalidFieldException("in_stock", "expected true or false: " + value);
        };
    }

    private List<ProductDraft> validate(List<Row> rows, List<RowError> errors) {
        List<ProductDraft> drafts = new ArrayList<>(rows.size());
        Map<String, Integer> skuRow = new HashMap<>();
        for (Row row : rows) {
            Set<ConstraintViolation<ProductRequest>> violations = validator.validate(row.request());
            if (!violations.isEmpty()) {
                violations.forEach(v -> errors.add(new RowError(row.number(),
                        snake(v.getPropertyPath().toString()), v.getMessage())));
                continue;
            }
            String sku = row.request().sku();
            if (sku != null) {
                Integer first = skuRow.putIfAbsent(sku, row.number());
                if (first != null) {
                    errors.add(new RowError(row.number(), "sku", "duplicate sku " + sku + " (also on row " + first + ")"));
                    continue;
                }
            }
            try {
                drafts.add(row.request().toDraft(props.defaultCurrency()));
            } catch (InvalidFieldException e) {
                errors.add(new RowError(row.number(), e.field(), e.getMessage()));
            }
        }
        return drafts;
    }

    private void checkRowLimit(int rows) {
        if (rows >= props.maxImportRows()) {
            throw new ImportRejectedException(List.of(new RowError(rows + 1, null,
                    "too many rows: at most " + props.maxImportRows() + " per import")));
        }
    }

    private static String fieldOf(JacksonException e) {
        var path = e.getPath();
        return path == null || path.isEmpty() || path.getFirst().getPropertyName() == null
                ? null : path.getFirst().getPropertyName();
    }

    static String snake(String property) {
        return property.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    private static BufferedReader reader(InputStream body) {
        return new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
    }
}
