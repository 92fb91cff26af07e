package com.shopkeeper.messaging.simulator;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The open chat pages of this instance, by session, and the replies for them that arrive over
 * Redis pub/sub from any worker. Streams are closed before the web server's graceful shutdown,
 * which would otherwise wait for them.
 */
@Component
@ConditionalOnProperty(name = "shopkeeper.simulator.enabled", havingValue = "true", matchIfMissing = true)
class SimulatorStreams implements MessageListener, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SimulatorStreams.class);

    private final Map<String, Set<SseEmitter>> streams = new ConcurrentHashMap<>();
    private final JsonMapper json = JsonMapper.builder().build();
    private volatile boolean running;

    SseEmitter open(String session) {
        SseEmitter emitter = new SseEmitter(0L);
        Set<SseEmitter> set = streams.computeIfAbsent(session, s -> ConcurrentHashMap.newKeySet());
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

    @Override
    public void onMessage(Message message, byte[] pattern) {
        SimulatorPlatform.SimulatorReply reply = json.readValue(message.getBody(), SimulatorPlatform.SimulatorReply.class);
        Set<SseEmitter> set = streams.get(reply.session());
        if (set == null) {
            return; // the page is open on another instance (or closed)
        }
        String data = json.writeValueAsString(Map.of("text", reply.text(), "media", reply.media()));
        for (SseEmitter emitter : set) {
            try {
                emitter.send(SseEmitter.event().name("reply").data(data, MediaType.APPLICATION_JSON));
            } catch (IOException | IllegalStateException e) {
                log.debug("simulator: a reply stream closed ({})", e.getClass().getSimpleName());
                set.remove(emitter);
            }
        }
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
