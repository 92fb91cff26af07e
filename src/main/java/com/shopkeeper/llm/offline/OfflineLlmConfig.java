package com.shopkeeper.llm.offline;

import com.shopkeeper.llm.EmbeddingModel;
import org.springframework.beans.factory.ObjectProvider;
import com.shopkeeper.llm.ConditionalOnLlmProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The offline provider, when it is the one in use (the default when no model key is configured). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnLlmProvider("offline")
class OfflineLlmConfig {

    @Bean
    OfflineLlmProvider offlineLlmProvider(ObjectProvider<EmbeddingModel> embeddings) {
        // The application's one embedding model (search uses the same): one ONNX session, not two.
        EmbeddingModel shared = embeddings.getIfAvailable();
        return (shared == null ? OfflineLlmProvider.create() : OfflineLlmProvider.create(shared)).warmUp();
    }
}
