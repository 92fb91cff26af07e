package com.shopkeeper.messaging.meta;

import com.shopkeeper.conversation.Choices;
import com.shopkeeper.messaging.Delivery;
import com.shopkeeper.messaging.DeliveryStatus;
import com.shopkeeper.messaging.InboundMessage;
import com.shopkeeper.messaging.MalformedWebhookException;
import com.shopkeeper.messaging.MessagingPlatform;
import com.shopkeeper.messaging.Notice;
import com.shopkeeper.messaging.PlatformSendException;
import com.shopkeeper.messaging.Reply;
import com.shopkeeper.messaging.SendRetry;
import com.shopkeeper.messaging.WebhookEvent;
import com.shopkeeper.messaging.WebhookRequest;
import com.shopkeeper.shopper.Shopper;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * WhatsApp through Meta's Cloud API, with its documented payloads: a verification handshake
 * ({@code GET ?hub.mode=subscribe&hub.verify_token=…&hub.challenge=…}), webhooks signed with the
 * app secret ({@code X-Hub-Signature-256}) that carry any number of messages and statuses, and
 * {@code POST /{version}/{phone-number-id}/messages} with a bearer token to send.
 *
 * <p>With the shop's Meta commerce catalog ({@code shopkeeper.meta.catalog-id}), search results go
 * as a multi-product message and a product's details as a product message, by sku (the catalog's
 * retailer id); a cart the shopper sends from it arrives as an {@code order} message, read as its
 * lines (sku, quantity) only: the prices it quotes are the catalog's copy, never the shop's.
 *
 * <p>Plain HTTP and JSON rather than an SDK: Meta publishes none for Java, and the Graph API's
 * messages endpoint is one call.
 */
@Component
@ConditionalOnProperty(name = "shopkeeper.meta.phone-number-id")
class MetaPlatform implements MessagingPlatform {

    /** The Cloud API's limits: a text body, an image caption. */
    static final int MAX_TEXT = 4096;
    static final int MAX_CAPTION = 1024;
    /** The Cloud API's limits on interactive messages. */
    static final int MAX_INTERACTIVE_BODY = 1024;
    static final int MAX_BUTTON = 20;
    static final int MAX_ROW_TITLE = 24;
    static final int MAX_ROW_DESCRIPTION = 72;
    static final int MAX_ID = 256;
    /** The Cloud API's limits on catalog messages: a multi-product message's items and its header. */
    static final int MAX_PRODUCT_ITEMS = 30;
    static final int MAX_HEADER = 60;
    /** The most lines of one order read, and of one product: more is not a shopper's cart. */
    static final int MAX_ORDER_LINES = 100;
    static final int MAX_ORDER_QUANTITY = 9999;
    /** Meta's error for a free-form message outside the 24-hour customer service window. */
    static final String OUTSIDE_WINDOW = "131047";
    /** Meta's throttling codes (answered as 400 or 429): worth another try after a wait. */
    private static final Set<String> THROTTLED = Set.of("4", "80007", "130429", "131048", "131056");
    private static final Pattern WA_ID = Pattern.compile("[1-9]\\d{5,14}");
    private static final Pattern EPOCH_SECONDS = Pattern.compile("\\d{1,12}");
    private static final Pattern WHOLE_NUMBER = Pattern.compile("\\d{1,9}");
    /** WhatsApp's bold, italic and strike-through marks: a header shows them as they are. */
    private static final Pattern MARKS = Pattern.compile("[*_~]");
    private static final String SIGNATURE_PREFIX = "sha256=";

    private static final Logger log = LoggerFactory.getLogger(MetaPlatform.class);

    private final MetaProperties props;
    private final RestClient http;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();
    private final byte[] appSecret;
    /** The shop's commerce catalog, or null when none is configured. */
    private final String catalogId;

    MetaPlatform(MetaProperties props, Clock clock) {
        for (var required : Map.of("app-secret", nullToEmpty(props.appSecret()), "verify-token",
                nullToEmpty(props.verifyToken()), "access-token", nullToEmpty(props.accessToken())).entrySet()) {
            if (required.getValue().isBlank()) {
                throw new IllegalStateException("shopkeeper.meta." + required.getKey()
                        + " must be set with shopkeeper.meta.phone-number-id");
            }
        }
        this.props = props;
        this.clock = clock;
        this.appSecret = props.appSecret().getBytes(StandardCharsets.UTF_8);
        this.catalogId = props.catalogId() == null || props.catalogId().isBlank() ? null : props.catalogId().strip();
        var factory = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1).connectTimeout(props.timeout()).build());
        factory.setReadTimeout(props.timeout());
        this.http = RestClient.builder()
                .requestFactory(factory)
                .baseUrl(stripSlash(props.apiBaseUrl()))
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + props.accessToken())
                .build();
    }

    @Override
    public String name() {
        return "meta";
    }

    @Override
    public boolean hasHandshake() {
        return true;
    }

    /** Meta's subscription check: the challenge back, when the token is the one configured. */
    @Override
    public Optional<String> handshake(WebhookRequest request) {
        var query = UriComponentsBuilder.newInstance().query(request.query() == null ? "" : request.query()).build()
                .getQueryParams();
        String mode = decoded(query.getFirst("hub.mode"));
        String token = decoded(query.getFirst("hub.verify_token"));
        String challenge = decoded(query.getFirst("hub.challenge"));
        if (!"subscribe".equals(mode) || token == null || challenge == null || challenge.isEmpty()
                || !MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                props.verifyToken().getBytes(StandardCharsets.UTF_8))) {
            return Optional.empty();
        }
        return Optional.of(challenge);
    }

    /** {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body with the app secret>}, compared in constant time. */
    @Override
    public boolean validateWebhook(WebhookRequest request) {
        String header = request.header("X-Hub-Signature-256");
        if (header == null || !header.startsWith(SIGNATURE_PREFIX)) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(header.substring(SIGNATURE_PREFIX.length()).strip());
        } catch (IllegalArgumentException e) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(appSecret, "HmacSHA256"));
            return MessageDigest.isEqual(mac.doFinal(request.body()), given);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    @Override
    public List<WebhookEvent> parse(WebhookRequest request) {
        JsonNode root;
        try {
            root = json.readTree(request.body());
        } catch (JacksonException e) {
            throw new MalformedWebhookException("The body is not JSON.");
        }
        if (root == null || !root.isObject() || !root.path("entry").isArray()) {
            throw new MalformedWebhookException("A Cloud API webhook is an object with an entry array.");
        }
        List<WebhookEvent> events = new ArrayList<>();
        for (JsonNode entry : root.path("entry")) {
            for (JsonNode change : entry.path("changes")) {
                JsonNode value = change.path("value");
                if (!"messages".equals(change.path("field").asString("")) || !ours(value)) {
                    continue;
                }
                Map<String, String> names = new LinkedHashMap<>();
                for (JsonNode contact : value.path("contacts")) {
                    names.put(contact.path("wa_id").asString(""), contact.path("profile").path("name").asString(null));
                }
                for (JsonNode message : value.path("messages")) {
                    message(message, names).ifPresent(events::add);
                }
                for (JsonNode status : value.path("statuses")) {
                    status(status).ifPresent(events::add);
                }
            }
        }
        return events;
    }

    /** A change for another number of the same business account is not ours to answer. */
    private boolean ours(JsonNode value) {
        String to = value.path("metadata").path("phone_number_id").asString(null);
        return to == null || to.equals(props.phoneNumberId());
    }

    private Optional<WebhookEvent> message(JsonNode message, Map<String, String> names) {
        String from = message.path("from").asString("");
        String id = message.path("id").asString("");
        if (!WA_ID.matcher(from).matches() || id.isBlank()) {
            throw new MalformedWebhookException("A message needs a from (a WhatsApp number) and an id.");
        }
        String type = message.path("type").asString("");
        List<InboundMessage.Media> media = new ArrayList<>();
        List<InboundMessage.OrderLine> order = List.of();
        String choice = null;
        String text = switch (type) {
            case "text" -> message.path("text").path("body").asString("");
            // A template's quick-reply button: its payload is the option's id.
            case "button" -> {
                choice = message.path("button").path("payload").asString(null);
                yield message.path("button").path("text").asString("");
            }
            case "interactive" -> {
                JsonNode reply = message.path("interactive");
                JsonNode picked = reply.has("button_reply") ? reply.path("button_reply") : reply.path("list_reply");
                choice = picked.path("id").asString(null);
                yield picked.path("title").asString("");
            }
            case "image", "video", "document", "sticker", "audio" -> {
                JsonNode item = message.path(type);
                media.add(new InboundMessage.Media(mediaUrl(item.path("id").asString("")), item.path("mime_type").asString(null)));
                yield item.path("caption").asString("");
            }
            case "location" -> location(message.path("location"));
            // A cart sent from the shop's catalog.
            case "order" -> {
                order = orderLines(message.path("order"), id);
                yield orderText(order, message.path("order").path("text").asString(""));
            }
            // A reaction to one of our messages, a system notice, something WhatsApp cannot show us: nothing to answer.
            default -> null;
        };
        if (text == null) {
            log.debug("meta: message {} of type {} skipped", id, type);
            return Optional.empty();
        }
        return Optional.of(new InboundMessage(name(), id, "+" + from, names.get(from), text, media, choice, order));
    }

    /**
     * An order's lines: each product item's retailer id (our sku) and quantity. Its item_price and
     * currency are not read: what the shopper pays is the shop's price, never one a message quotes.
     */
    private List<InboundMessage.OrderLine> orderLines(JsonNode order, String messageId) {
        String catalog = order.path("catalog_id").asString(null);
        if (catalogId != null && catalog != null && !catalogId.equals(catalog)) {
            // Skus are ours whatever catalog carried them; the mismatch says the settings are off.
            log.warn("meta: order {} is from catalog {}, not the configured {}", messageId, catalog, catalogId);
        }
        List<InboundMessage.OrderLine> lines = new ArrayList<>();
        for (JsonNode item : order.path("product_items")) {
            if (lines.size() == MAX_ORDER_LINES) {
                break;
            }
            String sku = item.path("product_retailer_id").asString("").strip();
            int quantity = quantity(item.path("quantity"));
            if (!sku.isEmpty() && sku.length() <= MAX_ID && quantity >= 1) {
                lines.add(new InboundMessage.OrderLine(sku, quantity));
            }
        }
        return lines;
    }

    /** A whole number of items (a number, or digits in a string), at most the order limit; 0 for anything else. */
    private static int quantity(JsonNode value) {
        long n;
        if (value.isIntegralNumber()) {
            n = value.asLong();
        } else if (value.isString() && WHOLE_NUMBER.matcher(value.asString().strip()).matches()) {
            n = Long.parseLong(value.asString().strip());
        } else {
            return 0;
        }
        return (int) Math.max(0, Math.min(n, MAX_ORDER_QUANTITY));
    }

    /** What an order says in words, for the conversation's record: its lines, and the shopper's note. */
    private static String orderText(List<InboundMessage.OrderLine> lines, String note) {
        if (lines.isEmpty()) {
            return note;
        }
        StringBuilder out = new StringBuilder("WhatsApp cart: ");
        for (int i = 0; i < lines.size(); i++) {
            out.append(i == 0 ? "" : ", ").append(lines.get(i).quantity()).append(" × ").append(lines.get(i).sku());
        }
        return note.isBlank() ? out.toString() : out.append(". Note: ").append(note.strip()).toString();
    }

    /** A shared location as the words a shopper would type: its name and address, else its coordinates. */
    private static String location(JsonNode location) {
        List<String> parts = new ArrayList<>();
        for (String field : List.of("name", "address")) {
            String value = location.path(field).asString("");
            if (!value.isBlank()) {
                parts.add(value.strip());
            }
        }
        String at = location.path("latitude").asString("") + ", " + location.path("longitude").asString("");
        return "My location: " + (parts.isEmpty() ? at : String.join(", ", parts) + " (" + at + ")");
    }

    /** Where a received medium's metadata (and so its download URL) is read, with the access token. */
    private String mediaUrl(String mediaId) {
        return stripSlash(props.apiBaseUrl()) + "/" + props.apiVersion() + "/" + mediaId;
    }

    private Optional<WebhookEvent> status(JsonNode status) {
        String id = status.path("id").asString("");
        Optional<Delivery> delivery = Delivery.of(status.path("status").asString(null));
        if (id.isBlank() || delivery.isEmpty()) {
            return Optional.empty();
        }
        JsonNode errors = status.path("errors");
        String code = errors.isArray() && !errors.isEmpty() ? errors.get(0).path("code").asString(null) : null;
        Instant at = clock.instant();
        String seconds = status.path("timestamp").asString("");
        if (EPOCH_SECONDS.matcher(seconds).matches()) {
            at = Instant.ofEpochSecond(Long.parseLong(seconds));
        }
        return Optional.of(new DeliveryStatus(name(), id, delivery.get(), code, at, OUTSIDE_WINDOW.equals(code)));
    }

    @Override
    public List<String> sendMessage(String address, String text) {
        List<String> ids = new ArrayList<>();
        for (String chunk : Reply.chunks(text, MAX_TEXT)) {
            ids.add(send(address, Map.of("type", "text", "text", Map.of("preview_url", false, "body", chunk))));
        }
        return ids;
    }

    /** One image message per picture, the caption on the first (cut to Meta's limit; the rest follows as text). */
    @Override
    public List<String> sendMedia(String address, String caption, List<String> mediaUrls) {
        List<String> chunks = Reply.chunks(caption == null ? "" : caption, MAX_CAPTION);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < mediaUrls.size(); i++) {
            Map<String, Object> image = new LinkedHashMap<>();
            image.put("link", mediaUrls.get(i));
            if (i == 0 && !chunks.getFirst().isBlank()) {
                image.put("caption", chunks.getFirst());
            }
            ids.add(send(address, Map.of("type", "image", "image", image)));
        }
        if (chunks.size() > 1) {
            ids.addAll(sendMessage(address, String.join("\n", chunks.subList(1, chunks.size()))));
        }
        return ids;
    }

    /**
     * Reply buttons or a list as an {@code interactive} message, cut to the Cloud API's limits (body
     * 1,024; button titles 20; list button 20, row titles 24, descriptions 72; ids 256). Buttons take
     * a product picture as their image header, in one message; a list takes none, so its pictures go
     * first as image messages. A body longer than the limit goes as text first, with its last piece
     * carrying the options. With the shop's catalog, choices that show products by sku go as catalog
     * messages instead: a list as a multi-product message, buttons after a product message.
     */
    @Override
    public List<String> sendChoices(String address, Reply reply) {
        Choices choices = reply.choices();
        if (catalogId != null && !choices.skus().isEmpty()) {
            if (choices.kind() == Choices.Kind.LIST) {
                return sendProductList(address, reply);
            }
            // A product message takes no buttons: the product from the catalog (its own picture, name
            // and price), then the buttons with our words, without the picture again.
            List<String> ids = new ArrayList<>();
            ids.add(send(address, Map.of("type", "interactive", "interactive", Map.of("type", "product",
                    "action", Map.of("catalog_id", catalogId, "product_retailer_id", choices.skus().getFirst())))));
            ids.addAll(sendInteractive(address, new Reply(reply.text(), List.of(), choices)));
            return ids;
        }
        return sendInteractive(address, reply);
    }

    /**
     * A list of products as a multi-product message from the catalog: a text header (Meta requires
     * one: the body's first line when it has several, else the list's button), the body, and one
     * section of up to 30 products by retailer id. The catalog shows each product's own picture.
     */
    private List<String> sendProductList(String address, Reply reply) {
        Choices choices = reply.choices();
        String all = reply.interactiveBody();
        int newline = all.indexOf('\n');
        String header = newline > 0 ? MARKS.matcher(all.substring(0, newline)).replaceAll("").strip() : "";
        String body = newline > 0 && !header.isEmpty() ? all.substring(newline + 1).strip() : all;
        if (header.isEmpty()) {
            header = choices.button();
        }
        List<String> ids = new ArrayList<>();
        List<String> pieces = Reply.chunks(body.isBlank() ? header : body, MAX_INTERACTIVE_BODY);
        if (pieces.size() > 1) {
            ids.addAll(sendMessage(address, String.join("\n", pieces.subList(0, pieces.size() - 1))));
        }
        List<Map<String, Object>> items = choices.skus().stream().distinct().limit(MAX_PRODUCT_ITEMS)
                .map(sku -> Map.<String, Object>of("product_retailer_id", sku)).toList();
        Map<String, Object> interactive = new LinkedHashMap<>();
        interactive.put("type", "product_list");
        interactive.put("header", Map.of("type", "text", "text", Choices.cut(header, MAX_HEADER)));
        interactive.put("body", Map.of("text", pieces.getLast()));
        interactive.put("action", Map.of("catalog_id", catalogId, "sections", List.of(Map.of(
                "title", Choices.cut(choices.button(), MAX_ROW_TITLE), "product_items", items))));
        ids.add(send(address, Map.of("type", "interactive", "interactive", interactive)));
        return ids;
    }

    /** Reply buttons or a list as an {@code interactive} message of type button or list. */
    private List<String> sendInteractive(String address, Reply reply) {
        Choices choices = reply.choices();
        List<String> ids = new ArrayList<>();
        boolean header = choices.kind() == Choices.Kind.BUTTONS && reply.mediaUrls().size() == 1;
        if (!reply.mediaUrls().isEmpty() && !header) {
            ids.addAll(sendMedia(address, "", reply.mediaUrls()));
        }
        List<String> pieces = Reply.chunks(reply.interactiveBody(), MAX_INTERACTIVE_BODY);
        if (pieces.size() > 1) {
            ids.addAll(sendMessage(address, String.join("\n", pieces.subList(0, pieces.size() - 1))));
        }
        Map<String, Object> interactive = new LinkedHashMap<>();
        interactive.put("type", choices.kind() == Choices.Kind.BUTTONS ? "button" : "list");
        if (header) {
            interactive.put("header", Map.of("type", "image", "image", Map.of("link", reply.mediaUrls().getFirst())));
        }
        interactive.put("body", Map.of("text", pieces.getLast()));
        if (choices.kind() == Choices.Kind.BUTTONS) {
            interactive.put("action", Map.of("buttons", choices.options().stream().map(o -> Map.of("type", "reply",
                    "reply", Map.of("id", Choices.cut(o.id(), MAX_ID), "title", Choices.cut(o.title(), MAX_BUTTON)))).toList()));
        } else {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Choices.Option o : choices.options()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", Choices.cut(o.id(), MAX_ID));
                row.put("title", Choices.cut(o.title(), MAX_ROW_TITLE));
                if (o.description() != null && !o.description().isBlank()) {
                    row.put("description", Choices.cut(o.description(), MAX_ROW_DESCRIPTION));
                }
                rows.add(row);
            }
            interactive.put("action", Map.of("button", Choices.cut(choices.button(), MAX_BUTTON),
                    "sections", List.of(Map.of("title", Choices.cut(choices.button(), MAX_ROW_TITLE), "rows", rows))));
        }
        ids.add(send(address, Map.of("type", "interactive", "interactive", interactive)));
        return ids;
    }

    @Override
    public boolean keepsServiceWindow() {
        return true;
    }

    @Override
    public boolean hasTemplate(Notice notice) {
        MetaProperties.Template template = props.templates().get(notice.key());
        return template != null && template.name() != null && !template.name().isBlank();
    }

    @Override
    public List<String> sendTemplate(String address, Notice notice, List<String> variables) {
        if (!hasTemplate(notice)) {
            return MessagingPlatform.super.sendTemplate(address, notice, variables);
        }
        MetaProperties.Template template = props.templates().get(notice.key());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", template.name().strip());
        body.put("language", Map.of("code", template.language() == null ? "en_US" : template.language().strip()));
        if (!variables.isEmpty()) {
            body.put("components", List.of(Map.of("type", "body", "parameters",
                    variables.stream().map(v -> Map.of("type", "text", "text", v)).toList())));
        }
        return List.of(send(address, Map.of("type", "template", "template", body)));
    }

    /** One message to the Graph API, retried with backoff while Meta is unreachable, failing or throttling. */
    private String send(String address, Map<String, Object> content) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("messaging_product", "whatsapp");
        body.put("recipient_type", "individual");
        body.put("to", Shopper.normalize(address).replace("+", ""));
        body.putAll(content);
        String path = "/" + props.apiVersion() + "/" + props.phoneNumberId() + "/messages";
        return SendRetry.send(name(), address, props.sendAttempts(), props.sendBackoff(), () -> {
            try {
                JsonNode answer = http.post().uri(path).contentType(MediaType.APPLICATION_JSON)
                        .body(json.writeValueAsString(body)).retrieve().body(JsonNode.class);
                String id = answer == null ? "" : answer.path("messages").path(0).path("id").asString("");
                if (id.isBlank()) {
                    throw new PlatformSendException("meta answered without a message id", 200, null, false, null);
                }
                log.debug("meta: sent {} to {}", id, Shopper.mask(address));
                return id;
            } catch (RestClientResponseException e) {
                String code = errorCode(e.getResponseBodyAsString());
                int status = e.getStatusCode().value();
                // Meta throttles with 400 as well as 429: its throttling codes are worth a retry like a 429.
                boolean throttled = code != null && THROTTLED.contains(code);
                throw new PlatformSendException("meta answered " + status + (code == null ? "" : " (" + code + ")"),
                        throttled ? 429 : status, code, OUTSIDE_WINDOW.equals(code), e);
            } catch (ResourceAccessException e) {
                throw new PlatformSendException("meta could not be reached: " + e.getClass().getSimpleName(), e);
            }
        });
    }

    /** Meta's {"error": {"code": 131047, ...}}, or null when the answer is not that. */
    private String errorCode(String body) {
        try {
            JsonNode error = json.readTree(body).path("error");
            return error.has("code") ? error.path("code").asString() : null;
        } catch (JacksonException | IllegalArgumentException e) {
            return null;
        }
    }

    private static String decoded(String value) {
        return value == null ? null : java.net.URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
