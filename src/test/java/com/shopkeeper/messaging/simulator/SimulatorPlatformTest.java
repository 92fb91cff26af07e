package com.shopkeeper.messaging.simulator;

import com.shopkeeper.messaging.MessagingPlatform;
import com.shopkeeper.messaging.MessagingPlatformContract;
import com.shopkeeper.messaging.WebhookRequest;
import com.shopkeeper.support.Eventually;
import com.shopkeeper.support.PrivateRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The messaging platform contract for the local chat page ("web"): its requests carry the page's session
 * instead of a signature, and its replies are published on Redis for whichever instance holds the page's
 * event stream; read here from the channel, as the page would show them. On a redis-server of its own, so
 * that no other test's simulator hears these replies.
 */
class SimulatorPlatformTest extends MessagingPlatformContract {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static PrivateRedis redis;
    private static LettuceConnectionFactory factory;
    private static RedisClient listener;
    private static StatefulRedisPubSubConnection<String, String> channel;
    private static final ConcurrentLinkedQueue<JsonNode> PUBLISHED = new ConcurrentLinkedQueue<>();
    private static SimulatorPlatform platform;

    @BeforeAll
    static void start() {
        redis = PrivateRedis.start(false);
        factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", redis.port()));
        factory.afterPropertiesSet();
        factory.start();
        listener = RedisClient.create(redis.url());
        channel = listener.connectPubSub();
        channel.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String name, String message) {
                PUBLISHED.add(JSON.readTree(message));
            }
        });
        channel.sync().subscribe(SimulatorPlatform.CHANNEL);
        platform = new SimulatorPlatform(new StringRedisTemplate(factory));
    }

    @AfterAll
    static void stop() {
        channel.close();
        listener.shutdown();
        factory.destroy();
        redis.close();
    }

    @Override
    protected MessagingPlatform platform() {
        return platform;
    }

    @Override
    protected String newShopper() {
        return SimulatorPlatform.address(UUID.randomUUID().toString());
    }

    @Override
    protected WebhookRequest textMessage(String shopper, String messageId, String text) {
        byte[] body = JSON.writeValueAsBytes(Map.of("id", messageId, "text", text));
        return request(shopper.substring("web:".length()), body);
    }

    private static WebhookRequest request(String session, byte[] body) {
        Map<String, String> headers = new java.util.HashMap<>();
        headers.put("content-type", "application/json");
        if (session != null) {
            headers.put("x-simulator-session", session);
        }
        return new WebhookRequest("http://localhost:8080", "/webhook/web", null, headers, Map.of(), body);
    }

    /** Without the page's session header, which a plain cross-site form post cannot set. */
    @Override
    protected WebhookRequest unsigned(WebhookRequest request) {
        return request(null, request.body());
    }

    /** The page signs nothing: what it sends is the shopper's own words, whatever they are. */
    @Override
    protected Optional<WebhookRequest> altered(WebhookRequest request) {
        return Optional.empty();
    }

    @Override
    protected List<WebhookRequest> malformed(String shopper) {
        String session = shopper.substring("web:".length());
        return List.of(
                request(session, "not json".getBytes(StandardCharsets.UTF_8)),
                request(session, JSON.writeValueAsBytes(Map.of("text", "no id"))),
                request(session, JSON.writeValueAsBytes(Map.of("id", "short", "text", "an id too short"))),
                request(session, JSON.writeValueAsBytes(Map.of("id", "contract-long-1", "text", "x".repeat(4001)))),
                request(session, JSON.writeValueAsBytes(Map.of("id", "contract-choice-1", "text", "Checkout",
                        "choice", "c".repeat(201)))));
    }

    @Override
    protected boolean isPhonePlatform() {
        return false;
    }

    /** The page's messages have no ids. */
    @Override
    protected boolean givesMessageIds() {
        return false;
    }

    /** The page shows a reply of any length. */
    @Override
    protected OptionalInt maxText() {
        return OptionalInt.empty();
    }

    /** What was published for this page, as it shows it. Publishing is not waited for: the first is awaited. */
    @Override
    protected List<String> received(String shopper) {
        String session = shopper.substring("web:".length());
        Eventually.until(() -> PUBLISHED.stream().anyMatch(r -> session.equals(r.path("session").asString())));
        Eventually.settle(Duration.ofMillis(150));
        List<String> shown = new ArrayList<>();
        for (JsonNode reply : PUBLISHED) {
            if (!session.equals(reply.path("session").asString())) {
                continue;
            }
            StringBuilder text = new StringBuilder(reply.path("text").asString(""));
            JsonNode interactive = reply.path("interactive");
            if (interactive.isObject()) {
                text.append('\n');
                interactive.path("options").forEach(o -> text.append('[').append(o.path("title").asString()).append("] "));
            }
            shown.add(text.toString().strip());
        }
        return shown;
    }
}
