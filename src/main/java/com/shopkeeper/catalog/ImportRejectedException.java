package com.shopkeeper.catalog;

import java.util.List;

/** An import with bad rows: nothing was written; every bad row is reported. */
public class ImportRejectedException extends RuntimeException {

    public record RowError(int row, String field, String message) {
    }

    private final List<RowError> errors;

    public ImportRejectedException(List<RowError> errors) {
        super(errors.size() + " row(s) rejected; nothing was imported");
        this.errors = List.copyOf(errors);
    }

    public List<RowError> errors() {
        return errors;
    }
}
