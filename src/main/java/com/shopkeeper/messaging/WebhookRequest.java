package com.shopkeeper.messaging;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A webhook call as the server received it.
 *
 * @param serverBaseUrl scheme, host and port as this server sees them (behind a proxy, not what the platform signed)
 * @param path          the request path, e.g. {@code /webhook/twilio}
 * @param query         the query string, or null
 * @param headers       header values by lower-case name
 * @param params        form parameters (empty unless the body was a form)
 * @param body          the raw body when it was not a form
 */
public record WebhookRequest(String serverBaseUrl, String path, String query, Map<String, String> headers,
                             Map<String, List<String>> params, byte[] body) {

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The first value of a form parameter, or null. */
    public String param(String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }
}
