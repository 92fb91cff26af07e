package com.shopkeeper.catalog;

import java.time.Duration;

/**
 * An import that passed its commit point but could not be finished by the request that made it
 * (the database refused a chunk, the instance is stopping, another instance took it over). It is
 * not lost: recovery finishes it once its lease runs out.
 */
public class ImportUnfinishedException extends RuntimeException {

    private final String importId;
    private final Duration finishedWithin;

    ImportUnfinishedException(String importId, Duration lease, Throwable cause) {
        super("the import was accepted whole and is being applied; it completes within about "
                + (lease.toSeconds() + 30) + " seconds", cause);
        this.importId = importId;
        this.finishedWithin = lease.plusSeconds(30);
    }

    public String importId() {
        return importId;
    }

    public Duration finishedWithin() {
        return finishedWithin;
    }
}
