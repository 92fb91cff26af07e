package com.shopkeeper.config;

import com.github.f4b6a3.uuid.UuidCreator;

/** Row ids: UUIDv7 strings, so that ids sort by creation time on every engine. */
public final class Ids {

    private Ids() {
    }

    public static String next() {
        return UuidCreator.getTimeOrderedEpoch().toString();
    }
}
