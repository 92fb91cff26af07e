package com.shopkeeper.messaging.twilio;

import com.twilio.http.HttpClient;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.net.URI;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;

/**
 * twilio-java has no base-URL setting (region and edge only change the twilio.com host), so every
 * request is re-addressed to the configured API origin here, then sent by Twilio's own client.
 */
class ApiOriginHttpClient extends HttpClient {

    private final URI origin;
    // Apache HttpClient would itself retry a 503 or 429 after a second; TwilioPlatform retries instead.
    private final NetworkHttpClient delegate = new NetworkHttpClient(HttpClientBuilder.create()
            .disableAutomaticRetries()
            .setDefaultRequestConfig(DEFAULT_REQUEST_CONFIG)
            .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                    .setDefaultSocketConfig(DEFAULT_SOCKET_CONFIG).setMaxConnTotal(64).setMaxConnPerRoute(64).build()));

    ApiOriginHttpClient(String apiBaseUrl) {
        this.origin = URI.create(apiBaseUrl.endsWith("/") ? apiBaseUrl.substring(0, apiBaseUrl.length() - 1) : apiBaseUrl);
    }

    /** One attempt: TwilioPlatform retries 429 and 5xx itself, with its own (configured, logged) backoff. */
    @Override
    public Response reliableRequest(Request request) {
        return makeRequest(request);
    }

    @Override
    public Response reliableRequest(Request request, int[] retryCodes, int retries, long delayMillis) {
        return makeRequest(request);
    }

    @Override
    public Response makeRequest(Request request) {
        URI original = URI.create(request.getUrl());
        String url = origin + original.getRawPath();
        Request copy = new Request(request.getMethod(), url);
        request.getQueryParams().forEach((k, values) -> values.forEach(v -> copy.addQueryParam(k, v)));
        request.getPostParams().forEach((k, values) -> values.forEach(v -> copy.addPostParam(k, v)));
        request.getHeaderParams().forEach((k, values) -> values.forEach(v -> copy.addHeaderParam(k, v)));
        if (request.getAuthStrategy() != null) {
            copy.setAuth(request.getAuthStrategy());
        } else if (request.getUsername() != null) {
            copy.setAuth(request.getUsername(), request.getPassword());
        }
        if (request.getContentType() != null) {
            copy.setContentType(request.getContentType());
        }
        if (request.getBody() != null) {
            copy.setBody(request.getBody());
        }
        return delegate.makeRequest(copy);
    }
}
