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
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * The same pipeline on a Redis Cluster (three local masters): every script stays in one hash slot,
 * and the node holding (a shard of) the queue crashes and restarts mid-run without a message lost or
 * processed twice. Unsharded, the whole queue is on one node; in three shards, one on each.
 */
class RedisClusterTest {

    @Test
    void pipelineRunsOnAClusterAndSurvivesTheQueueNodeRestarting() throws Exception {
        LocalRedisCluster.requireTools();
        try (var cluster = LocalRedisCluster.start(List.of(17101, 17102, 17103));
             var app = start(cluster, 1)) {
            int queueNode = cluster.nodeOf("message_queue");
            assertThat(cluster.nodeOf("{message_queue}:locks")).isEqualTo(queueNode);
            runThroughARestartOf(cluster, app, queueNode);
        }
    }

    @Test
    void aShardedQueueSpreadsOverEveryNodeAndSurvivesOneOfThemRestarting() throws Exception {
        LocalRedisCluster.requireTools();
        try (var cluster = LocalRedisCluster.start(List.of(17104, 17105, 17106));
             var app = start(cluster, 3)) {
            List<Shard> shards = app.getBean(MessageQueue.class).shards();
            List<Integer> nodes = new java.util.ArrayList<>();
            for (Shard shard : shards) {
                nodes.add(cluster.nodeOf(shard.queue()));
            }
            assertThat(nodes).as("one shard on each node").containsExactlyInAnyOrder(0, 1, 2);

            runThroughARestartOf(cluster, app, nodes.get(1));

            for (Shard shard : shards) {
                int node = cluster.nodeOf(shard.queue());
                assertThat(cluster.keysOn(node)).as("node %d holds shard %d", node, shard.index())
                        .contains(shard.instances(), shard.holders())
                        .noneMatch(k -> shards.stream().filter(s -> s != shard).anyMatch(s -> k.startsWith(s.prefix())));
            }
        }
    }

    private static ConfigurableApplicationContext start(LocalRedisCluster cluster, int shards) throws Exception {
        var app = TestApps.start(Files.createTempDirectory("shopkeeper-cluster"), null,
                Map.of("spring.data.redis.cluster.nodes", cluster.nodes(),
                        "spring.data.redis.lettuce.cluster.refresh.adaptive", "true",
                        "spring.data.redis.lettuce.cluster.refresh.period", "1s",
                        "spring.data.redis.timeout", "2s",
                        "shopkeeper.queue.shards", Integer.toString(shards),
                        "shopkeeper.processor", "registered-by-test"),
                ctx -> ctx.registerBean(MessageProcessor.class,
                        () -> new RecordingProcessor("cluster-" + shards, () -> ctx.getBean(com.shopkeeper.conversation.TurnRepository.class),
                                () -> ctx.getBean(org.springframework.transaction.support.TransactionTemplate.class))));
        assertThat(app.getBeanNamesForType(redis.embedded.RedisServer.class)).isEmpty();
        return app;
    }

    /** Six shoppers write ten messages each, then ten more while {@code node} is killed and started again. */
    private static void runThroughARestartOf(LocalRedisCluster cluster, ConfigurableApplicationContext app, int node)
            throws Exception {
        String instance = "cluster-" + app.getBean(MessageQueue.class).shards().size();
        var http = new Http("http://localhost:" + TestApps.port(app), JsonMapper.builder().build());
        List<String> sessions = sessionsInEveryShard(app, 6);

        sendRound(http, sessions, 1, 10);
        for (String s : sessions) {
            awaitTexts(s, 10);
        }

        cluster.kill(node);
        // While it is down the gateway answers 5xx (nothing accepted that could be lost) and the
        // sender retries, as Twilio does; then it starts again from its append-only file.
        Thread restart = Thread.ofVirtual().start(() -> {
            Eventually.settle(java.time.Duration.ofSeconds(1));
            try {
                cluster.startNode(node);
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
        var ids = RecordingProcessor.PROCESSED.stream().filter(p -> p.instance().equals(instance))
                .map(RecordingProcessor.Processed::platformMessageId).toList();
        assertThat(ids).hasSize(120).doesNotHaveDuplicates();
    }

    /** {@code count} simulator sessions, as many in each shard (their shopper keys decide where they land). */
    private static List<String> sessionsInEveryShard(ConfigurableApplicationContext app, int count) {
        QueueSeal seal = app.getBean(QueueSeal.class);
        List<Shard> shards = app.getBean(MessageQueue.class).shards();
        int[] inShard = new int[shards.size()];
        List<String> sessions = new java.util.ArrayList<>();
        while (sessions.size() < count) {
            String session = "cluster-" + UUID.randomUUID();
            int shard = Shard.of(seal.shopperKey("web", "web:" + session), shards).index();
            if (inShard[shard] < count / shards.size()) {
                inShard[shard]++;
                sessions.add(session);
            }
        }
        return sessions;
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
