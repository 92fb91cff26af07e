package com.shopkeeper.messaging.twilio;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param accountSid     the account (AC...); the platform is on only when it is set
 * @param authToken      signs webhooks and authenticates API calls
 * @param whatsappFrom   the shop's sender, e.g. {@code whatsapp:+14155238886}
 * @param apiBaseUrl     Twilio's REST API origin (tests point it at WireMock)
 * @param webhookBaseUrl the public origin Twilio posts to and signs (behind a proxy it differs from
 *                       what the server sees); unset: the server's own view of the request
 * @param sendAttempts   tries per outbound message when Twilio answers 429 or 5xx
 * @param sendBackoff    the first retry's delay; doubled each time
 * @param webhookUrlFragment the connection-override fragment on the webhook URL configured at Twilio
 *                       (e.g. {@code rc=5&rp=all&tt=15000}, which makes Twilio retry a 503); a
 *                       signature over the URL with it is accepted as well as one without it
 * @param templates      the approved template (a Content API SID, HX...) sent for each notice outside
 *                       the 24-hour window, by notice ({@code paid}, {@code shipped}, ...); a notice
 *                       with none is not sent outside the window
 */
@ConfigurationProperties("shopkeeper.twilio")
public record TwilioProperties(String accountSid,
                               String authToken,
                               String whatsappFrom,
                               @DefaultValue("https://api.twilio.com") String apiBaseUrl,
                               String webhookBaseUrl,
                               @DefaultValue("4") int sendAttempts,
                               @DefaultValue("500ms") Duration sendBackoff,
                               String webhookUrlFragment,
                               Map<String, String> templates) {

    public TwilioProperties {
        templates = templates == null ? Map.of() : Map.copyOf(templates);
    }

    @Override
    public String toString() {
        return "TwilioProperties[accountSid=" + accountSid + ", apiBaseUrl=" + apiBaseUrl + "]"; // never the token
    }
}
