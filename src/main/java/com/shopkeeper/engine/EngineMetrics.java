package com.shopkeeper.engine;

import com.shopkeeper.conversation.Event;
import com.shopkeeper.conversation.Refusal;
import com.shopkeeper.conversation.State;
import com.shopkeeper.llm.Usage;
import com.shopkeeper.order.OrderPaid;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The engine's Micrometer meters ({@code shopkeeper.*}, low-cardinality tags): turns by state,
 * calls by event and outcome, refusals by reason, state entries (the funnel), orders paid, LLM calls,
 * latency, tokens and cost by provider and model, and the engine's own time per turn without the LLM.
 * Orders created are counted where they are made ({@code shopkeeper.orders{outcome}}, OrderService).
 */
@Component
class EngineMetrics {

    private final MeterRegistry registry;

    EngineMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void turn(State state) {
        registry.counter("shopkeeper.turns", "state", state.name()).increment();
    }

    void applied(Event event, State from, State to) {
        registry.counter("shopkeeper.calls", "event", event.wireName(), "outcome", "applied").increment();
        if (from != to) {
            registry.counter("shopkeeper.state.entries", "state", to.name()).increment();
        }
    }

    void refused(Event event, Refusal reason) {
        registry.counter("shopkeeper.calls", "event", event == null ? "unknown" : event.wireName(), "outcome", "refused").increment();
        registry.counter("shopkeeper.calls.refused", "reason", reason.code()).increment();
    }

    /** A turn the offline understanding served because the model could not ({@code cause}). */
    void fallback(String provider, String cause) {
        registry.counter("shopkeeper.llm.fallbacks", "provider", provider, "cause", cause).increment();
    }

    /** A conversation handed to a person: {@code reason} shopper_asked or bot_failed (admins taking over are counted where they do). */
    void handedOver(String reason) {
        registry.counter("shopkeeper.handoffs", "reason", reason).increment();
    }

    /** A turn made of a tapped button or list row: no understanding asked. */
    void tap() {
        registry.counter("shopkeeper.taps").increment();
    }

    void malformed() {
        registry.counter("shopkeeper.calls.refused", "reason", "malformed_call").increment();
    }

    @EventListener
    void orderPaid(OrderPaid paid) {
        registry.counter("shopkeeper.orders.paid").increment();
    }

    /** One provider and model's meters, looked up once: building tags on every turn showed in the profile. */
    private record LlmMeters(Timer latency, Counter input, Counter output, Counter cacheRead, Counter cacheWrite,
                             Counter cost) {
    }

    private final Map<String, LlmMeters> llmMeters = new ConcurrentHashMap<>();

    void llmCall(String provider, Usage usage, Duration latency, String outcome) {
        String model = usage == null ? "unknown" : usage.model();
        registry.counter("shopkeeper.llm.calls", "provider", provider, "model", model, "outcome", outcome).increment();
        LlmMeters meters = llmMeters.computeIfAbsent(provider + '\u0000' + model, k -> llmMeters(provider, model));
        meters.latency().record(latency);
        if (usage != null) {
            meters.input().increment(usage.inputTokens());
            meters.output().increment(usage.outputTokens());
            meters.cacheRead().increment(usage.cacheReadTokens());
            meters.cacheWrite().increment(usage.cacheWriteTokens());
            meters.cost().increment(usage.costUsd().doubleValue()); // a metric, not money: doubles are Micrometer's unit
        }
    }

    private LlmMeters llmMeters(String provider, String model) {
        return new LlmMeters(
                Timer.builder("shopkeeper.llm.latency").tags("provider", provider, "model", model)
                        .publishPercentileHistogram().register(registry),
                tokens(provider, model, "input"), tokens(provider, model, "output"),
                tokens(provider, model, "cache_read"), tokens(provider, model, "cache_write"),
                Counter.builder("shopkeeper.llm.cost").baseUnit("usd").tags("provider", provider, "model", model)
                        .register(registry));
    }

    private Counter tokens(String provider, String model, String type) {
        return registry.counter("shopkeeper.llm.tokens", "provider", provider, "model", model, "type", type);
    }

    void engineOverhead(Duration d) {
        Timer.builder("shopkeeper.engine.overhead").description("time per turn spent outside the LLM call")
                .publishPercentileHistogram().register(registry).record(d);
    }
}
