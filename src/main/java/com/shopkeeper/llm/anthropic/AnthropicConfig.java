package com.shopkeeper.llm.anthropic;

import com.shopkeeper.llm.ConditionalOnLlmProvider;
import com.shopkeeper.llm.EmbeddingModel;
import org.springframework.beans.factory.ObjectProvider;
import com.shopkeeper.llm.RetryPolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@ConditionalOnLlmProvider("anthropic")
class AnthropicConfig {

    @Bean
    AnthropicLlmProvider anthropicLlmProvider(AnthropicProperties properties, ObjectProvider<EmbeddingModel> embeddings) {
        if (!properties.hasApiKey()) {
            // Fail at start-up, not on the first shopper's message.
            throw new IllegalStateException("shopkeeper.llm.provider is anthropic but "
                    + "shopkeeper.llm.anthropic.api-key (SHOPKEEPER_LLM_ANTHROPIC_API_KEY) is not set");
        }
        return new AnthropicLlmProvider(properties, RetryPolicy.Sleeper.THREAD, embeddings.getIfAvailable());
    }
}
