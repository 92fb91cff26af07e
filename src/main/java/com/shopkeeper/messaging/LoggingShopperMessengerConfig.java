package com.shopkeeper.messaging;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Until a platform adapter is wired, outbound notices are only logged (never their text: it may hold PII). */
@Configuration(proxyBeanMethods = false)
class LoggingShopperMessengerConfig {

    private static final Logger log = LoggerFactory.getLogger(LoggingShopperMessengerConfig.class);

    @Bean
    @ConditionalOnMissingBean(ShopperMessenger.class)
    ShopperMessenger loggingShopperMessenger() {
        return (conversationId, text) -> log.info("conversation={} notice of {} chars (no platform wired)",
                conversationId, text.length());
    }
}
