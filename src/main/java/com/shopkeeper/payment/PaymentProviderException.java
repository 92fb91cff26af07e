package com.shopkeeper.payment;

/** The payment provider could not be reached or refused the request. The message holds no secrets. */
public class PaymentProviderException extends RuntimeException {

    public PaymentProviderException(String message, Throwable cause) {
        super(message, cause);
    }

    public PaymentProviderException(String message) {
        super(message);
    }
}
