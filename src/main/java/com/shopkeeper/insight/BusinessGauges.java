package com.shopkeeper.insight;

import com.shopkeeper.conversation.ConversationRepository;
import com.shopkeeper.conversation.State;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.springframework.stereotype.Component;

/**
 * Gauges read from the database, cached between scrapes: {@code shopkeeper.conversations.current{state}}
 * (conversations standing in each state now) and the last 24 hours' funnel rates
 * ({@code shopkeeper.funnel.completion_rate}, {@code .conversion_rate}, {@code .search_effectiveness}).
 * Every instance publishes the same shop-wide values: take max(), not sum(), across instances.
 */
@Component
class BusinessGauges {

    private final Cached<Map<State, Integer>> current;
    private final Cached<BusinessMetrics.Rates> lastDay;

    BusinessGauges(MeterRegistry registry, ConversationRepository conversations, BusinessMetrics metrics,
                   InsightProperties props, Clock clock) {
        this.current = new Cached<>(conversations::countByState, props.statesTtl());
        this.lastDay = new Cached<>(() -> metrics.rates(Window.lastDay(clock)), props.funnelTtl());
        for (State s : State.values()) {
            Gauge.builder("shopkeeper.conversations.current", current, c -> c.get().getOrDefault(s, 0))
                    .tag("state", s.name()).description("conversations standing in each state now")
                    .strongReference(true).register(registry);
        }
        rate(registry, "shopkeeper.funnel.completion_rate", BusinessMetrics.Rates::completion,
                "of the conversations started in the last 24 h, the share that created an order");
        rate(registry, "shopkeeper.funnel.conversion_rate", BusinessMetrics.Rates::conversion,
                "of the conversations started in the last 24 h, the share with a paid order");
        rate(registry, "shopkeeper.funnel.search_effectiveness", BusinessMetrics.Rates::searchEffectiveness,
                "of the last 24 h's searches with results, the share followed by a product's details or an add to cart");
    }

    private void rate(MeterRegistry registry, String name, ToDoubleFunction<BusinessMetrics.Rates> rate, String description) {
        Gauge.builder(name, lastDay, c -> rate.applyAsDouble(c.get())).description(description)
                .strongReference(true).register(registry);
    }
}
