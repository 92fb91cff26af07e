package com.shopkeeper.config;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ClockConfig {

    @Bean
    Clock clock() {
        // Millisecond ticks: what every engine stores (TIMESTAMP(3)), so a value reads back as it was written.
        return Clock.tick(Clock.systemUTC(), java.time.Duration.ofMillis(1));
    }
}
