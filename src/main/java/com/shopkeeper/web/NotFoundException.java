package com.shopkeeper.web;

/** A resource the caller named does not exist: 404 with this message. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
