package com.shopkeeper.payment;

public enum PaymentStatus {
    PENDING, PAID, FAILED, EXPIRED, CANCELLED
}
