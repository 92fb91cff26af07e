package com.shopkeeper.messaging;

/** A genuine (signed) webhook call that lacks what a message needs; answered 400. */
public class MalformedWebhookException extends RuntimeException {

    public MalformedWebhookException(String message) {
        super(message);
    }
}
