package com.shopkeeper.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.stereotype.Component;

/** {@code shopkeeper.webhook.requests{platform,outcome}}: what the gateway did with each call. */
@Component
class GatewayMetrics {

    private final MeterRegistry registry;
    private final ConcurrentMap<String, Counter> counters = new ConcurrentHashMap<>();

    GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void admitted(String platform, Inbox.Admission admission) {
        count(platform, admission.name().toLowerCase(java.util.Locale.ROOT));
    }

    void rejected(String platform, String reason) {
        count(platform, reason);
    }

    private void count(String platform, String outcome) {
        counters.computeIfAbsent(platform + '|' + outcome, key -> Counter.builder("shopkeeper.webhook.requests")
                .tag("platform", platform).tag("outcome", outcome).register(registry)).increment();
    }
}
