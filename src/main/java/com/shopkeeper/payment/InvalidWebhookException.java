package com.shopkeeper.payment;

/** A webhook whose signature is missing, forged or stale, or that cannot be read: 400, nothing changes. */
public class InvalidWebhookException extends RuntimeException {

    public InvalidWebhookException(String message) {
        super(message);
    }
}
