package com.shopkeeper.monitor;

import com.shopkeeper.conversation.ConversationStarted;
import com.shopkeeper.conversation.MessageRecorded;
import com.shopkeeper.conversation.Transition;
import com.shopkeeper.conversation.TransitionRecorded;
import com.shopkeeper.web.EventStreams;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The live feed the visualizer draws from. Whichever worker moves a conversation publishes the step
 * on the Redis channel {@value #CHANNEL} once its transaction has committed; every instance relays
 * what it hears to the admin pages open on it as server-sent events ({@code started},
 * {@code transition}, and {@code message} when a shopper writes: in HANDOFF no step follows it).
 * Publishing happens on its own thread, so a slow Redis never holds up a worker (nor the SQLite
 * write lock it may still hold right after commit). The feed is a notification: pages re-read
 * counts from the API, so a missed event costs nothing lasting.
 */
@Component
class LiveFeed extends EventStreams implements MessageListener {

    static final String CHANNEL = "admin:live";
    private static final String ALL = "all";
    private static final Logger log = LoggerFactory.getLogger(LiveFeed.class);

    private final StringRedisTemplate redis;
    private final JsonMapper json = JsonMapper.builder().build();
    /**
     * One thread, so events leave in the order they happened; a bounded backlog, because the feed
     * is a notification: under overload (or after shutdown) the oldest are dropped, never the worker held up.
     */
    private volatile ThreadPoolExecutor publisher = newPublisher();

    LiveFeed(StringRedisTemplate redis) {
        this.redis = redis;
    }

    SseEmitter subscribe() {
        return open(ALL);
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(TransitionRecorded recorded) {
        Transition t = recorded.transition();
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", "transition");
        event.put("conversation_id", t.conversationId());
        event.put("seq", t.seq());
        event.put("from", t.from().name());
        event.put("event", t.event());
        event.put("to", t.to().name());
        event.put("outcome", t.outcome().name());
        event.put("reason", t.reason());
        event.put("tried_to", t.outcome() == Transition.Outcome.REFUSED ? Activity.triedTarget(t.from(), t.event()).name() : null);
        event.put("message_id", t.messageId());
        event.put("at", t.at().toString());
        publish(event);
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(ConversationStarted started) {
        publish(Map.of("type", "started", "conversation_id", started.conversation().id(),
                "state", started.conversation().state().name(), "at", started.conversation().createdAt().toString()));
    }

    /** Which conversation and when, never the text: the page reads that through the API. */
    @TransactionalEventListener(fallbackExecution = true)
    void on(MessageRecorded recorded) {
        publish(Map.of("type", "message", "conversation_id", recorded.conversationId(),
                "message_id", recorded.messageId(), "at", recorded.at().toString()));
    }

    private void publish(Map<String, Object> event) {
        String payload = json.writeValueAsString(event);
        publisher.execute(() -> {
            try {
                Long receivers = redis.convertAndSend(CHANNEL, payload);
                log.debug("live feed: published {} to {} subscriber(s)", event.get("type"), receivers);
            } catch (RuntimeException e) {
                log.debug("live feed: could not publish ({})", e.toString());
            }
        });
    }

    @Override
    public void onMessage(Message message, byte[] pattern) {
        String payload = new String(message.getBody(), StandardCharsets.UTF_8);
        String type = json.readTree(payload).path("type").asString("transition");
        boolean open = send(ALL, type, payload);
        log.debug("live feed: relayed {} ({})", type, open ? "to open pages" : "no page open here");
    }

    private static ThreadPoolExecutor newPublisher() {
        return new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(10_000),
                Thread.ofPlatform().name("live-feed").daemon(true).factory(), new ThreadPoolExecutor.DiscardOldestPolicy());
    }

    /** A stopped context can be started again (the test framework pauses idle contexts): so can the feed. */
    @Override
    public void start() {
        if (publisher.isShutdown()) {
            publisher = newPublisher();
        }
        super.start();
    }

    @Override
    public void stop() {
        super.stop();
        publisher.shutdown();
    }
}
