package com.shopkeeper.web;

/** The request is well-formed but the current state forbids it: 409 with this message. */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
