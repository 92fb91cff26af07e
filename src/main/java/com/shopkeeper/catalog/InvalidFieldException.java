package com.shopkeeper.catalog;

/** A value that passed the annotations but not the domain's own rules (e.g. 3 decimals on a USD price). */
public class InvalidFieldException extends IllegalArgumentException {

    private final String field;

    public InvalidFieldException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
