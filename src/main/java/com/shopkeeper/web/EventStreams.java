package com.shopkeeper.web;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.concurrent.ConcurrentTaskExecutor;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-sent event streams open on this instance, grouped by a key (a chat session, or one key for
 * a broadcast). A stream that fails a send is dropped; a comment every 25 s keeps proxies from
 * closing idle streams and finds the ones whose page went away. All streams are completed before
 * the web server's graceful shutdown, which would otherwise wait for them.
 */
public abstract class EventStreams implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EventStreams.class);

    private final Map<String, Set<SseEmitter>> streams = new ConcurrentHashMap<>();
    private volatile boolean running;

    /**
     * The subscription that feeds a relay: messages on {@code channel} handed to {@code relay} by one
     * thread, in the order Redis delivered them (a container's default starts a thread per message,
     * and live steps or chat replies could overtake each other).
     */
    public static RedisMessageListenerContainer orderedRelay(RedisConnectionFactory redis, MessageListener relay,
                                                             String channel, String threadName) {
        var container = new RedisMessageListenerContainer();
        container.setConnectionFactory(redis);
        container.setTaskExecutor(new ConcurrentTaskExecutor(Executors.newSingleThreadExecutor(
                Thread.ofPlatform().name(threadName).daemon(true).factory())));
        container.addMessageListener(relay, new ChannelTopic(channel));
        return container;
    }

    /** A new stream for {@code key}, greeted with a {@code ready} event. */
    protected SseEmitter open(String key) {
        SseEmitter emitter = new SseEmitter(0L);
        Set<SseEmitter> set = streams.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet());
        set.add(emitter);
        Runnable remove = () -> set.remove(emitter);
        emitter.onCompletion(remove);
        emitter.onTimeout(remove);
        emitter.onError(e -> remove.run());
        try {
            emitter.send(SseEmitter.event().name("ready").data("{}"));
        } catch (IOException e) {
            remove.run();
        }
        return emitter;
    }

    /** Whether a stream under {@code key} is open here. */
    protected boolean isOpen(String key) {
        Set<SseEmitter> set = streams.get(key);
        return set != null && !set.isEmpty();
    }

    /** How many streams are open here, under every key. */
    protected int openCount() {
        return streams.values().stream().mapToInt(Set::size).sum();
    }

    /** Ends every stream under {@code key}, each told why with a last {@code name} event. */
    protected void close(String key, String name, String json) {
        Set<SseEmitter> set = streams.remove(key);
        if (set == null) {
            return;
        }
        for (SseEmitter emitter : set) {
            try {
                emitter.send(SseEmitter.event().name(name).data(json, MediaType.APPLICATION_JSON));
                emitter.complete();
            } catch (IOException | IllegalStateException e) {
                log.debug("a stream closed before its {} event ({})", name, e.getClass().getSimpleName());
            }
        }
    }

    /** Sends a JSON event to every stream under {@code key}; false when none is open here. */
    protected boolean send(String key, String name, String json) {
        Set<SseEmitter> set = streams.get(key);
        if (set == null || set.isEmpty()) {
            return false;
        }
        for (SseEmitter emitter : set) {
            try {
                emitter.send(SseEmitter.event().name(name).data(json, MediaType.APPLICATION_JSON));
            } catch (IOException | IllegalStateException e) {
                log.debug("a {} stream closed ({})", name, e.getClass().getSimpleName());
                set.remove(emitter);
            }
        }
        return true;
    }

    @Scheduled(fixedDelay = 25_000, initialDelay = 25_000)
    void heartbeat() {
        streams.values().forEach(set -> set.removeIf(emitter -> {
            try {
                emitter.send(SseEmitter.event().comment("keep-alive"));
                return false;
            } catch (IOException | IllegalStateException e) {
                return true;
            }
        }));
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        streams.values().forEach(set -> set.forEach(SseEmitter::complete));
        streams.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE; // first to stop
    }
}
