package com.shopkeeper.messaging.simulator;

import com.shopkeeper.crypto.FieldCipher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * The simulator's rate limits, shared by every instance through Redis: per client address and for
 * all clients, per minute ({@code simulator/rate-limit.lua}). Keys are under {@code simulator:};
 * a client's address appears only as a keyed pseudonym.
 */
@Component
@ConditionalOnSimulator
class SimulatorLimits {

    static final String PREFIX = "simulator:{rate}:";
    private static final Duration WINDOW = Duration.ofMinutes(1);

    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> SCRIPT = script();

    private final StringRedisTemplate redis;
    private final FieldCipher cipher;
    private final SimulatorProperties props;

    SimulatorLimits(StringRedisTemplate redis, FieldCipher cipher, SimulatorProperties props) {
        this.redis = redis;
        this.cipher = cipher;
        this.props = props;
    }

    enum Outcome { TAKEN, CLIENT_LIMITED, GLOBALLY_LIMITED }

    record Verdict(Outcome outcome, Duration retryAfter) {
    }

    /** Counts one request of {@code client} (its address) unless a limit is reached. */
    Verdict take(String client) {
        List<?> answer = redis.execute(SCRIPT, List.of(PREFIX + "client:" + cipher.pseudonym(client), PREFIX + "global"),
                Integer.toString(props.perClientPerMinute()), Integer.toString(props.globalPerMinute()),
                Long.toString(WINDOW.toSeconds()));
        long code = ((Number) answer.get(0)).longValue();
        Duration retryAfter = Duration.ofSeconds(Math.max(1, ((Number) answer.get(1)).longValue()));
        return switch ((int) code) {
            case 0 -> new Verdict(Outcome.TAKEN, Duration.ZERO);
            case 1 -> new Verdict(Outcome.CLIENT_LIMITED, retryAfter);
            case 2 -> new Verdict(Outcome.GLOBALLY_LIMITED, retryAfter);
            default -> throw new IllegalStateException("the simulator's rate-limit script answered " + code);
        };
    }

    @SuppressWarnings("rawtypes")
    private static RedisScript<List> script() {
        try (var in = new ClassPathResource("simulator/rate-limit.lua").getInputStream()) {
            return RedisScript.of(new String(in.readAllBytes(), StandardCharsets.UTF_8), List.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read simulator/rate-limit.lua", e);
        }
    }
}
