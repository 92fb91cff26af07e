package com.shopkeeper.messaging.meta;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The WhatsApp Cloud API (Meta), at {@code /webhook/meta}. On when {@code phone-number-id} is set;
 * then the app secret, the verify token and the access token must be set too.
 *
 * @param appSecret     the Meta app's secret: signs every webhook ({@code X-Hub-Signature-256})
 * @param verifyToken   what the webhook's verification handshake must present ({@code hub.verify_token})
 * @param accessToken   a system user's token with {@code whatsapp_business_messaging}: sends messages
 * @param phoneNumberId the shop's WhatsApp number, as the Cloud API names it (not the number itself)
 * @param apiBaseUrl    the Graph API's origin (tests point it at WireMock)
 * @param apiVersion    the Graph API version in the path
 * @param catalogId     the shop's Meta commerce catalog, for catalog messages (when used)
 * @param sendAttempts  tries per outbound message when Meta answers 429, 5xx or a throttling code
 * @param sendBackoff   the first retry's delay; doubled each time
 * @param timeout       connect and read timeout of each call to the Graph API
 * @param templates     the approved template sent for each notice outside the 24-hour window, by notice
 */
@ConfigurationProperties("shopkeeper.meta")
public record MetaProperties(String appSecret,
                             String verifyToken,
                             String accessToken,
                             String phoneNumberId,
                             @DefaultValue("https://graph.facebook.com") String apiBaseUrl,
                             @DefaultValue("v23.0") String apiVersion,
                             String catalogId,
                             @DefaultValue("4") int sendAttempts,
                             @DefaultValue("500ms") Duration sendBackoff,
                             @DefaultValue("10s") Duration timeout,
                             Map<String, Template> templates) {

    public MetaProperties {
        templates = templates == null ? Map.of() : Map.copyOf(templates);
    }

    /** An approved message template: its name and language code as approved in WhatsApp Manager. */
    public record Template(String name, @DefaultValue("en_US") String language) {
    }

    @Override
    public String toString() {
        // Never the secret or the tokens.
        return "MetaProperties[phoneNumberId=" + phoneNumberId + ", apiBaseUrl=" + apiBaseUrl + ", apiVersion="
                + apiVersion + "]";
    }
}
