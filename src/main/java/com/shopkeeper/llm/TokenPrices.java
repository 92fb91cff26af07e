package com.shopkeeper.llm;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What a model charges, in US dollars per million tokens: uncached input, output, input written to
 * the prompt cache, and input read from it. Prices change and differ per model: they are
 * configuration ({@code shopkeeper.llm.<provider>.*-usd-per-million}), with defaults for the default
 * model.
 */
public record TokenPrices(BigDecimal input, BigDecimal output, BigDecimal cacheWrite, BigDecimal cacheRead) {

    private static final int PER_MILLION = 6;

    public TokenPrices {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(cacheWrite, "cacheWrite");
        Objects.requireNonNull(cacheRead, "cacheRead");
    }

    /**
     * The exact cost of one call. {@code inputTokens} are the uncached input tokens only: the whole
     * prompt is {@code inputTokens + cacheReadTokens + cacheWriteTokens}.
     */
    public BigDecimal cost(long inputTokens, long outputTokens, long cacheReadTokens, long cacheWriteTokens) {
        // Tokens times dollars-per-million, then a decimal shift: exact, no rounding, no double.
        BigDecimal cost = input.multiply(BigDecimal.valueOf(inputTokens))
                .add(output.multiply(BigDecimal.valueOf(outputTokens)))
                .add(cacheRead.multiply(BigDecimal.valueOf(cacheReadTokens)))
                .add(cacheWrite.multiply(BigDecimal.valueOf(cacheWriteTokens)))
                .movePointLeft(PER_MILLION)
                .stripTrailingZeros();
        return cost.scale() < 0 ? cost.setScale(0) : cost;
    }

    /** Usage of one call, priced. */
    public Usage usage(String model, long inputTokens, long outputTokens, long cacheReadTokens, long cacheWriteTokens) {
        return new Usage(model, inputTokens, outputTokens, cacheReadTokens, cacheWriteTokens,
                cost(inputTokens, outputTokens, cacheReadTokens, cacheWriteTokens));
    }
}
