package com.shopkeeper.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Locale;
import java.util.Objects;

/**
 * An exact amount in one currency, always at the currency's own scale (2 for USD, 0 for JPY).
 * Stored as an integer count of minor units; never a double.
 */
public record Money(BigDecimal amount, Currency currency) implements Comparable<Money> {

    /** Digits a plausible amount has before its decimal point (under a trillion). */
    public static final int MAX_INTEGER_DIGITS = 12;
    /** Decimals a plausible amount has, zeros at the end aside (no currency has more than 4). */
    public static final int MAX_DECIMALS = 6;
    /** The longest text a plausible amount is written in. */
    public static final int MAX_TEXT = 32;
    /** What {@link #isPlausible} asks, in words for an error message. */
    public static final String PLAUSIBLE = "a plain amount: at most " + MAX_INTEGER_DIGITS + " digits before the point and "
            + MAX_DECIMALS + " after";

    public Money {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        int scale = Math.max(currency.getDefaultFractionDigits(), 0);
        if (amount.stripTrailingZeros().scale() > scale) {
            // Never written out when absurd: 1e-100000000 in plain digits is a hundred million characters.
            throw new IllegalArgumentException(currency.getCurrencyCode() + " amounts have at most " + scale
                    + " decimal places: " + (isPlausible(amount) ? amount.toPlainString() : amount.toString()));
        }
        amount = amount.setScale(scale, RoundingMode.UNNECESSARY);
    }

    public static Money of(BigDecimal amount, String currencyCode) {
        return new Money(amount, currency(currencyCode));
    }

    public static Money of(String amount, String currencyCode) {
        return of(new BigDecimal(amount), currencyCode);
    }

    public static Money ofMinor(long minorUnits, String currencyCode) {
        Currency currency = currency(currencyCode);
        return new Money(BigDecimal.valueOf(minorUnits, Math.max(currency.getDefaultFractionDigits(), 0)), currency);
    }

    public static Money zero(String currencyCode) {
        return ofMinor(0, currencyCode);
    }

    /** An ISO 4217 code, or IllegalArgumentException with a message fit for a shop owner. */
    public static Currency currency(String code) {
        if (code == null || !code.matches("[A-Z]{3}")) {
            throw new IllegalArgumentException("currency must be a three-letter ISO 4217 code such as USD: " + code);
        }
        try {
            return Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown currency: " + code);
        }
    }

    /**
     * Whether {@code amount} is a size a price, a total or a price limit could have: at most {@link
     * #MAX_INTEGER_DIGITS} digits before the point, {@link #MAX_DECIMALS} after (trailing zeros
     * aside). Ask before any arithmetic on an amount from outside: "1e-100000000" is twelve
     * characters, and scaling it to cents, or writing it out, costs seconds of CPU and a hundred
     * million digits. Only the number's representation is read here, never scaled.
     */
    public static boolean isPlausible(BigDecimal amount) {
        if (amount == null || amount.precision() > MAX_TEXT) {
            return false;
        }
        try {
            BigDecimal stripped = amount.stripTrailingZeros();
            long integerDigits = (long) stripped.precision() - stripped.scale();
            return integerDigits <= MAX_INTEGER_DIGITS && stripped.scale() <= MAX_DECIMALS;
        } catch (ArithmeticException e) {
            return false; // a scale at the edge of int: nothing a price has
        }
    }

    /** {@link #isPlausible(BigDecimal)} for text, which is checked for length before it is parsed. */
    public static boolean isPlausible(String amount) {
        if (amount == null || amount.length() > MAX_TEXT) {
            return false;
        }
        try {
            return isPlausible(new BigDecimal(amount.strip()));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    public long minorUnits() {
        return amount.movePointRight(amount.scale()).longValueExact();
    }

    public String currencyCode() {
        return currency.getCurrencyCode();
    }

    public boolean isNegative() {
        return amount.signum() < 0;
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(amount.add(other.amount), currency);
    }

    public Money times(int quantity) {
        return new Money(amount.multiply(BigDecimal.valueOf(quantity)), currency);
    }

    /** "$1,234.50", "€12.00", "¥500": for shoppers' eyes. */
    public String display() {
        var format = java.text.NumberFormat.getCurrencyInstance(Locale.US);
        format.setCurrency(currency);
        format.setMinimumFractionDigits(amount.scale());
        format.setMaximumFractionDigits(amount.scale());
        return format.format(amount);
    }

    @Override
    public int compareTo(Money other) {
        requireSameCurrency(other);
        return amount.compareTo(other.amount);
    }

    private void requireSameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("cannot mix " + currencyCode() + " and " + other.currencyCode());
        }
    }

    @Override
    public String toString() {
        return amount.toPlainString() + " " + currencyCode();
    }
}
