package com.shopkeeper.messaging.twilio;

import com.shopkeeper.messaging.InboundMessage;
import com.shopkeeper.messaging.MalformedWebhookException;
import com.shopkeeper.messaging.MessagingPlatform;
import com.shopkeeper.messaging.Reply;
import com.shopkeeper.messaging.WebhookAck;
import com.shopkeeper.messaging.WebhookRequest;
import com.shopkeeper.shopper.Shopper;
import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.security.RequestValidator;
import com.twilio.type.PhoneNumber;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** WhatsApp through Twilio: signed form webhooks in, the Messages resource out. */
@Component
@ConditionalOnProperty(name = "shopkeeper.twilio.account-sid")
class TwilioPlatform implements MessagingPlatform {

    /** Twilio refuses longer bodies. */
    static final int MAX_BODY = 1600;

    private static final Logger log = LoggerFactory.getLogger(TwilioPlatform.class);
    /** A WhatsApp address as Twilio writes it: "whatsapp:" and an E.164 number. */
    private static final Pattern WHATSAPP_ADDRESS = Pattern.compile("whatsapp:\\+[1-9]\\d{5,14}");

    private final TwilioProperties props;
    private final RequestValidator validator;
    private final TwilioRestClient client;

    TwilioPlatform(TwilioProperties props) {
        if (props.authToken() == null || props.authToken().isBlank()) {
            throw new IllegalStateException("shopkeeper.twilio.auth-token must be set with shopkeeper.twilio.account-sid");
        }
        this.props = props;
        this.validator = new RequestValidator(props.authToken());
        this.client = new TwilioRestClient.Builder(props.accountSid(), props.authToken())
                .httpClient(new ApiOriginHttpClient(props.apiBaseUrl()))
                .build();
    }

    @Override
    public String name() {
        return "twilio";
    }

    @Override
    public boolean validateWebhook(WebhookRequest request) {
        String signature = request.header("X-Twilio-Signature");
        if (signature == null || signature.isBlank()) {
            return false;
        }
        // Twilio signs the public URL, not the one we see behind the proxy.
        String base = props.webhookBaseUrl() != null && !props.webhookBaseUrl().isBlank()
                ? stripSlash(props.webhookBaseUrl()) : request.serverBaseUrl();
        String url = base + request.path() + (request.query() == null ? "" : "?" + request.query());
        // The connection-override fragment never reaches us, and Twilio's documentation does not
        // say whether the URL it signs keeps it: a signature over either is Twilio's.
        String fragment = props.webhookUrlFragment() == null ? "" : props.webhookUrlFragment().strip();
        fragment = fragment.startsWith("#") ? fragment.substring(1) : fragment;
        List<String> urls = fragment.isEmpty() ? List.of(url) : List.of(url, url + "#" + fragment);
        for (String signed : urls) {
            if (validator.validate(signed, folded(request.params(), false), signature)) {
                return true;
            }
            // Twilio's own helper libraries differ on a value repeated under one key: Python signs each
            // occurrence, Node each distinct value once. Either is Twilio's signature.
            if (hasRepeatedValues(request.params()) && validator.validate(signed, folded(request.params(), true), signature)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The body's parameters for {@link RequestValidator}, which takes one value a key and signs
     * name + value in the order of the names: a key's several values, sorted, become one value
     * with the name between them, so that it signs name + value for every one of them as Twilio
     * does ({@code Tag=b&Tag=a} signs "TagaTagb").
     */
    static Map<String, String> folded(Map<String, List<String>> params, boolean distinct) {
        Map<String, String> folded = new HashMap<>();
        params.forEach((name, values) -> {
            var sorted = values.stream().map(v -> v == null ? "" : v).sorted();
            folded.put(name, String.join(name, (distinct ? sorted.distinct() : sorted).toList()));
        });
        return folded;
    }

    private static boolean hasRepeatedValues(Map<String, List<String>> params) {
        return params.values().stream().anyMatch(v -> v.size() > 1 && v.stream().distinct().count() < v.size());
    }

    @Override
    public InboundMessage parseMessage(WebhookRequest request) {
        String from = request.param("From");
        String sid = request.param("MessageSid");
        if (from == null || from.isBlank() || sid == null || sid.isBlank()) {
            throw new MalformedWebhookException("A message needs From and MessageSid.");
        }
        // WhatsApp only: an SMS (or anything else) sent to the same number is refused, never answered.
        if (!WHATSAPP_ADDRESS.matcher(from).matches() || request.param("To") == null
                || !WHATSAPP_ADDRESS.matcher(request.param("To")).matches()) {
            throw new MalformedWebhookException("From and To must be WhatsApp addresses (whatsapp:+<number>).");
        }
        List<InboundMessage.Media> media = new ArrayList<>();
        int count = parseCount(request.param("NumMedia"));
        for (int i = 0; i < count; i++) {
            String url = request.param("MediaUrl" + i);
            if (url != null) {
                media.add(new InboundMessage.Media(url, request.param("MediaContentType" + i)));
            }
        }
        return new InboundMessage(name(), sid, from, request.param("ProfileName"), request.param("Body"), media);
    }

    private static int parseCount(String value) {
        try {
            return value == null ? 0 : Math.min(Integer.parseInt(value.strip()), 10);
        } catch (NumberFormatException e) {
            throw new MalformedWebhookException("NumMedia is not a number.");
        }
    }

    @Override
    public void sendMessage(String address, String text) {
        for (String chunk : Reply.chunks(text, MAX_BODY)) {
            send(address, () -> Message.creator(new PhoneNumber(address), new PhoneNumber(props.whatsappFrom()), chunk)
                    .create(client));
        }
    }

    @Override
    public void sendMedia(String address, String caption, List<String> mediaUrls) {
        List<URI> uris = mediaUrls.stream().map(URI::create).toList();
        List<String> chunks = Reply.chunks(caption == null ? "" : caption, MAX_BODY);
        // The media go with the first piece of the caption; the rest follows as text.
        send(address, () -> Message.creator(new PhoneNumber(address), new PhoneNumber(props.whatsappFrom()), uris)
                .setBody(chunks.getFirst()).create(client));
        for (String chunk : chunks.subList(1, chunks.size())) {
            send(address, () -> Message.creator(new PhoneNumber(address), new PhoneNumber(props.whatsappFrom()), chunk)
                    .create(client));
        }
    }

    private void send(String address, java.util.function.Supplier<Message> call) {
        Duration delay = props.sendBackoff();
        for (int attempt = 1; ; attempt++) {
            try {
                Message sent = call.get();
                log.debug("twilio: sent {} to {}", sent.getSid(), Shopper.mask(address));
                return;
            } catch (ApiException | ApiConnectionException e) {
                Integer status = e instanceof ApiException api ? api.getStatusCode() : null;
                boolean transient_ = status == null || status == 429 || status >= 500;
                if (!transient_ || attempt >= props.sendAttempts()) {
                    throw new PlatformSendException("twilio answered " + status + " after "
                            + attempt + " attempts", e);
                }
                log.warn("twilio: {} sending to {}; attempt {} of {}, retrying in {}", status, Shopper.mask(address),
                        attempt, props.sendAttempts(), delay);
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new PlatformSendException("interrupted while waiting to retry", ie);
                }
                delay = delay.multipliedBy(2);
            }
        }
    }

    @Override
    public WebhookAck ack() {
        return WebhookAck.EMPTY_TWIML;
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
