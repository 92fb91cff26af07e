package com.shopkeeper.llm.anthropic;

import com.shopkeeper.llm.TokenPrices;
import java.math.BigDecimal;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code shopkeeper.llm.anthropic.*}. The prices are US dollars per million tokens for the default
 * model (Claude Sonnet 4.5: input 3, output 15, 5-minute cache write 3.75, cache read 0.30): set them
 * with the model.
 *
 * @param maxRetryWait the longest {@code retry-after} worth waiting for while a shopper waits; a
 *                     longer one gives up at once
 */
@ConfigurationProperties("shopkeeper.llm.anthropic")
record AnthropicProperties(String apiKey,
                           @DefaultValue("claude-sonnet-4-5") String model,
                           @DefaultValue("https://api.anthropic.com") String baseUrl,
                           @DefaultValue("20s") Duration timeout,
                           @DefaultValue("3") int maxRetries,
                           @DefaultValue("10s") Duration maxRetryWait,
                           @DefaultValue("512") int maxTokens,
                           @DefaultValue("3.00") BigDecimal inputUsdPerMillion,
                           @DefaultValue("15.00") BigDecimal outputUsdPerMillion,
                           @DefaultValue("3.75") BigDecimal cacheWriteUsdPerMillion,
                           @DefaultValue("0.30") BigDecimal cacheReadUsdPerMillion) {

    TokenPrices prices() {
        return new TokenPrices(inputUsdPerMillion, outputUsdPerMillion, cacheWriteUsdPerMillion, cacheReadUsdPerMillion);
    }

    boolean hasApiKey() {
        return apiKey != null && !apiKey.isBlank();
    }

    // The record's own toString would print the key into any log line or failure message that shows it.
    @Override
    public String toString() {
        return "AnthropicProperties[apiKey=" + (hasApiKey() ? "****" : "unset") + ", model=" + model
                + ", baseUrl=" + baseUrl + ", timeout=" + timeout + ", maxRetries=" + maxRetries + "]";
    }
}
