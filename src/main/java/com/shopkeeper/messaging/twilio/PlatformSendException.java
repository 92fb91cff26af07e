package com.shopkeeper.messaging.twilio;

/** Twilio would not take a message, even after retries; the queue retries the whole item later. */
class PlatformSendException extends RuntimeException {

    PlatformSendException(String message, Throwable cause) {
        super(message, cause);
    }
}
