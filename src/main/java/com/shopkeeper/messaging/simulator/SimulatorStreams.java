package com.shopkeeper.messaging.simulator;

import com.shopkeeper.web.EventStreams;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The open chat pages of this instance, by session, and the replies for them that arrive over
 * Redis pub/sub from any worker. At most {@code shopkeeper.simulator.max-streams} are open at once;
 * a session with no message and no reply for {@code stream-idle-timeout} has its streams closed
 * with a {@code timeout} event (the page opens a new one when its shopper writes again).
 */
@Component
@ConditionalOnSimulator
class SimulatorStreams extends EventStreams implements MessageListener {

    private final JsonMapper json = JsonMapper.builder().build();
    private final SimulatorProperties props;
    /** When each open session last had a message or a reply (System.nanoTime()). */
    private final Map<String, Long> lastActive = new ConcurrentHashMap<>();

    SimulatorStreams(SimulatorProperties props) {
        this.props = props;
    }

    /** A stream for the session, or none when this instance has as many open as it may. */
    synchronized Optional<SseEmitter> openSession(String session) {
        if (openCount() >= props.maxStreams()) {
            return Optional.empty();
        }
        touch(session);
        return Optional.of(open(session));
    }

    /** The session is in use: its idle time starts again. */
    void touch(String session) {
        lastActive.put(session, System.nanoTime());
    }

    @Override
    public void onMessage(Message message, byte[] pattern) {
        ObjectNode reply = (ObjectNode) json.readTree(message.getBody());
        String session = reply.path("session").asString();
        // Nothing open here means the page is open on another instance (or closed): every instance
        // hears every reply, so the rest is done only for this instance's own pages.
        if (isOpen(session)) {
            touch(session);
            // The page gets the reply as published but for its session, which it knows: text and media,
            // and whatever a reply grows (its buttons or list, "interactive") without a change here.
            reply.remove("session");
            send(session, "reply", json.writeValueAsString(reply));
        }
    }

    @Scheduled(fixedDelay = 1000, initialDelay = 1000)
    void closeIdle() {
        long now = System.nanoTime();
        long idle = props.streamIdleTimeout().toNanos();
        lastActive.forEach((session, at) -> {
            if (!isOpen(session)) {
                lastActive.remove(session, at);
            } else if (now - at >= idle) {
                lastActive.remove(session, at);
                close(session, "timeout", "{\"reason\":\"idle\"}");
            }
        });
    }
}
