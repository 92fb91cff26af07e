package com.shopkeeper.messaging;

import java.util.Locale;
import java.util.Optional;

/**
 * Where a message the shop sent stands. Platforms report these out of order (a "delivered" can
 * arrive after the "read"); a status only ever replaces one of a lower {@link #rank()}, so a message
 * never moves back. A failure outranks queued and sent, not delivered: a message the phone has
 * shown cannot fail afterwards. REFUSED is ours, not a platform's: never handed to the platform
 * (outside the 24-hour window with no template for it, or given up after retries).
 */
public enum Delivery {
    QUEUED(0), SENT(1), DELIVERED(2), FAILED(2), READ(3), REFUSED(4);

    private final int rank;

    Delivery(int rank) {
        this.rank = rank;
    }

    public int rank() {
        return rank;
    }

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * A platform's word for a status (Twilio's MessageStatus, Meta's {@code statuses[].status}); empty
     * for one that is not about delivery (Twilio's "receiving", "received" of an inbound message).
     */
    public static Optional<Delivery> of(String platformWord) {
        if (platformWord == null) {
            return Optional.empty();
        }
        return switch (platformWord.strip().toLowerCase(Locale.ROOT)) {
            case "accepted", "scheduled", "queued", "sending" -> Optional.of(QUEUED);
            case "sent" -> Optional.of(SENT);
            case "delivered" -> Optional.of(DELIVERED);
            case "read" -> Optional.of(READ);
            case "failed", "undelivered", "canceled" -> Optional.of(FAILED);
            default -> Optional.empty();
        };
    }
}
