package com.shopkeeper.llm.offline;

import com.shopkeeper.llm.EmbeddingModel;
import com.shopkeeper.llm.ConditionalOnLlmProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The offline provider, when it is the one in use (the default when no model key is configured). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnLlmProvider("offline")
class OfflineLlmConfig {

    @Bean
    OfflineLlmProvider offlineLlmProvider(EmbeddingModel embeddings) {
        // The application's one embedding model (search uses the same): one ONNX session, not two.
        return OfflineLlmProvider.create(embeddings);
    }
}
