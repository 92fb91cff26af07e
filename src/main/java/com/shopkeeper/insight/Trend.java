package com.shopkeeper.insight;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/admin/metrics/trend}: counts per bucket over [from, to), every bucket present
 * (zeros included), oldest first. The first bucket starts at or before {@code from}; only what
 * happened inside the window is counted, so the points add up to the funnel's totals.
 */
record Trend(@Schema(allowableValues = {"hour", "day"}) String bucket, Instant from, Instant to, List<Point> points) {

    @Schema(name = "TrendPoint")
    record Point(@Schema(description = "the bucket's start (UTC)") Instant at,
                 long conversationsStarted, long ordersCreated, long ordersPaid, long shopperMessages, long searches) {
    }
}
