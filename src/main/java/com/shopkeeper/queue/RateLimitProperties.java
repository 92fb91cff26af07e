package com.shopkeeper.queue;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Generous by default: a person chatting never meets them; a script flooding the shop does.
 *
 * @param perShopperPerHour messages one shopper may send in an hour (window from their first)
 * @param globalPerSecond   messages all shoppers together may send in a second
 */
@ConfigurationProperties("shopkeeper.rate-limit")
public record RateLimitProperties(@DefaultValue("200") int perShopperPerHour,
                                  @DefaultValue("5000") int globalPerSecond) {
}
