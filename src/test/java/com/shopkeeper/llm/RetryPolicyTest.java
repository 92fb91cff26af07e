package com.shopkeeper.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    private final Turns.RecordingSleeper sleeper = new Turns.RecordingSleeper();
    private final RetryPolicy policy = new RetryPolicy("test", 3, Duration.ofMillis(500), Duration.ofSeconds(8),
            Duration.ofSeconds(10), sleeper);

    @Test
    void retryAfterReadsMillisecondsSecondsAndHttpDates() {
        assertThat(RetryPolicy.retryAfter("1500", "9", NOW)).contains(Duration.ofMillis(1500));
        assertThat(RetryPolicy.retryAfter(null, "2", NOW)).contains(Duration.ofSeconds(2));
        assertThat(RetryPolicy.retryAfter(null, "0.25", NOW)).contains(Duration.ofMillis(250));
        assertThat(RetryPolicy.retryAfter(null, "Wed, 25 Nov 2026 12:00:03 GMT", NOW)).contains(Duration.ofSeconds(3));
    }

    @Test
    void retryAfterIgnoresWhatIsAbsentUnreadableOrPast() {
        assertThat(RetryPolicy.retryAfter(null, null, NOW)).isEmpty();
        assertThat(RetryPolicy.retryAfter("soon", "later", NOW)).isEmpty();
        assertThat(RetryPolicy.retryAfter(null, "0", NOW)).isEmpty();
        assertThat(RetryPolicy.retryAfter(null, "Wed, 25 Nov 2026 11:59:00 GMT", NOW)).isEmpty();
    }

    @Test
    void backoffDoublesUpToTheCapLessAQuarterOfJitter() {
        assertThat(policy.backoff(1)).isBetween(Duration.ofMillis(375), Duration.ofMillis(500));
        assertThat(policy.backoff(2)).isBetween(Duration.ofMillis(750), Duration.ofMillis(1000));
        assertThat(policy.backoff(3)).isBetween(Duration.ofMillis(1500), Duration.ofMillis(2000));
        assertThat(policy.backoff(10)).isBetween(Duration.ofSeconds(6), Duration.ofSeconds(8));
        assertThat(policy.backoff(60)).isBetween(Duration.ofSeconds(6), Duration.ofSeconds(8));
    }

    @Test
    void retriesWhatIsRetryableUntilItSucceeds() {
        AtomicInteger attempts = new AtomicInteger();

        String result = policy.call(() -> {
            if (attempts.incrementAndGet() < 3) {
                throw new IllegalStateException("busy");
            }
            return "ok";
        }, e -> RetryPolicy.Failure.retryable("busy", Optional.of(Duration.ofMillis(100))));

        assertThat(result).isEqualTo("ok");
        assertThat(sleeper.waits).containsExactly(Duration.ofMillis(100), Duration.ofMillis(100));
    }

    @Test
    void doesNotRetryWhatIsPermanent() {
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> policy.call(() -> {
            attempts.incrementAndGet();
            throw new IllegalStateException("bad request");
        }, e -> RetryPolicy.Failure.permanent("request refused (400)")))
                .isInstanceOf(LlmUnavailableException.class)
                .hasMessage("test: request refused (400)")
                .hasCauseInstanceOf(IllegalStateException.class);
        assertThat(attempts).hasValue(1);
        assertThat(sleeper.waits).isEmpty();
    }

    @Test
    void anInterruptedWaitGivesUpAndKeepsTheInterruptWithoutCallingTheModelUnavailable() {
        RetryPolicy interrupted = new RetryPolicy("test", 3, Duration.ofMillis(500), Duration.ofSeconds(8),
                Duration.ofSeconds(10), d -> {
                    throw new InterruptedException();
                });
        try {
            assertThatThrownBy(() -> interrupted.call(() -> {
                throw new IllegalStateException("busy");
            }, e -> RetryPolicy.Failure.retryable("busy", Optional.empty())))
                    .isInstanceOf(LlmCallInterruptedException.class)
                    .isNotInstanceOf(LlmUnavailableException.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void anAttemptCutShortByAnInterruptIsNotClassifiedAsTheModelsFailure() {
        AtomicInteger attempts = new AtomicInteger();
        try {
            assertThatThrownBy(() -> policy.call(() -> {
                attempts.incrementAndGet();
                Thread.currentThread().interrupt();   // what an HTTP client does when its wait is interrupted
                throw new IllegalStateException("request interrupted");
            }, e -> RetryPolicy.Failure.permanent("timed out")))
                    .isInstanceOf(LlmCallInterruptedException.class)
                    .hasCauseInstanceOf(IllegalStateException.class);
            assertThat(attempts).hasValue(1);
            assertThat(sleeper.waits).isEmpty();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void unclassifiedErrorsAreNotSwallowed() {
        assertThatThrownBy(() -> policy.call(() -> {
            throw new IllegalArgumentException("our bug");
        }, e -> {
            throw e;
        })).isInstanceOf(IllegalArgumentException.class).hasMessage("our bug");
    }
}
