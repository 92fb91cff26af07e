package com.shopkeeper.messaging.simulator;

import com.shopkeeper.messaging.InboundMessage;
import com.shopkeeper.messaging.MalformedWebhookException;
import com.shopkeeper.messaging.MessagingPlatform;
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
        return List.of(new InboundMessage(name(), "web-" + id, address(request.header(SESSION_HEADER)), name, text,
                List.of()));
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

    private void publish(String address, String text, List<String> media) {
        String session = address.startsWith("web:") ? address.substring(4) : address;
        redis.convertAndSend(CHANNEL, json.writeValueAsString(new SimulatorReply(session, text, media)));
    }

    record SimulatorReply(String session, String text, List<String> media) {
    }
}
