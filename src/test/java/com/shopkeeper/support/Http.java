package com.shopkeeper.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for tests: every call answers status, headers and body; nothing throws on 4xx/5xx. */
public final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private final HttpClient client;
    private final String base;
    private final JsonMapper json;
    private final Map<String, String> headers;
    private final java.time.Duration timeout;

    public Http(String base, JsonMapper json) {
        this(CLIENT, base, json, Map.of(), null);
    }

    private Http(HttpClient client, String base, JsonMapper json, Map<String, String> headers, java.time.Duration timeout) {
        this.client = client;
        this.base = base;
        this.json = json;
        this.headers = headers;
        this.timeout = timeout;
    }

    /**
     * A client that gives up on an answer after {@code timeout}, as a platform does (Twilio waits 15 s
     * and then counts the webhook as failed): a late answer fails the test with HttpTimeoutException.
     */
    public Http withTimeout(java.time.Duration timeout) {
        return new Http(client, base, json, headers, timeout);
    }

    /** A client of its own that keeps the cookies it is given, as a browser does (a signed-in session). */
    public Http withCookies(java.net.CookieManager cookies) {
        return new Http(HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).cookieHandler(cookies).build(),
                base, json, headers, timeout);
    }

    public Http withToken(String token) {
        return withHeader("Authorization", "Bearer " + token);
    }

    public Http withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new Http(client, base, json, copy, timeout);
    }

    public Response get(String path) {
        return send("GET", path, null, (byte[]) null);
    }

    public Response delete(String path) {
        return send("DELETE", path, null, (byte[]) null);
    }

    public Response postJson(String path, Object body) {
        return send("POST", path, "application/json", body instanceof String s ? s : json.writeValueAsString(body));
    }

    public Response putJson(String path, Object body) {
        return send("PUT", path, "application/json", body instanceof String s ? s : json.writeValueAsString(body));
    }

    public Response patchJson(String path, Object body) {
        return send("PATCH", path, "application/json", body instanceof String s ? s : json.writeValueAsString(body));
    }

    public Response post(String path, String contentType, String body) {
        return send("POST", path, contentType, body);
    }

    public Response send(String method, String path, String contentType, String body) {
        return send(method, path, contentType, body == null ? null : body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public Response send(String method, String path, String contentType, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        if (timeout != null) {
            request.timeout(timeout);
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().map(), response.body(), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record Response(int status, Map<String, java.util.List<String>> headers, String body, JsonMapper mapper) {

        public JsonNode json() {
            return mapper.readTree(body);
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst()).findFirst().orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
