package com.shopkeeper.llm;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a network provider retries one model call: rate limits (429), overload (529) and server errors
 * (5xx) and dropped connections are tried again, up to {@code maxRetries} more times, waiting what the
 * server's {@code retry-after} asks, else an exponential backoff with jitter. A timeout is not retried:
 * the shopper has already waited the whole timeout, and "sorry, try again" now beats a second wait.
 * When the attempts run out, or the server asks for a wait longer than {@code maxWait}, the call ends
 * in {@link LlmUnavailableException}.
 *
 * <p>Both providers share this loop (rather than the Anthropic SDK's own retries, which wait whatever
 * {@code retry-after} says, however long) so they behave alike and tests can check the waits without
 * waiting.
 */
public final class RetryPolicy {

    private static final Logger log = LoggerFactory.getLogger(RetryPolicy.class);

    /** Waits between attempts; tests pass one that records instead of sleeping. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;

        Sleeper THREAD = d -> Thread.sleep(d);
    }

    /** Why one attempt failed, as a provider classifies its client's exception. */
    public record Failure(String reason, boolean retryable, Optional<Duration> retryAfter) {

        public static Failure retryable(String reason, Optional<Duration> retryAfter) {
            return new Failure(reason, true, retryAfter);
        }

        public static Failure permanent(String reason) {
            return new Failure(reason, false, Optional.empty());
        }
    }

    private final String provider;
    private final int maxRetries;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Duration maxWait;
    private final Sleeper sleeper;

    /** The backoff every network provider uses: 0.5 s doubling to 8 s, within the configured bounds. */
    public static RetryPolicy standard(String provider, int maxRetries, Duration maxRetryWait, Sleeper sleeper) {
        return new RetryPolicy(provider, maxRetries, Duration.ofMillis(500), Duration.ofSeconds(8), maxRetryWait, sleeper);
    }

    public RetryPolicy(String provider, int maxRetries, Duration initialBackoff, Duration maxBackoff,
                       Duration maxWait, Sleeper sleeper) {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be 0 or more");
        }
        this.provider = provider;
        this.maxRetries = maxRetries;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.maxWait = maxWait;
        this.sleeper = sleeper;
    }

    /**
     * Runs {@code attempt} until it returns, retrying what {@code classify} calls retryable.
     *
     * @throws LlmUnavailableException when it does not succeed; the last failure is its cause
     * @throws LlmCallInterruptedException when the calling thread is interrupted (its instance is
     *                                     stopping): that is not the model's failure, and says nothing
     *                                     about what it would have answered
     */
    public <T> T call(Supplier<T> attempt, Function<RuntimeException, Failure> classify) {
        for (int attemptNo = 1; ; attemptNo++) {
            RuntimeException error;
            try {
                return attempt.get();
            } catch (LlmUnavailableException e) {
                throw e;
            } catch (RuntimeException e) {
                error = e;
            }
            if (Thread.currentThread().isInterrupted()) {
                // An interrupted HTTP call surfaces as a connection failure or a timeout; it is neither.
                throw new LlmCallInterruptedException(provider, error);
            }
            Failure failure = classify.apply(error);
            if (!failure.retryable()) {
                throw new LlmUnavailableException(provider + ": " + failure.reason(), error);
            }
            if (attemptNo > maxRetries) {
                throw new LlmUnavailableException(provider + ": " + failure.reason() + ", gave up after "
                        + attemptNo + (attemptNo == 1 ? " attempt" : " attempts"), error);
            }
            Duration wait = failure.retryAfter().isPresent() ? failure.retryAfter().get() : backoff(attemptNo);
            if (wait.compareTo(maxWait) > 0) {
                throw new LlmUnavailableException(provider + ": " + failure.reason() + ", asked to wait "
                        + wait.toSeconds() + " s, more than " + maxWait.toSeconds() + " s", error);
            }
            log.warn("llm={} attempt={} failed: {}; retrying in {} ms", provider, attemptNo, failure.reason(),
                    wait.toMillis());
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LlmCallInterruptedException(provider, e);
            }
        }
    }

    /** Exponential: initial, 2x, 4x ... capped at {@code maxBackoff}, less up to a quarter of jitter. */
    Duration backoff(int failedAttempts) {
        long base = initialBackoff.toMillis() << Math.min(failedAttempts - 1, 20);
        long capped = Math.min(base, maxBackoff.toMillis());
        double jitter = 1.0 - 0.25 * ThreadLocalRandom.current().nextDouble();
        return Duration.ofMillis(Math.round(capped * jitter));
    }

    /**
     * The wait a server asked for: {@code retry-after-ms} (milliseconds, sent by Anthropic and OpenAI),
     * else {@code retry-after} in seconds or as an HTTP date. Empty when absent, unreadable or not in
     * the future.
     */
    public static Optional<Duration> retryAfter(String retryAfterMs, String retryAfter, Instant now) {
        if (retryAfterMs != null) {
            try {
                double ms = Double.parseDouble(retryAfterMs.strip());
                if (ms > 0 && Double.isFinite(ms)) {
                    return Optional.of(Duration.ofMillis(Math.round(ms)));
                }
            } catch (NumberFormatException e) {
                // unreadable: fall through to retry-after
            }
        }
        if (retryAfter == null || retryAfter.isBlank()) {
            return Optional.empty();
        }
        String value = retryAfter.strip();
        try {
            double seconds = Double.parseDouble(value);
            return seconds > 0 && Double.isFinite(seconds)
                    ? Optional.of(Duration.ofMillis(Math.round(seconds * 1000)))
                    : Optional.empty();
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(now, ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME));
                return until.isPositive() ? Optional.of(until) : Optional.empty();
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }
}
