package com.shopkeeper.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The engine's settings as production binds them (the tests' own default turns bursts off: support/TestDefaults). */
class EnginePropertiesTest {

    static EngineProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("shopkeeper.engine", EngineProperties.class);
    }

    @Test
    void burstsAreOnByDefaultWithAWindowOfOneAndAHalfSeconds() {
        EngineProperties props = bind(Map.of());
        assertThat(props.burstWindow()).isEqualTo(Duration.ofMillis(1500));
        assertThat(props.burstMessages()).isEqualTo(5);
        assertThat(props.burstLongest()).isEqualTo(Duration.ofSeconds(6));
    }

    @Test
    void aWindowOfZeroTurnsThemOffAndANegativeOneIsRefused() {
        assertThat(bind(Map.of("shopkeeper.engine.burst-window", "0")).burstWindow()).isZero();
        assertThatThrownBy(() -> bind(Map.of("shopkeeper.engine.burst-window", "-1s"))).isInstanceOf(BindException.class);
    }
}
