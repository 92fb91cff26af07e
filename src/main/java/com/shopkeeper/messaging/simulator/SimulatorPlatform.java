package com.shopkeeper.messaging.simulator;

import com.shopkeeper.conversation.Choices;
import com.shopkeeper.messaging.InboundMessage;
import com.shopkeeper.messaging.MalformedWebhookException;
import com.shopkeeper.messaging.MessagingPlatform;
import com.shopkeeper.messaging.Reply;
import com.shopkeeper.messaging.WebhookEvent;
import com.shopkeeper.messaging.WebhookRequest;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The local chat page as a platform ("web"): the page posts JSON to {@code /webhook/web} through
 * the same gateway, queue and workers as WhatsApp; replies are published on Redis
 * ({@link #CHANNEL}) so that whichever instance holds the page's event stream delivers them.
 */
@Component
@ConditionalOnSimulator
class SimulatorPlatform implements MessagingPlatform {

    static final String CHANNEL = "simulator:replies";
    static final String SESSION_HEADER = "X-Simulator-Session";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{8,64}");

    private final StringRedisTemplate redis;
    private final JsonMapper json = JsonMapper.builder().build();

    SimulatorPlatform(StringRedisTemplate redis) {
        this.redis = redis;
    }

    @Override
    public String name() {
        return "web";
    }

    /** The page sends its session in a header too: a plain cross-site form post cannot set one. */
    @Override
    public boolean validateWebhook(WebhookRequest request) {
        String session = request.header(SESSION_HEADER);
        return session != null && ID.matcher(session).matches();
    }

    @Override
    public List<WebhookEvent> parse(WebhookRequest request) {
        JsonNode body;
        try {
            body = json.readTree(request.body());
        } catch (JacksonException e) {
            throw new MalformedWebhookException("The body must be JSON: {\"id\": ..., \"text\": ...}.");
        }
        String id = body == null ? null : body.path("id").asString(null);
        String text = body == null ? null : body.path("text").asString(null);
        if (id == null || !ID.matcher(id).matches() || text == null || text.length() > 4000) {
            throw new MalformedWebhookException("A message needs an id (8-64 letters, digits, dashes) and a text of at most 4000 characters.");
        }
        String name = body.path("name").asString(null);
        // A tapped button or list row: its id (what the page was sent), beside its title as the text.
        String choice = body.path("choice").asString(null);
        if (choice != null && choice.length() > 200) {
            throw new MalformedWebhookException("A choice is the id of an option the page was sent: at most 200 characters.");
        }
        return List.of(new InboundMessage(name(), "web-" + id, address(request.header(SESSION_HEADER)), name, text,
                List.of(), choice));
    }

    static String address(String session) {
        return "web:" + session;
    }

    @Override
    public List<String> sendMessage(String address, String text) {
        publish(address, text, List.of());
        return List.of();
    }

    @Override
    public List<String> sendMedia(String address, String caption, List<String> mediaUrls) {
        publish(address, caption, mediaUrls);
        return List.of();
    }

    /** The page shows buttons and lists as WhatsApp does, and taps them. */
    @Override
    public List<String> sendChoices(String address, Reply reply) {
        Choices c = reply.choices();
        publish(address, reply.interactiveBody(), reply.mediaUrls(), new Interactive(c.kind() == Choices.Kind.BUTTONS ? "buttons" : "list",
                c.body(), c.button(), c.options()));
        return List.of();
    }

    private void publish(String address, String text, List<String> media) {
        publish(address, text, media, null);
    }

    private void publish(String address, String text, List<String> media, Interactive interactive) {
        String session = address.startsWith("web:") ? address.substring(4) : address;
        redis.convertAndSend(CHANNEL, json.writeValueAsString(new SimulatorReply(session, text, media, interactive)));
    }

    record SimulatorReply(String session, String text, List<String> media, Interactive interactive) {
    }

    /** Buttons or a list, as the page reads them: {@code kind} "buttons" or "list". */
    record Interactive(String kind, String body, String button, List<Choices.Option> options) {
    }
}
