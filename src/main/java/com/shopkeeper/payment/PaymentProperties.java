package com.shopkeeper.payment;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param provider     {@code sandbox} (a pay page this server serves) or {@code stripe}
 * @param pollAfter    a payment still pending this long after its link was made is asked about
 *                     (in case its webhook was lost)
 * @param pollInterval how often pending payments are polled
 * @param pollBatch    at most this many payments per poll (the least recently checked first, so
 *                     that more pending payments than this are all asked about over several polls)
 */
@ConfigurationProperties("shopkeeper.payment")
public record PaymentProperties(@DefaultValue("sandbox") String provider,
                                @DefaultValue("PT5M") Duration pollAfter,
                                @DefaultValue("PT1M") Duration pollInterval,
                                @DefaultValue("100") int pollBatch) {
}
