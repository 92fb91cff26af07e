package com.shopkeeper.order;

import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * What the order side shows of an order's payment attempts. A port: the payment feature, which
 * depends on orders, implements it, so that orders need not depend on payments.
 */
public interface OrderPayments {

    /** The order's payment attempts, oldest first. */
    List<Attempt> attempts(String orderId);

    /**
     * What hides, in a text (a reply the shopper was sent), every pay link made for these orders: a
     * link is a bearer capability (the sandbox's pays the order), not something an admin view hands out.
     */
    UnaryOperator<String> linkHider(List<String> orderIds);

    /** What a hidden pay link is replaced by. */
    String HIDDEN_LINK = "[payment link]";

    /**
     * One attempt as an admin may see it. {@code reference} names the attempt without handing out
     * anything that pays it (never a pay link, nor a provider id that is a pay link's secret).
     */
    record Attempt(String provider, String status, String reference, Instant expiresAt, Instant createdAt,
                   Instant updatedAt) {
    }
}
