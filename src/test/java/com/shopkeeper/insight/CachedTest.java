package com.shopkeeper.insight;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CachedTest {

    long now = 0;
    int reads = 0;
    final Cached<Integer> cached = new Cached<>(() -> ++reads, Duration.ofSeconds(10), () -> now);

    @Test
    void theValueIsReadOnceThenReusedUntilItsTimeToLiveIsOver() {
        assertThat(cached.get()).isEqualTo(1);
        now += Duration.ofSeconds(9).toNanos();
        assertThat(cached.get()).as("9 s later").isEqualTo(1);
        now += Duration.ofSeconds(1).toNanos();
        assertThat(cached.get()).as("10 s later").isEqualTo(2);
        assertThat(cached.get()).isEqualTo(2);
        assertThat(reads).isEqualTo(2);
    }

    @Test
    void theFirstReadHappensWhateverTheClockSays() {
        now = Long.MIN_VALUE + 5;
        assertThat(cached.get()).isEqualTo(1);
    }
}
