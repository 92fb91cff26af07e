package com.shopkeeper.llm;

import java.math.BigDecimal;

/** Tokens one model call used, and what they cost (US dollars, from the configured price per million tokens). */
public record Usage(String model, long inputTokens, long outputTokens, long cacheReadTokens, long cacheWriteTokens,
                    BigDecimal costUsd) {

    public static Usage none(String model) {
        return new Usage(model, 0, 0, 0, 0, BigDecimal.ZERO);
    }
}
