package com.shopkeeper.messaging.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.shopkeeper.support.Eventually;
import com.shopkeeper.support.Http;
import com.shopkeeper.support.TestApps;
import com.shopkeeper.support.TestRedis;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The simulator turned on beside Twilio ({@code shopkeeper.simulator.enabled=true}, a demo): it works,
 * and it has limits of its own, in Redis under {@code simulator:}: per client address and for all
 * clients (429 with Retry-After beyond them), a cap on open streams, and idle streams closed.
 */
class SimulatorBesideTwilioTest {

    static final int PER_CLIENT = 4;
    static ConfigurableApplicationContext app;
    static Http http;
    static StringRedisTemplate redis;

    @BeforeAll
    static void start() throws Exception {
        String url = TestRedis.url(15);
        TestRedis.flush(url);
        Map<String, String> props = new HashMap<>(SimulatorClosedByDefaultTest.twilio());
        props.put("shopkeeper.simulator.enabled", "true");
        props.put("shopkeeper.simulator.per-client-per-minute", Integer.toString(PER_CLIENT));
        props.put("shopkeeper.simulator.global-per-minute", "1000");
        props.put("shopkeeper.simulator.max-streams", "2");
        props.put("shopkeeper.simulator.stream-idle-timeout", "1s");
        app = TestApps.start(Files.createTempDirectory("sk-sim-open"), url, props, ctx -> { });
        http = new Http(base(), JsonMapper.builder().build());
        redis = app.getBean(StringRedisTemplate.class);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    /** Each test starts with fresh windows, as a minute passing would give. */
    @BeforeEach
    void freshWindows() {
        Set<String> keys = redis.keys("simulator:*");
        if (keys != null && !keys.isEmpty()) {
            redis.delete(keys);
        }
    }

    static String base() {
        return "http://localhost:" + TestApps.port(app);
    }

    static Http.Response say(String session, String text) {
        return http.withHeader("X-Simulator-Session", session)
                .postJson("/webhook/web", Map.of("id", UUID.randomUUID().toString(), "text", text));
    }

    @Test
    void withTheFlagThePageAndTheWebhookWork() {
        var page = http.get("/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("EventSource");
        assertThat(say(UUID.randomUUID().toString(), "hello").status()).isEqualTo(200);
    }

    @Test
    void aClientOverItsLimitIsRefusedWith429AndRetryAfter() {
        String session = UUID.randomUUID().toString();
        for (int i = 0; i < PER_CLIENT; i++) {
            assertThat(say(session, "m" + i).status()).as("message %d", i).isEqualTo(200);
        }
        // A new session changes nothing: the limit is the client's, not the (invented) shopper's.
        var refused = say(UUID.randomUUID().toString(), "one more");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.json().get("status").asInt()).isEqualTo(429);
        assertThat(refused.json().get("detail").asString()).contains("this address");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 60L);

        Set<String> keys = redis.keys("*");
        assertThat(keys).filteredOn(k -> k.startsWith("simulator:")).hasSize(2)
                .contains("simulator:{rate}:global")
                .allSatisfy(k -> assertThat(k).doesNotContain("127.0.0.1").doesNotContain("0:0:0:0"));
    }

    @Test
    void overTheGlobalLimitEveryClientIsRefused() {
        long now = Instant.now().getEpochSecond();
        redis.opsForHash().putAll("simulator:{rate}:global",
                Map.of("count", "1000", "reset_at", Long.toString(now + 30)));
        var refused = say(UUID.randomUUID().toString(), "hello");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.json().get("detail").asString()).contains("busy");
        assertThat(refused.header("Retry-After")).isNotNull();
    }

    @Test
    void theStreamCapHoldsAndIdleStreamsTimeOut() throws Exception {
        Sse first = Sse.open(UUID.randomUUID().toString());
        Sse second = Sse.open(UUID.randomUUID().toString());
        assertThat(first.status).isEqualTo(200);
        assertThat(second.status).isEqualTo(200);
        assertThat(first.next()).isEqualTo("event:ready");

        Sse third = Sse.open(UUID.randomUUID().toString());
        assertThat(third.status).isEqualTo(429);
        assertThat(third.body).contains("Too many chat pages");

        // Nothing said on them for a second: each is told why and closed, and its place is free again.
        assertThat(first.linesUntilEnd()).contains("event:timeout");
        assertThat(second.linesUntilEnd()).contains("event:timeout");
        Sse fourth = Sse.open(UUID.randomUUID().toString());
        assertThat(fourth.status).isEqualTo(200);
        assertThat(fourth.linesUntilEnd()).contains("event:ready", "event:timeout");
    }

    /** A server-sent event stream read line by line on its own thread. */
    static final class Sse {
        static final String END = "<end>";
        final int status;
        final String body;
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

        private Sse(int status, String body) {
            this.status = status;
            this.body = body;
        }

        static Sse open(String session) throws IOException, InterruptedException {
            HttpResponse<InputStream> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(base() + "/simulator/events?session=" + session))
                            .header("Accept", "text/event-stream").build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                try (InputStream in = response.body()) {
                    return new Sse(response.statusCode(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
            Sse sse = new Sse(200, null);
            Thread.ofVirtual().start(() -> {
                try (var reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                    for (String line; (line = reader.readLine()) != null; ) {
                        if (!line.isBlank()) {
                            sse.lines.add(line);
                        }
                    }
                } catch (IOException e) {
                    // the end, as far as this reader goes
                }
                sse.lines.add(END);
            });
            return sse;
        }

        String next() throws InterruptedException {
            String line = lines.poll(10, TimeUnit.SECONDS);
            assertThat(line).as("a line of the stream within 10 s").isNotNull();
            return line;
        }

        /** Every line until the server ends the stream (within the deadline of {@link Eventually}). */
        List<String> linesUntilEnd() throws InterruptedException {
            List<String> seen = new java.util.ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (System.nanoTime() < deadline) {
                String line = lines.poll(100, TimeUnit.MILLISECONDS);
                if (END.equals(line)) {
                    return seen;
                }
                if (line != null) {
                    seen.add(line);
                }
            }
            throw new AssertionError("the stream was not ended within 15 s; it said " + seen);
        }
    }
}
