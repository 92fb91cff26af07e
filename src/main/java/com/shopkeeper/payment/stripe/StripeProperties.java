package com.shopkeeper.payment.stripe;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param apiKey        the secret key (sk_live_... or sk_test_...); required with the stripe provider
 * @param apiBaseUrl    Stripe's API; tests point it at WireMock
 * @param webhookSecret the endpoint's signing secret (whsec_...); without it every webhook is refused
 *                      and only polling notices payments
 * @param sessionTtl    how long a Checkout Session stays open (Stripe allows 30 minutes to 24 hours)
 */
@ConfigurationProperties("shopkeeper.payment.stripe")
record StripeProperties(String apiKey,
                        @DefaultValue("https://api.stripe.com") String apiBaseUrl,
                        String webhookSecret,
                        @DefaultValue("PT1H") Duration sessionTtl) {

    @Override
    public String toString() {
        return "StripeProperties[apiBaseUrl=" + apiBaseUrl + ", sessionTtl=" + sessionTtl + "]"; // never the secrets
    }
}
