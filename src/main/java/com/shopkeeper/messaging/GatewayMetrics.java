package com.shopkeeper.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * {@code shopkeeper.webhook.requests{platform,outcome}}: what the gateway did with each call; and
 * {@code shopkeeper.webhook.latency{platform}}: how long it took to answer, which the request
 * observation ({@code http.server.requests}) does not see, since webhooks skip it.
 */
@Component
class GatewayMetrics {

    private final MeterRegistry registry;
    private final ConcurrentMap<String, Counter> counters = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Timer> timers = new ConcurrentHashMap<>();

    GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void admitted(String platform, Inbox.Admission admission) {
        count(platform, admission.name().toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * {@code shopkeeper.messages.status{platform,status,applied}}: delivery statuses by platform and
     * status; {@code applied=false} when it moved nothing (older than what we knew, or of a message we never sent).
     */
    void status(String platform, Delivery status, boolean applied) {
        String key = "status:" + platform + ':' + status + ':' + applied;
        counters.computeIfAbsent(key, k -> Counter.builder("shopkeeper.messages.status").tag("platform", platform)
                .tag("status", status.value()).tag("applied", Boolean.toString(applied))
                .description("delivery statuses the platforms reported of the messages we sent")
                .register(registry)).increment();
    }

    void rejected(String platform, String reason) {
        count(platform, reason);
    }

    /** {@code platform}: a known platform's name only (an unknown one would let callers make up tags). */
    void answered(String platform, long nanos) {
        timers.computeIfAbsent(platform, key -> Timer.builder("shopkeeper.webhook.latency").tag("platform", platform)
                .description("from a webhook's arrival at the gateway to its answer")
                .publishPercentileHistogram().register(registry)).record(nanos, TimeUnit.NANOSECONDS);
    }

    private void count(String platform, String outcome) {
        counters.computeIfAbsent(platform + '|' + outcome, key -> Counter.builder("shopkeeper.webhook.requests")
                .tag("platform", platform).tag("outcome", outcome).register(registry)).increment();
    }
}
