package com.shopkeeper.llm.openai;

import com.shopkeeper.llm.TokenPrices;
import java.math.BigDecimal;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code shopkeeper.llm.openai.*}: any OpenAI-compatible {@code /chat/completions} endpoint. OpenAI
 * itself by default; Ollama with {@code base-url=http://localhost:11434/v1}, vLLM or a llama.cpp server
 * with theirs (a key is optional there). Prices are US dollars per million tokens for the default
 * model (gpt-4o-mini: input 0.15, cached input 0.075, output 0.60); set them to 0 for a local server.
 *
 * @param maxRetryWait the longest {@code retry-after} worth waiting for while a shopper waits
 */
@ConfigurationProperties("shopkeeper.llm.openai")
record OpenAiProperties(String apiKey,
                        @DefaultValue("gpt-4o-mini") String model,
                        @DefaultValue("https://api.openai.com/v1") String baseUrl,
                        @DefaultValue("20s") Duration timeout,
                        @DefaultValue("3") int maxRetries,
                        @DefaultValue("10s") Duration maxRetryWait,
                        @DefaultValue("512") int maxTokens,
                        @DefaultValue("0.15") BigDecimal inputUsdPerMillion,
                        @DefaultValue("0.60") BigDecimal outputUsdPerMillion,
                        @DefaultValue("0.075") BigDecimal cachedInputUsdPerMillion) {

    /** OpenAI caches prompts by itself and charges nothing extra for writing them. */
    TokenPrices prices() {
        return new TokenPrices(inputUsdPerMillion, outputUsdPerMillion, inputUsdPerMillion, cachedInputUsdPerMillion);
    }

    boolean hasApiKey() {
        return apiKey != null && !apiKey.isBlank();
    }

    // The record's own toString would print the key into any log line or failure message that shows it.
    @Override
    public String toString() {
        return "OpenAiProperties[apiKey=" + (hasApiKey() ? "****" : "unset") + ", model=" + model
                + ", baseUrl=" + baseUrl + ", timeout=" + timeout + ", maxRetries=" + maxRetries + "]";
    }
}
