package com.shopkeeper.messaging.simulator;

import com.shopkeeper.web.EventStreams;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The open chat pages of this instance, by session, and the replies for them that arrive over
 * Redis pub/sub from any worker.
 */
@Component
@ConditionalOnProperty(name = "shopkeeper.simulator.enabled", havingValue = "true", matchIfMissing = true)
class SimulatorStreams extends EventStreams implements MessageListener {

    private final JsonMapper json = JsonMapper.builder().build();

    SseEmitter openSession(String session) {
        return open(session);
    }

    @Override
    public void onMessage(Message message, byte[] pattern) {
        SimulatorPlatform.SimulatorReply reply = json.readValue(message.getBody(), SimulatorPlatform.SimulatorReply.class);
        // Nothing open here means the page is open on another instance (or closed): every instance
        // hears every reply, so the rest is done only for this instance's own pages.
        if (isOpen(reply.session())) {
            send(reply.session(), "reply", json.writeValueAsString(Map.of("text", reply.text(), "media", reply.media())));
        }
    }
}
