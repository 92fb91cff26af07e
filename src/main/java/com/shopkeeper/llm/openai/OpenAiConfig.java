package com.shopkeeper.llm.openai;

import com.shopkeeper.llm.ConditionalOnLlmProvider;
import com.shopkeeper.llm.EmbeddingModel;
import org.springframework.beans.factory.ObjectProvider;
import com.shopkeeper.llm.RetryPolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@ConditionalOnLlmProvider("openai")
class OpenAiConfig {

    // No key check: Ollama, vLLM and llama.cpp servers usually run without one.
    @Bean
    OpenAiLlmProvider openAiLlmProvider(OpenAiProperties properties, ObjectProvider<EmbeddingModel> embeddings) {
        return new OpenAiLlmProvider(properties, RetryPolicy.Sleeper.THREAD, embeddings.getIfAvailable());
    }
}
