package com.shopkeeper.insight;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Duration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Business metrics for the shop owner's metrics page; any token may read them. */
@RestController
@RequestMapping("/api/admin/metrics")
@Tag(name = "Metrics", description = "Business metrics: the conversation funnel and its trend")
class MetricsAdminController {

    private static final Duration FUNNEL_DEFAULT = Duration.ofDays(7);
    private static final Duration TREND_DEFAULT = Duration.ofDays(14);

    private final BusinessMetrics metrics;
    private final Clock clock;

    MetricsAdminController(BusinessMetrics metrics, Clock clock) {
        this.metrics = metrics;
        this.clock = clock;
    }

    @GetMapping("/funnel")
    @Operation(summary = "The conversation funnel of a window [from, to)",
            description = "Conversations started in the window (the cohort) and how many created and paid an order; "
                    + "per state, the conversations that entered it and moved on; orders created and paid; "
                    + "messages; search effectiveness and the queries that found nothing; reminders sent or skipped, "
                    + "and how many were followed by a payment (unpaid orders) or an order (abandoned carts). "
                    + "At most 366 days; rates are 0 to 1, rounded to 4 places.")
    FunnelReport funnel(@RequestParam(required = false) @Parameter(description =
                                "ISO-8601 instant, inclusive; default: 'to' minus 7 days", example = "2026-11-18T00:00:00Z") String from,
                        @RequestParam(required = false) @Parameter(description =
                                "ISO-8601 instant, exclusive; default: now", example = "2026-11-25T00:00:00Z") String to) {
        return metrics.funnel(Window.parse(from, to, clock, end -> end.minus(FUNNEL_DEFAULT)));
    }

    @GetMapping("/trend")
    @Operation(summary = "Counts per hour or day over a window, every bucket present",
            description = "Conversations started, orders created and paid, shopper messages and searches per "
                    + "bucket (UTC). The first bucket starts at or before 'from'; only what happened in "
                    + "[from, to) is counted. At most 400 buckets and 366 days.")
    Trend trend(@RequestParam(required = false) @Parameter(description =
                        "ISO-8601 instant, inclusive; default: the start of the bucket 14 days before 'to'") String from,
                @RequestParam(required = false) @Parameter(description = "ISO-8601 instant, exclusive; default: now") String to,
                @RequestParam(defaultValue = "day") @Parameter(description = "hour or day") String bucket) {
        Bucket b = Bucket.parse(bucket);
        // 14 buckets of days (or 336 of hours) ending with the one that holds 'to'.
        Window w = Window.parse(from, to, clock, end -> b.startOf(end.minusNanos(1)).plus(b.length()).minus(TREND_DEFAULT));
        return metrics.trend(w, b);
    }
}
