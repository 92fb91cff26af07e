package com.shopkeeper.engine;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param historyMessages    how many earlier messages the model sees at most
 * @param historyTokenBudget the most (estimated) tokens of history the model sees
 * @param resultsShown       how many search results a reply lists
 * @param shopName           how the bot names the shop
 */
@ConfigurationProperties("shopkeeper.engine")
public record EngineProperties(@DefaultValue("8") int historyMessages,
                               @DefaultValue("1000") int historyTokenBudget,
                               @DefaultValue("5") int resultsShown,
                               @DefaultValue("the shop") String shopName) {
}
