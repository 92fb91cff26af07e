package com.shopkeeper.messaging;

import com.shopkeeper.config.ConditionalOnRole;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import io.lettuce.core.RedisException;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The API gateway, {@code POST /webhook/{platform}}: validate, parse, admit each message (de-dup +
 * rate limit + enqueue, one Redis call), record each delivery status, answer. It never waits for
 * the processing of a message. {@code GET /webhook/{platform}} is a platform's verification
 * handshake (Meta's {@code hub.challenge}), for the platforms that have one.
 *
 * <p>A servlet filter ahead of everything else rather than a controller: a webhook carries its own
 * signature (no session, no bearer token, no CSRF), and skipping the security chain, the request
 * observation and the dispatcher roughly halves the CPU a webhook costs, which is what bounds the
 * requests per second on a small machine.
 */
@Component
@ConditionalOnRole("gateway")
class WebhookFilter extends OncePerRequestFilter implements Ordered {

    static final String PREFIX = "/webhook/";
    /** Twilio's bodies are a few hundred bytes; the simulator caps texts at 4,000 characters. */
    static final int MAX_BODY = 64 * 1024;

    private static final Logger log = LoggerFactory.getLogger(WebhookFilter.class);

    private final Platforms platforms;
    private final Inbox inbox;
    private final GatewayMetrics metrics;
    private final OutboundLog statuses;

    WebhookFilter(Platforms platforms, Inbox inbox, GatewayMetrics metrics, OutboundLog statuses) {
        this.platforms = platforms;
        this.inbox = inbox;
        this.metrics = metrics;
        this.statuses = statuses;
    }

    @Override
    public int getOrder() {
        // Room ahead for a platform's own guard (the simulator's limits).
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        // Only /webhook/{platform}: deeper paths (the payment providers' /webhook/payments/{provider})
        // belong to their own controllers.
        String uri = request.getRequestURI();
        String method = request.getMethod();
        return !("POST".equals(method) || "GET".equals(method)) || !uri.startsWith(PREFIX)
                || uri.indexOf('/', PREFIX.length()) >= 0;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest http, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String platform = http.getRequestURI().substring(PREFIX.length());
        MessagingPlatform target = platforms.find(platform).orElse(null);
        if (target == null) {
            problem(response, HttpStatus.NOT_FOUND, "No messaging platform named '" + platform + "'.");
            return;
        }
        if ("GET".equals(http.getMethod())) {
            handshake(target, platform, http, response);
            return;
        }
        long started = System.nanoTime();
        try {
            answer(target, platform, http, response);
        } finally {
            metrics.answered(platform, System.nanoTime() - started);
        }
    }

    private void answer(MessagingPlatform target, String platform, HttpServletRequest http, HttpServletResponse response)
            throws IOException {
        if (http.getContentLengthLong() > MAX_BODY) {
            problem(response, HttpStatus.CONTENT_TOO_LARGE, "A webhook body is at most " + MAX_BODY + " bytes.");
            return;
        }
        WebhookRequest request;
        try {
            request = read(http);
        } catch (IllegalArgumentException e) { // a broken %-escape
            metrics.rejected(platform, "malformed");
            problem(response, HttpStatus.BAD_REQUEST, "The form body cannot be read.");
            return;
        }
        if (!target.validateWebhook(request)) {
            metrics.rejected(platform, "signature");
            problem(response, HttpStatus.FORBIDDEN, "The webhook signature is missing or does not match.");
            return;
        }
        List<WebhookEvent> events;
        try {
            events = target.parse(request);
        } catch (MalformedWebhookException e) {
            metrics.rejected(platform, "malformed");
            problem(response, HttpStatus.BAD_REQUEST, e.getMessage());
            return;
        }
        try {
            for (WebhookEvent event : events) {
                switch (event) {
                    case InboundMessage message -> {
                        Inbox.Admission admission = inbox.admit(message);
                        metrics.admitted(platform, admission);
                        if (admission.busy()) {
                            // Never taken and dropped behind a 200: refused, so that the platform sends it
                            // again later (what was admitted before it is a duplicate then, and skipped).
                            log.warn("{} webhook: {}; answered 503", platform, admission == Inbox.Admission.QUEUE_FULL
                                    ? "the queue is full" : "over the global rate limit");
                            busy(response, "The shop is busy; try again shortly.");
                            return;
                        }
                    }
                    case DeliveryStatus status -> metrics.status(platform, status.status(), statuses.apply(status));
                }
            }
        } catch (DataAccessException | RedisException e) {
            // Redis (or the database) is unreachable: say so and let the platform retry; what was taken
            // before it is de-duplicated then.
            log.warn("{} webhook: the queue is unavailable ({}); answered 503", platform, e.getClass().getSimpleName());
            metrics.rejected(platform, "unavailable");
            busy(response, "The shop cannot take messages this moment; try again shortly.");
            return;
        }
        if (events.isEmpty()) {
            metrics.rejected(platform, "nothing");
        }
        WebhookAck ack = target.ack();
        byte[] body = ack.body().getBytes(StandardCharsets.UTF_8);
        response.setStatus(HttpStatus.OK.value());
        response.setContentType(ack.contentType() + ";charset=UTF-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** A platform checking that the URL is ours: its challenge echoed as plain text, or 403 (405 for a platform without one). */
    private void handshake(MessagingPlatform target, String platform, HttpServletRequest http, HttpServletResponse response)
            throws IOException {
        if (!target.hasHandshake()) {
            response.setHeader(HttpHeaders.ALLOW, "POST");
            problem(response, HttpStatus.METHOD_NOT_ALLOWED, "Webhooks of '" + platform + "' are POSTed.");
            return;
        }
        var answer = target.handshake(read(http));
        if (answer.isEmpty()) {
            metrics.rejected(platform, "handshake");
            problem(response, HttpStatus.FORBIDDEN, "The verify token does not match.");
            return;
        }
        byte[] body = answer.get().getBytes(StandardCharsets.UTF_8);
        response.setStatus(HttpStatus.OK.value());
        response.setContentType("text/plain;charset=UTF-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static WebhookRequest read(HttpServletRequest http) throws IOException {
        Map<String, String> headers = new HashMap<>();
        for (Enumeration<String> names = http.getHeaderNames(); names.hasMoreElements(); ) {
            String name = names.nextElement();
            headers.put(name.toLowerCase(Locale.ROOT), http.getHeader(name));
        }
        String contentType = http.getContentType();
        boolean form = contentType != null && contentType.startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE);
        Map<String, List<String>> params = new HashMap<>();
        // As many bytes as the request says it has (no more than the cap), not a cap-sized read: the
        // webhook's allocation per request is what the collector's CPU at saturation is made of.
        long declared = http.getContentLengthLong();
        byte[] body = http.getInputStream().readNBytes(declared >= 0 && declared < MAX_BODY ? (int) declared : MAX_BODY);
        if (form) {
            // The body's parameters only, not the query's (what Twilio signs), read in the charset the
            // form names, else UTF-8 (Twilio names none; the servlet's default would be ISO-8859-1).
            params.putAll(formParameters(body, contentType));
            body = new byte[0];
        }
        int port = http.getServerPort();
        String base = http.getScheme() + "://" + http.getServerName() + (port == 80 || port == 443 ? "" : ":" + port);
        return new WebhookRequest(base, http.getRequestURI(), http.getQueryString(), headers, params, body);
    }

    /**
     * A form body's parameters, decoded as {@link org.springframework.http.converter.FormHttpMessageConverter}
     * decodes them (pairs split at {@code &}, name and value at the first {@code =}, each through
     * {@link URLDecoder}). Written here because the converter reads its body through a {@code Reader}
     * into a {@code StringBuilder}: about 24 KB of buffers for a 600-byte Twilio form, half of what a
     * webhook allocated (JFR allocation samples at saturation; docs/messaging.md).
     */
    static Map<String, List<String>> formParameters(byte[] body, String contentType) {
        Charset charset = StandardCharsets.UTF_8;
        try {
            Charset named = MediaType.parseMediaType(contentType).getCharset();
            if (named != null) {
                charset = named;
            }
        } catch (org.springframework.util.InvalidMimeTypeException e) {
            // the form was recognised by its prefix; an unreadable parameter only loses the charset
        }
        String text = new String(body, charset);
        Map<String, List<String>> params = new java.util.LinkedHashMap<>();
        int start = 0;
        while (start <= text.length()) {
            int end = text.indexOf('&', start);
            if (end < 0) {
                end = text.length();
            }
            if (end > start) {
                int eq = text.indexOf('=', start);
                String name = eq < 0 || eq > end ? text.substring(start, end) : text.substring(start, eq);
                String value = eq < 0 || eq > end ? null : text.substring(eq + 1, end);
                params.computeIfAbsent(URLDecoder.decode(name, charset), k -> new java.util.ArrayList<>(1))
                        .add(value == null ? null : URLDecoder.decode(value, charset));
            }
            start = end + 1;
        }
        return params;
    }

    private void busy(HttpServletResponse response, String detail) throws IOException {
        response.setHeader("Retry-After", Long.toString(Math.max(1, inbox.retryAfter().toSeconds())));
        problem(response, HttpStatus.SERVICE_UNAVAILABLE, detail);
    }

    private static void problem(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
        // Hand-written: the webhook answers fast and never shows internals.
        String json = "{\"type\":\"about:blank\",\"title\":\"" + status.getReasonPhrase() + "\",\"status\":"
                + status.value() + ",\"detail\":\"" + detail.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
