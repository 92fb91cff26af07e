package com.shopkeeper.messaging.twilio;

import com.shopkeeper.messaging.Delivery;
import com.shopkeeper.messaging.DeliveryStatus;
import com.shopkeeper.messaging.InboundMessage;
import com.shopkeeper.messaging.MalformedWebhookException;
import com.shopkeeper.messaging.MessagingPlatform;
import com.shopkeeper.messaging.Notice;
import com.shopkeeper.messaging.PlatformSendException;
import com.shopkeeper.messaging.Reply;
import com.shopkeeper.messaging.SendRetry;
import com.shopkeeper.messaging.WebhookAck;
import com.shopkeeper.messaging.WebhookEvent;
import com.shopkeeper.messaging.WebhookRequest;
import com.shopkeeper.shopper.Shopper;
import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.security.RequestValidator;
import com.twilio.type.PhoneNumber;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * WhatsApp through Twilio: signed form webhooks in (messages, and the status callbacks of what we
 * sent, on the same URL), the Messages resource out; approved templates as Content API SIDs.
 */
@Component
@ConditionalOnProperty(name = "shopkeeper.twilio.account-sid")
class TwilioPlatform implements MessagingPlatform {

    /** What the buttons under a product's picture ask (its details went as the picture's caption). */
    static final String PICTURED_BUTTONS_BODY = "What would you like to do?";
    /** Twilio refuses longer bodies. */
    static final int MAX_BODY = 1600;

    private static final Logger log = LoggerFactory.getLogger(TwilioPlatform.class);
    /** A WhatsApp address as Twilio writes it: "whatsapp:" and an E.164 number. */
    private static final Pattern WHATSAPP_ADDRESS = Pattern.compile("whatsapp:\\+[1-9]\\d{5,14}");
    private static final String WHATSAPP = "whatsapp:";
    /** Twilio's error for a free-form WhatsApp message outside the 24-hour window. */
    static final String OUTSIDE_WINDOW = "63016";

    private final TwilioProperties props;
    private final RequestValidator validator;
    private final TwilioRestClient client;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();
    /** Where Twilio posts the statuses of what we send: the inbound webhook's own public URL. */
    private final String statusCallback;

    private final TwilioContents contents;

    TwilioPlatform(TwilioProperties props, Clock clock, org.jooq.DSLContext db) {
        if (props.authToken() == null || props.authToken().isBlank()) {
            throw new IllegalStateException("shopkeeper.twilio.auth-token must be set with shopkeeper.twilio.account-sid");
        }
        this.props = props;
        this.validator = new RequestValidator(props.authToken());
        this.client = new TwilioRestClient.Builder(props.accountSid(), props.authToken())
                .httpClient(new ApiOriginHttpClient(props.apiBaseUrl()))
                .build();
        this.clock = clock;
        this.contents = new TwilioContents(client, db, clock);
        this.statusCallback = props.webhookBaseUrl() == null || props.webhookBaseUrl().isBlank() ? null
                : stripSlash(props.webhookBaseUrl()) + "/webhook/" + name();
        if (statusCallback == null) {
            log.info("twilio: shopkeeper.twilio.webhook-base-url is not set, so sent messages carry no StatusCallback "
                    + "and their delivery is not followed");
        }
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
    public List<WebhookEvent> parse(WebhookRequest request) {
        String sid = request.param("MessageSid");
        if (sid == null || sid.isBlank()) {
            throw new MalformedWebhookException("A Twilio webhook needs a MessageSid.");
        }
        if (request.param("MessageStatus") != null) {
            // A status callback of a message we sent (Twilio's "received" of an inbound one is not news).
            return Delivery.of(request.param("MessageStatus"))
                    .<List<WebhookEvent>>map(status -> List.of(new DeliveryStatus(name(), sid, status,
                            blankToNull(request.param("ErrorCode")), clock.instant(),
                            OUTSIDE_WINDOW.equals(blankToNull(request.param("ErrorCode"))))))
                    .orElse(List.of());
        }
        String from = request.param("From");
        if (from == null || from.isBlank()) {
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
        String text = request.param("Body");
        // A tapped quick-reply button arrives with its id as ButtonPayload beside its text; a list
        // row picked with its id as ListId beside its title.
        String choice = blankToNull(request.param("ButtonPayload"));
        if (choice == null) {
            choice = blankToNull(request.param("ListId"));
        }
        if (text == null || text.isBlank()) {
            text = request.param("ButtonText") != null ? request.param("ButtonText") : request.param("ListTitle");
        }
        return List.of(new InboundMessage(name(), sid, from.substring(WHATSAPP.length()), request.param("ProfileName"),
                text, media, choice));
    }

    private static int parseCount(String value) {
        try {
            return value == null ? 0 : Math.min(Integer.parseInt(value.strip()), 10);
        } catch (NumberFormatException e) {
            throw new MalformedWebhookException("NumMedia is not a number.");
        }
    }

    @Override
    public List<String> sendMessage(String address, String text) {
        List<String> sids = new ArrayList<>();
        for (String chunk : Reply.chunks(text, MAX_BODY)) {
            sids.add(send(address, () -> withCallback(Message.creator(to(address), from(), chunk))));
        }
        return sids;
    }

    @Override
    public List<String> sendMedia(String address, String caption, List<String> mediaUrls) {
        List<URI> uris = mediaUrls.stream().map(URI::create).toList();
        List<String> chunks = Reply.chunks(caption == null ? "" : caption, MAX_BODY);
        List<String> sids = new ArrayList<>();
        // The media go with the first piece of the caption; the rest follows as text.
        sids.add(send(address, () -> withCallback(Message.creator(to(address), from(), uris).setBody(chunks.getFirst()))));
        for (String chunk : chunks.subList(1, chunks.size())) {
            sids.add(send(address, () -> withCallback(Message.creator(to(address), from(), chunk))));
        }
        return sids;
    }

    /**
     * Reply buttons and list pickers go as Content API contents ({@link TwilioContents}: made once
     * per shape through the API, then reused) filled with {@code ContentVariables}. A quick-reply
     * takes no picture: a product's picture goes first with the text as its caption, as before, and
     * the buttons follow with a short question. A body longer than Twilio's 1,024 goes as text first,
     * its last piece with the options. When the Content API cannot make a content, the reply goes as
     * its text.
     */
    @Override
    public List<String> sendChoices(String address, Reply reply) {
        boolean pictured = !reply.mediaUrls().isEmpty();
        String body = pictured ? PICTURED_BUTTONS_BODY : reply.interactiveBody();
        List<String> pieces = Reply.chunks(body, TwilioContents.MAX_BODY);
        java.util.Optional<TwilioContents.Filled> made = contents.fill(reply.choices(), pieces.getLast());
        if (made.isEmpty()) {
            return MessagingPlatform.super.sendChoices(address, reply);
        }
        TwilioContents.Filled filled = made.get();
        List<String> sids = new ArrayList<>();
        if (pictured) {
            sids.addAll(sendMedia(address, reply.text(), reply.mediaUrls()));
        }
        if (pieces.size() > 1) {
            sids.addAll(sendMessage(address, String.join("\n", pieces.subList(0, pieces.size() - 1))));
        }
        String variables = json.writeValueAsString(filled.variables());
        sids.add(send(address, () -> withCallback(Message.creator(to(address), from(), (String) null)
                .setContentSid(filled.sid()).setContentVariables(variables))));
        return sids;
    }

    @Override
    public boolean keepsServiceWindow() {
        return true;
    }

    @Override
    public boolean hasTemplate(Notice notice) {
        String sid = props.templates().get(notice.key());
        return sid != null && !sid.isBlank();
    }

    /** A Content API template: its SID and the variables as Twilio wants them, {"1": ..., "2": ...}. */
    @Override
    public List<String> sendTemplate(String address, Notice notice, List<String> variables) {
        if (!hasTemplate(notice)) {
            return MessagingPlatform.super.sendTemplate(address, notice, variables);
        }
        Map<String, String> numbered = new java.util.LinkedHashMap<>();
        for (int i = 0; i < variables.size(); i++) {
            numbered.put(Integer.toString(i + 1), variables.get(i));
        }
        String contentVariables = json.writeValueAsString(numbered);
        return List.of(send(address, () -> withCallback(Message.creator(to(address), from(), (String) null)
                .setContentSid(props.templates().get(notice.key()).strip())
                .setContentVariables(contentVariables))));
    }

    private com.twilio.rest.api.v2010.account.MessageCreator withCallback(
            com.twilio.rest.api.v2010.account.MessageCreator creator) {
        return statusCallback == null ? creator : creator.setStatusCallback(statusCallback);
    }

    private static PhoneNumber to(String address) {
        return new PhoneNumber(address.startsWith(WHATSAPP) ? address : WHATSAPP + address);
    }

    private PhoneNumber from() {
        return new PhoneNumber(props.whatsappFrom());
    }

    private String send(String address, Supplier<com.twilio.rest.api.v2010.account.MessageCreator> creator) {
        return SendRetry.send(name(), address, props.sendAttempts(), props.sendBackoff(), () -> {
            try {
                Message sent = creator.get().create(client);
                log.debug("twilio: sent {} to {}", sent.getSid(), Shopper.mask(address));
                return sent.getSid();
            } catch (ApiException | ApiConnectionException e) {
                Integer status = e instanceof ApiException api ? api.getStatusCode() : null;
                String code = e instanceof ApiException api && api.getCode() != null ? api.getCode().toString() : null;
                throw new PlatformSendException("twilio answered " + status + (code == null ? "" : " (" + code + ")"),
                        status, code, OUTSIDE_WINDOW.equals(code), e);
            }
        });
    }

    @Override
    public WebhookAck ack() {
        return WebhookAck.EMPTY_TWIML;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
