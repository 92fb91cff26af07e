package com.shopkeeper.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.shopkeeper.conversation.ConversationRepository;
import com.shopkeeper.conversation.MessageRepository;
import com.shopkeeper.shopper.ShopperRepository;
import com.shopkeeper.support.Eventually;
import com.shopkeeper.support.Http;
import com.shopkeeper.support.TestApps;
import java.nio.file.Files;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import redis.embedded.RedisServer;
import tools.jackson.databind.json.JsonMapper;

/** With no Redis configured, the app starts its own and the whole pipeline runs on it. */
class EmbeddedRedisTest {

    @Test
    void withoutRedisSettingsAnEmbeddedServerStartsAndMessagesFlow() throws Exception {
        try (var app = TestApps.start(Files.createTempDirectory("shopkeeper-embedded"), null, Map.of(), ctx -> { })) {
            RedisServer server = app.getBean(RedisServer.class);
            assertThat(server.isActive()).isTrue();
            assertThat(server.ports().getFirst()).isNotEqualTo(6379);

            String session = UUID.randomUUID().toString();
            var http = new Http("http://localhost:" + TestApps.port(app), JsonMapper.builder().build());
            var response = http.withHeader("X-Simulator-Session", session)
                    .postJson("/webhook/web", Map.of("id", UUID.randomUUID().toString(), "text", "hi"));
            assertThat(response.status()).isEqualTo(200);

            var shopper = Eventually.until(() -> app.getBean(ShopperRepository.class).findByAddress("web:" + session).orElse(null),
                    "the shopper");
            var conversation = Eventually.until(() -> app.getBean(ConversationRepository.class)
                    .findLatest(shopper.id(), "web").orElse(null), "the conversation");
            Eventually.until(() -> app.getBean(MessageRepository.class).count(conversation.id()) == 2);
            assertThat(app.getBean(MessageRepository.class).recent(conversation.id(), 2).getLast().content())
                    .isEqualTo("You said: hi");
        }
    }
}
