package com.shopkeeper.llm.offline;

import com.shopkeeper.llm.ConditionalOnLlmProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The offline provider, when it is the one in use (the default when no model key is configured). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnLlmProvider("offline")
class OfflineLlmConfig {

    @Bean
    OfflineLlmProvider offlineLlmProvider() {
        // One model session per application: it loads on the first message, not per call.
        return OfflineLlmProvider.create();
    }
}
