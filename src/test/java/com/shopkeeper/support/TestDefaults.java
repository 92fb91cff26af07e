package com.shopkeeper.support;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Defaults for every application started inside the test JVM (however it is started: {@link AppTest},
 * {@link TestApps}, an own {@code @SpringBootTest} or {@code SpringApplicationBuilder}), where they
 * differ from production's. Each applies only where the test set nothing for it, anywhere: not even
 * in a builder's default properties (which Spring Boot moves behind every other source once this
 * has run, so a property source of lower precedence cannot be had); a {@code @DynamicPropertySource},
 * added later, comes first anyway. Registered in the tests' own {@code META-INF/spring.factories};
 * the jar that the fault suite runs never sees them.
 *
 * <ul>
 * <li>{@code shopkeeper.engine.burst-window=0}: the tests send a message and expect its answer at
 * once; a test of bursts turns them on for its own application.</li>
 * </ul>
 */
public final class TestDefaults implements EnvironmentPostProcessor {

    static final Map<String, Object> DEFAULTS = Map.of("shopkeeper.engine.burst-window", "0");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> unset = new java.util.HashMap<>();
        DEFAULTS.forEach((key, value) -> {
            if (!environment.containsProperty(key)) {
                unset.put(key, value);
            }
        });
        if (!unset.isEmpty()) {
            environment.getPropertySources().addLast(new MapPropertySource("shopkeeper-test-defaults", unset));
        }
    }
}
