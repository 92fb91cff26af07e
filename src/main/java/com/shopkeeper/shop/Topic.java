package com.shopkeeper.shop;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a shopper's question about the shop itself is about; the wire names are the function's topic values. */
public enum Topic {
    DELIVERY, RETURNS, HOURS, CONTACT, PAYMENT_METHODS;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Topic> ofWireName(String name) {
        String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT).replace('-', '_');
        return Arrays.stream(values()).filter(t -> t.wireName().equals(n)).findFirst();
    }
}
