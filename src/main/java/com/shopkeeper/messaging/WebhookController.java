package com.shopkeeper.messaging;

import com.shopkeeper.config.ConditionalOnRole;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The API gateway: validate, parse, admit (de-dup + rate limit + enqueue, one Redis call), answer.
 * It never waits for the processing of a message; the platform gets its acknowledgement at once.
 */
@RestController
@ConditionalOnRole("gateway")
class WebhookController {

    private static final Logger log = LoggerFactory.getLogger(WebhookController.class);

    private final Platforms platforms;
    private final Inbox inbox;
    private final GatewayMetrics metrics;

    WebhookController(Platforms platforms, Inbox inbox, GatewayMetrics metrics) {
        this.platforms = platforms;
        this.inbox = inbox;
        this.metrics = metrics;
    }

    @PostMapping("/webhook/{platform}")
    ResponseEntity<String> receive(@PathVariable String platform, HttpServletRequest http) throws IOException {
        MessagingPlatform target = platforms.find(platform).orElse(null);
        if (target == null) {
            return problem(HttpStatus.NOT_FOUND, "No messaging platform named '" + platform + "'.");
        }
        WebhookRequest request = read(http);
        if (!target.validateWebhook(request)) {
            metrics.rejected(platform, "signature");
            return problem(HttpStatus.FORBIDDEN, "The webhook signature is missing or does not match.");
        }
        InboundMessage message;
        try {
            message = target.parseMessage(request);
        } catch (MalformedWebhookException e) {
            metrics.rejected(platform, "malformed");
            return problem(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        try {
            metrics.admitted(platform, inbox.admit(message));
        } catch (DataAccessException e) {
            // Redis is unreachable: nothing was accepted, so say so and let the platform retry.
            log.warn("{} webhook: the queue is unavailable ({}); answered 503", platform, e.getClass().getSimpleName());
            metrics.rejected(platform, "unavailable");
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "1")
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "The shop cannot take messages this moment; try again shortly.").getBody());
        }
        WebhookAck ack = target.ack();
        return ResponseEntity.ok().header("Content-Type", ack.contentType()).body(ack.body());
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
        byte[] body = new byte[0];
        if (form) {
            http.getParameterMap().forEach((k, v) -> params.put(k, Arrays.asList(v)));
        } else {
            body = http.getInputStream().readAllBytes();
        }
        String base = http.getScheme() + "://" + http.getServerName()
                + (http.getServerPort() == 80 || http.getServerPort() == 443 ? "" : ":" + http.getServerPort());
        return new WebhookRequest(base, http.getRequestURI(), http.getQueryString(), headers, params, body);
    }

    private static ResponseEntity<String> problem(HttpStatus status, String detail) {
        // Hand-written: the webhook answers fast and never shows internals.
        String json = "{\"type\":\"about:blank\",\"title\":\"" + status.getReasonPhrase() + "\",\"status\":"
                + status.value() + ",\"detail\":\"" + detail.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(json);
    }
}
