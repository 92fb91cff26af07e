package com.shopkeeper.insight;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param statesTtl how long the count of conversations per state is reused between scrapes
 * @param funnelTtl how long the last 24 hours' funnel rates are reused between scrapes
 */
@ConfigurationProperties("shopkeeper.insight")
record InsightProperties(@DefaultValue("10s") Duration statesTtl,
                         @DefaultValue("60s") Duration funnelTtl) {
}
