package com.shopkeeper.messaging.simulator;

import com.shopkeeper.config.ConditionalOnRole;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The chat page at {@code /} and its live reply stream ({@code /simulator/events}, server-sent
 * events). Replies arrive over Redis pub/sub from whichever worker sent them.
 */
@RestController
@ConditionalOnRole("gateway")
@ConditionalOnProperty(name = "shopkeeper.simulator.enabled", havingValue = "true", matchIfMissing = true)
class SimulatorController implements MessageListener {

    private static final Logger log = LoggerFactory.getLogger(SimulatorController.class);
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{8,64}");

    private final Map<String, Set<SseEmitter>> streams = new ConcurrentHashMap<>();
    private final JsonMapper json = JsonMapper.builder().build();
    private final RedisMessageListenerContainer listener;

    SimulatorController(RedisConnectionFactory redis) {
        this.listener = new RedisMessageListenerContainer();
        listener.setConnectionFactory(redis);
        listener.addMessageListener(this, new ChannelTopic(SimulatorPlatform.CHANNEL));
        listener.afterPropertiesSet();
        listener.start();
    }

    @GetMapping(value = "/", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<org.springframework.core.io.Resource> page() {
        return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body(new ClassPathResource("simulator/index.html"));
    }

    @GetMapping(value = "/simulator/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events(@RequestParam String session) {
        if (!ID.matcher(session).matches()) {
            throw new IllegalArgumentException("session must be 8-64 letters, digits or dashes");
        }
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

    @jakarta.annotation.PreDestroy
    void close() throws Exception {
        listener.stop();
        listener.destroy();
        streams.values().forEach(set -> set.forEach(SseEmitter::complete));
    }
}
