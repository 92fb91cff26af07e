package com.shopkeeper.llm.offline;

import com.shopkeeper.config.OnRoleCondition;
import com.shopkeeper.llm.ConditionalOnLlmProvider;
import com.shopkeeper.llm.EmbeddingModel;
import com.shopkeeper.llm.ProductWords;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The offline provider, when it is the one in use (the default when no model key is configured). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnLlmProvider("offline")
class OfflineLlmConfig {

    @Bean
    OfflineLlmProvider offlineLlmProvider(ObjectProvider<EmbeddingModel> embeddings, ObjectProvider<ProductWords> shopWords,
                                          Environment environment) {
        // The application's one embedding model (search uses the same): one ONNX session, not two.
        EmbeddingModel shared = embeddings.getIfAvailable();
        OfflineLlmProvider provider = shared == null ? OfflineLlmProvider.create() : OfflineLlmProvider.create(shared);
        ProductWords words = shopWords.getIfAvailable();
        if (words != null) {
            provider = provider.withShopWords(words);
        }
        // Trained ahead only where turns run. A gateway-only instance (only the admin NLU parse asks it
        // there, and then it trains on that first call) would otherwise spend its first seconds taking
        // webhooks beside 5-14 s of training on the same cores.
        return OnRoleCondition.plays(environment, "worker") ? provider.warmUp() : provider;
    }
}
