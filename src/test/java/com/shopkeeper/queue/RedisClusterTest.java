package com.shopkeeper.queue;

import static org.assertj.core.api.Assertions.assertThat;

import com.shopkeeper.messaging.MessageProcessor;
import com.shopkeeper.support.Eventually;
import com.shopkeeper.support.Http;
import com.shopkeeper.support.TestApps;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The same pipeline on a Redis Cluster (three local masters on ports 17101-17103): every script
 * stays in one hash slot, and the node holding the queue crashes and restarts mid-run without a
 * message lost or processed twice.
 */
class RedisClusterTest {

    @Test
    void pipelineRunsOnAClusterAndSurvivesTheQueueNodeRestarting() throws Exception {
        LocalRedisCluster.requireTools();
        try (var cluster = LocalRedisCluster.start(List.of(17101, 17102, 17103));
             var app = TestApps.start(Files.createTempDirectory("shopkeeper-cluster"), null,
                     Map.of("spring.data.redis.cluster.nodes", cluster.nodes(),
                             "spring.data.redis.lettuce.cluster.refresh.adaptive", "true",
                             "spring.data.redis.lettuce.cluster.refresh.period", "1s",
                             "spring.data.redis.timeout", "2s",
                             "shopkeeper.processor", "registered-by-test"),
                     ctx -> ctx.registerBean(MessageProcessor.class,
                             () -> new RecordingProcessor("cluster", () -> ctx.getBean(com.shopkeeper.conversation.TurnRepository.class),
                                     () -> ctx.getBean(org.springframework.transaction.support.TransactionTemplate.class))))) {
            assertThat(app.getBeanNamesForType(redis.embedded.RedisServer.class)).isEmpty();
            var http = new Http("http://localhost:" + TestApps.port(app), JsonMapper.builder().build());
            List<String> sessions = IntStream.range(0, 6).mapToObj(i -> "cluster-" + UUID.randomUUID()).toList();

            sendRound(http, sessions, 1, 10);
            for (String s : sessions) {
                awaitTexts(s, 10);
            }

            int queueNode = cluster.nodeOf("message_queue");
            assertThat(cluster.nodeOf("{message_queue}:locks")).isEqualTo(queueNode);
            cluster.kill(queueNode);
            // While it is down the gateway answers 5xx (nothing accepted that could be lost) and the
            // sender retries, as Twilio does; then it starts again from its append-only file.
            Thread restart = Thread.ofVirtual().start(() -> {
                Eventually.settle(java.time.Duration.ofSeconds(1));
                try {
                    cluster.startNode(queueNode);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            sendRound(http, sessions, 11, 20);
            restart.join();
            cluster.awaitHealthy();

            List<String> expected = IntStream.rangeClosed(1, 20).mapToObj(i -> "m" + i).toList();
            for (String s : sessions) {
                assertThat(awaitTexts(s, 20)).containsExactlyElementsOf(expected);
            }
            var ids = RecordingProcessor.PROCESSED.stream().filter(p -> p.instance().equals("cluster"))
                    .map(RecordingProcessor.Processed::platformMessageId).toList();
            assertThat(ids).hasSize(120).doesNotHaveDuplicates();
        }
    }

    private static void sendRound(Http http, List<String> sessions, int from, int to) {
        for (int i = from; i <= to; i++) {
            for (String session : sessions) {
                String id = UUID.randomUUID().toString();
                int n = i;
                Eventually.until(() -> {
                    var r = http.withHeader("X-Simulator-Session", session)
                            .postJson("/webhook/web", Map.of("id", id, "text", "m" + n));
                    assertThat(r.status()).as("accepted, or refused for now (a retry follows)").isIn(200, 503);
                    return r.status() == 200 ? r : null;
                }, "message accepted");
            }
        }
    }

    private static List<String> awaitTexts(String session, int count) {
        return Eventually.until(() -> {
            List<String> texts = RecordingProcessor.textsOf("web:" + session);
            return texts.size() >= count ? texts : null;
        }, count + " messages of " + session);
    }
}
