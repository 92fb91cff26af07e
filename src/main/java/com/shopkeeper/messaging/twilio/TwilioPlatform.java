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
        Map<String, String> params = new HashMap<>();
        request.params().forEach((k, v) -> params.put(k, v.isEmpty() ? "" : v.getFirst()));
        return validator.validate(url, params, signature);
    }

    @Override
    public InboundMessage parseMessage(WebhookRequest request) {
        String from = request.param("From");
        String sid = request.param("MessageSid");
        if (from == null || from.isBlank() || sid == null || sid.isBlank()) {
            throw new MalformedWebhookException("A message needs From and MessageSid.");
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
