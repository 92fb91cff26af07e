package com.shopkeeper.engine;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param historyMessages    how many earlier messages the model sees at most
 * @param historyTokenBudget the most (estimated) tokens of history the model sees
 * @param resultsShown       how many search results a reply lists
 * @param shopName           how the bot names the shop
 * @param burstWindow        messages of one shopper that arrive closer than this after each other are one
 *                           turn, answered once; a lone message waits this long (from its receipt) for
 *                           company. {@code 0} turns bursts off: every message is its own turn at once.
 *                           The queue does the waiting ({@code queue/MessageQueue}), without a thread.
 * @param burstMessages      the most messages one burst takes; a burst also closes four windows after
 *                           its first message, so that a shopper who keeps writing is still answered
 */
@ConfigurationProperties("shopkeeper.engine")
public record EngineProperties(@DefaultValue("8") int historyMessages,
                               @DefaultValue("1000") int historyTokenBudget,
                               @DefaultValue("5") int resultsShown,
                               @DefaultValue("the shop") String shopName,
                               @DefaultValue("1500ms") Duration burstWindow,
                               @DefaultValue("5") int burstMessages) {

    /** How many windows after its first message a burst closes, however the shopper keeps writing. */
    public static final int BURST_WINDOWS = 4;

    public EngineProperties {
        if (burstWindow.isNegative()) {
            throw new IllegalArgumentException("shopkeeper.engine.burst-window must not be negative: " + burstWindow);
        }
        if (burstMessages < 1) {
            throw new IllegalArgumentException("shopkeeper.engine.burst-messages must be at least 1: " + burstMessages);
        }
    }

    /** The longest a burst gathers, from its first message's receipt. */
    public Duration burstLongest() {
        return burstWindow.multipliedBy(BURST_WINDOWS);
    }
}
