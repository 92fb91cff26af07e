package com.shopkeeper.faults;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.shopkeeper.support.PrivateRedis;
import com.shopkeeper.support.TwilioStub;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** One run of the fault suite (see {@link FaultSuite}): set up, shop through the faults, wait for quiet, check. */
final class FaultRun {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String TOKEN = "faults-admin-token-0123456789abcdef";
    /** Every shard's key prefix starts so ({message_queue}: unsharded, {message_queue:<t>}: in shards). */
    private static final String Q = "{message_queue";
    private static final Pattern ADD = Pattern.compile("add (\\d+) (\\S+)");
    private static final Pattern CART_LINE = Pattern.compile("^\\d+\\. (\\d+) × \\*(.+?)\\* – .*$");

    private final int run;
    private final Path dir;
    private final int shopperCount = Integer.getInteger("faults.shoppers", 16);
    private final int minAdds = Integer.getInteger("faults.min-adds", 4);
    /** The queue's shards (shopkeeper.queue.shards): 1, or e.g. 3 to run the faults against a sharded queue. */
    private final int shards = Integer.getInteger("faults.shards", 1);
    private final long seed;
    private final List<String> faults = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private final StringBuilder log = new StringBuilder();
    private final long started = System.currentTimeMillis();

    FaultRun(int run, Path dir) {
        this.run = run;
        this.dir = dir;
        this.seed = Long.getLong("faults.seed", System.nanoTime()) + run;
    }

    /** The figures and the failures of a finished run. */
    record Result(String summary, List<String> failures) {
        void assertPassed() {
            if (!failures.isEmpty()) {
                throw new AssertionError("fault run failed:\n  " + String.join("\n  ", failures) + "\n" + summary);
            }
        }
    }

    Result execute() throws Exception {
        deleteRecursively(dir);
        Files.createDirectories(dir);
        TwilioStub twilio = TwilioStub.start();
        SlowModel model = SlowModel.start(Duration.ofMillis(1500), Duration.ofMillis(4000));
        PrivateRedis redis = PrivateRedis.start(true, dir.resolve("redis"));
        RedisURI uri = RedisURI.create(redis.url());
        uri.setTimeout(Duration.ofSeconds(2));
        RedisClient redisClient = RedisClient.create(uri);
        List<AppInstance> instances = new ArrayList<>();
        List<ScriptedShopper> shoppers = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        ScriptedShopper.Counters counters = new ScriptedShopper.Counters();
        String summary;
        try (StatefulRedisConnection<String, String> connection = redisClient.connect()) {
            RedisCommands<String, String> r = connection.sync();
            Map<String, String> props = properties(redis, twilio, model);
            String java = ProcessHandle.current().info().command().orElse("java");
            Path jar = jar();
            AppInstance a = new AppInstance("a", freePort(), dir, java, jar, props);
            AppInstance b = new AppInstance("b", freePort(), dir, java, jar, props);
            instances.add(a);
            instances.add(b);
            // One first: the first start migrates the schema, seeds the catalog and makes the keys.
            a.start();
            a.awaitReady(Duration.ofMinutes(3));
            b.start();
            b.awaitReady(Duration.ofMinutes(3));
            note("instances ready: a on %d, b on %d; model %s; redis %s; twilio %s", a.port, b.port, model.baseUrl(),
                    redis.url(), twilio.baseUrl());

            Map<String, String> names = products(a);
            List<String> skus = new ArrayList<>(names.keySet());
            Random random = new Random(seed);
            Collections.shuffle(skus, random);
            AtomicInteger next = new AtomicInteger();
            List<String> targets = List.of(a.baseUrl(), b.baseUrl());
            java.util.function.Supplier<String> balancer = () -> targets.get(Math.floorMod(next.getAndIncrement(), targets.size()));
            var faultsDone = new java.util.concurrent.atomic.AtomicBoolean();
            for (int i = 0; i < shopperCount; i++) {
                List<String> own = new ArrayList<>();
                for (int k = 0; k < 6; k++) {
                    own.add(skus.get((i * 6 + k) % skus.size()));
                }
                shoppers.add(new ScriptedShopper(i + 1, run, own, balancer, () -> !faultsDone.get(), minAdds,
                        random.nextLong(), counters));
            }
            long shoppingStarted = System.currentTimeMillis();
            for (ScriptedShopper s : shoppers) {
                threads.add(Thread.ofPlatform().daemon().name("shopper-" + s.number).start(s));
            }

            // ---- the faults, one after another, while the shoppers shop ----
            AppInstance.pause(Duration.ofSeconds(6));
            int inFlight = awaitInFlight(r, a, 2);
            Duration stopping = a.terminate();
            int handedBack = a.handedBack();
            fault("SIGTERM a with %d turn(s) in flight: stopped in %.1f s, handed back %d still running past the 2 s drain",
                    inFlight, stopping.toMillis() / 1000.0, handedBack);
            if (handedBack == 0) {
                failures.add("the SIGTERM did not land with a turn running past the drain: the run tested less than it says");
            }
            a.start();
            a.awaitReady(Duration.ofMinutes(3));
            note("a is back");

            AppInstance.pause(Duration.ofSeconds(3));
            inFlight = awaitInFlight(r, b, 2);
            b.kill();
            fault("SIGKILL b with %d turn(s) in flight", inFlight);
            if (inFlight == 0) {
                failures.add("the SIGKILL did not land with a turn in flight: the run tested less than it says");
            }
            b.start();
            b.awaitReady(Duration.ofMinutes(3));
            note("b is back");

            AppInstance.pause(Duration.ofSeconds(3));
            int queued = (int) (safe(() -> listed(r, "message_queue*")) + safe(() -> listed(r, Q + "*processing:*")));
            long down = System.nanoTime();
            redis.kill();
            AppInstance.pause(Duration.ofSeconds(4));
            redis.restart();
            fault("SIGKILL redis with %d message(s) queued or in flight; down %.1f s, restarted on its append-only file",
                    queued, (System.nanoTime() - down) / 1e9);

            AppInstance.pause(Duration.ofSeconds(5));
            faultsDone.set(true);
            note("faults done; shoppers finishing");
            for (Thread t : threads) {
                t.join(Duration.ofMinutes(4).toMillis());
            }
            for (ScriptedShopper s : shoppers) {
                if (!s.done) {
                    failures.add(s.name + " still sending after 4 minutes");
                } else if (s.failure != null) {
                    failures.add(s.name + ": " + s.failure);
                }
            }
            long shoppingEnded = System.currentTimeMillis();

            int accepted = shoppers.stream().mapToInt(s -> s.sent.size()).sum();
            Duration quietAfter = awaitQuiet(r, twilio, accepted, Duration.ofMinutes(3));
            summary = check(r, twilio, shoppers, names, a, instances, model, counters, accepted,
                    shoppingEnded - shoppingStarted, quietAfter);
        } finally {
            for (AppInstance i : instances) {
                i.stopQuietly();
            }
            for (Thread t : threads) {
                t.interrupt();
            }
            redisClient.shutdown();
            redis.close();
            model.close();
            twilio.server().stop();
        }
        Files.writeString(dir.resolve("summary.txt"), summary + "\n");
        Files.writeString(dir.resolve("events.txt"), log.toString());
        System.out.println(summary);
        return new Result(summary, List.copyOf(failures));
    }

    private Map<String, String> properties(PrivateRedis redis, TwilioStub twilio, SlowModel model) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("shopkeeper.roles", "gateway,worker");
        p.put("spring.data.redis.url", redis.url());
        p.put("shopkeeper.db.url", "jdbc:sqlite:" + dir.toAbsolutePath().resolve("shopkeeper.db"));
        p.put("shopkeeper.crypto.key-dir", dir.toAbsolutePath().resolve("keys").toString());
        p.put("shopkeeper.admin.bootstrap-token", TOKEN);
        p.put("shopkeeper.admin.bootstrap-token-file", dir.toAbsolutePath().resolve("admin-token").toString());
        p.put("shopkeeper.queue.drain-timeout", "2s");
        p.put("shopkeeper.queue.heartbeat", "500ms");
        p.put("shopkeeper.queue.stale-after", "3s");
        p.put("shopkeeper.queue.retry-after", "1s");
        p.put("shopkeeper.rate-limit.per-shopper-per-hour", "100000");
        p.put("shopkeeper.rate-limit.global-per-second", "100000");
        p.put("shopkeeper.llm.provider", "openai");
        p.put("shopkeeper.llm.openai.api-key", "test");
        p.put("shopkeeper.llm.openai.base-url", model.baseUrl());
        p.put("shopkeeper.twilio.account-sid", TwilioStub.ACCOUNT_SID);
        p.put("shopkeeper.twilio.auth-token", TwilioStub.AUTH_TOKEN);
        p.put("shopkeeper.twilio.whatsapp-from", TwilioStub.FROM);
        p.put("shopkeeper.twilio.api-base-url", twilio.baseUrl());
        p.put("shopkeeper.twilio.webhook-base-url", TwilioStub.PUBLIC_BASE);
        p.put("shopkeeper.payment.provider", "sandbox");
        p.put("shopkeeper.catalog.seed-demo", "true");
        // Every message its own turn: the checks below want an answer to each "add" (its quick ones,
        // 200-800 ms apart, would otherwise be one turn of two adds). Bursts have their own tests.
        p.put("shopkeeper.engine.burst-window", "0");
        p.put("shopkeeper.queue.shards", Integer.toString(shards));
        return p;
    }

    /** In-stock products of the demo catalog: name by sku, read through the admin API. */
    private Map<String, String> products(AppInstance app) {
        JsonNode page = getJson(app, "/api/admin/products?in_stock=true&size=200");
        Map<String, String> names = new TreeMap<>();
        for (JsonNode p : page.path("items")) {
            names.put(p.path("sku").asString(), p.path("name").asString());
        }
        if (names.size() < 24) {
            throw new AssertionError("the demo catalog has only " + names.size() + " products in stock");
        }
        return names;
    }

    private static JsonNode getJson(AppInstance app, String path) {
        try {
            HttpResponse<String> r = ScriptedShopper.HTTP.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + path))
                    .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new AssertionError("GET " + path + " answered " + r.statusCode() + " " + r.body());
            }
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits (up to 20 s) until the instance holds at least {@code wanted} turns in flight; how many it holds. */
    private int awaitInFlight(RedisCommands<String, String> r, AppInstance app, int wanted) {
        String pattern = Q + "*processing:" + app.workerId();
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        long n = 0;
        while (System.nanoTime() < end) {
            n = safe(() -> listed(r, pattern));
            if (n >= wanted) {
                return (int) n;
            }
            AppInstance.pause(Duration.ofMillis(50));
        }
        note("instance %s held only %d turn(s) in flight after 20 s", app.name, n);
        return (int) n;
    }

    /**
     * Items in every list whose key matches: "message_queue*" is every shard's waiting list (message_queue, or
     * message_queue:<t> in shards), {@code Q + "*processing:*"} every shard's in-flight lists.
     */
    private static long listed(RedisCommands<String, String> r, String pattern) {
        return r.keys(pattern).stream().mapToLong(r::llen).sum();
    }

    /**
     * Quiet: every accepted message has its turn and every turn is SENT, nothing is queued, parked,
     * locked, delayed or in flight, and Twilio has had nothing new for 3 s. How long it took.
     */
    private Duration awaitQuiet(RedisCommands<String, String> r, TwilioStub twilio, int accepted, Duration limit) {
        long start = System.nanoTime();
        long end = start + limit.toNanos();
        int lastSends = -1;
        long sameSince = System.nanoTime();
        while (System.nanoTime() < end) {
            int sends = twilioSends(twilio).size();
            if (sends != lastSends) {
                lastSends = sends;
                sameSince = System.nanoTime();
            }
            boolean quiet = false;
            try {
                quiet = redisLeftovers(r).isEmpty() && unfinishedTurns() == 0 && turnCount() >= accepted
                        && System.nanoTime() - sameSince > Duration.ofSeconds(3).toNanos();
            } catch (RuntimeException e) {
                note("waiting for quiet: %s", e);
            }
            if (quiet) {
                return Duration.ofNanos(System.nanoTime() - start);
            }
            AppInstance.pause(Duration.ofMillis(500));
        }
        failures.add("not quiet after " + limit.toSeconds() + " s: " + redisLeftovers(r) + ", unfinished turns "
                + unfinishedTurns() + ", turns " + turnCount() + " of " + accepted + " accepted messages");
        return limit;
    }

    /** What Redis still holds of the queue's work; empty when nothing is in flight, parked, locked or waiting. */
    private static List<String> redisLeftovers(RedisCommands<String, String> r) {
        List<String> left = new ArrayList<>();
        for (String list : r.keys("message_queue*")) {
            long queued = r.llen(list);
            if (queued > 0) {
                left.add(list + " holds " + queued);
            }
        }
        // Each shard registers the instances that beat in it: its prefix is that key's, less "instances".
        for (String registry : r.keys(Q + "*instances")) {
            String prefix = registry.substring(0, registry.length() - "instances".length());
            for (String key : r.keys(prefix + "processing:*")) {
                long n = r.llen(key);
                if (n > 0) {
                    left.add(key + " holds " + n);
                }
            }
            for (String key : r.keys(prefix + "pending:*")) {
                left.add(key + " exists (" + r.llen(key) + ")");
            }
            long locks = r.hlen(prefix + "locks");
            if (locks > 0) {
                left.add(prefix + "locks holds " + locks + " " + r.hgetall(prefix + "locks"));
            }
            for (String set : List.of("delayed", "gathering")) {
                long n = r.zcard(prefix + set);
                if (n > 0) {
                    left.add(prefix + set + " holds " + n);
                }
            }
            long dead = r.llen(prefix + "dead");
            if (dead > 0) {
                left.add(prefix + "dead holds " + dead);
            }
        }
        return left;
    }

    // ---- the checks ---------------------------------------------------------------------------

    private String check(RedisCommands<String, String> r, TwilioStub twilio, List<ScriptedShopper> shoppers,
                         Map<String, String> names, AppInstance admin, List<AppInstance> instances, SlowModel model,
                         ScriptedShopper.Counters counters, int accepted, long shoppingMillis, Duration quietAfter)
            throws SQLException {
        Db db = readDb();
        Map<String, List<Send>> sendsTo = new HashMap<>();
        for (Send s : twilioSends(twilio)) {
            sendsTo.computeIfAbsent(s.to, k -> new ArrayList<>()).add(s);
        }
        Map<String, String> texts = new HashMap<>();
        for (String conversation : new java.util.TreeSet<>(db.conversationOf.values())) {
            for (JsonNode m : getJson(admin, "/api/admin/conversations/" + conversation).path("messages")) {
                texts.put(m.path("id").asString(), m.path("text").asString());
            }
        }

        int answered = 0;
        int duplicates = 0;
        int repliesTotal = 0;
        int sendsTotal = 0;
        List<Long> latencies = new ArrayList<>();
        for (ScriptedShopper shopper : shoppers) {
            List<ScriptedShopper.Sent> sent = new ArrayList<>(shopper.sent);
            sent.sort(Comparator.comparingInt(ScriptedShopper.Sent::index));
            // (1) and (3): each accepted message recorded, its turn SENT, its replies all sent.
            List<Expected> expected = new ArrayList<>();
            java.util.Set<String> conversations = new java.util.TreeSet<>();
            for (ScriptedShopper.Sent m : sent) {
                String messageId = db.messageOf.get(m.sid());
                if (messageId == null) {
                    failures.add(shopper.name + ": \"" + m.text() + "\" (" + m.sid() + ") was accepted but never recorded");
                    continue;
                }
                conversations.add(db.conversationOf.get(m.sid()));
                String status = db.turnStatus.get(messageId);
                if (!"SENT".equals(status)) {
                    failures.add(shopper.name + ": the turn of \"" + m.text() + "\" is " + status + ", not SENT");
                }
                List<Db.Reply> replies = db.repliesTo.getOrDefault(messageId, List.of());
                if (replies.isEmpty()) {
                    failures.add(shopper.name + ": \"" + m.text() + "\" has no reply recorded");
                }
                for (Db.Reply reply : replies) {
                    if (!reply.sent) {
                        failures.add(shopper.name + ": a reply to \"" + m.text() + "\" is not marked sent");
                    }
                    expected.add(new Expected(m, reply.id, texts.get(reply.id)));
                }
                // Answered with what was asked, not an apology: "add 2 SK-1" is answered "Added 2 × *name*".
                Matcher add = ADD.matcher(m.text());
                if (add.matches() && !replies.isEmpty()) {
                    String answer = expected.get(expected.size() - replies.size()).text;
                    String wanted = "Added " + add.group(1) + " × *" + names.get(add.group(2)) + "*";
                    if (!answer.startsWith(wanted)) {
                        failures.add(shopper.name + ": \"" + m.text() + "\" was answered \"" + abbreviate(answer) + "\"");
                    }
                }
            }
            repliesTotal += expected.size();
            if (conversations.size() != 1) {
                failures.add(shopper.name + ": messages spread over " + conversations.size() + " conversations");
            }
            // (1), (4) and (6): walk what Twilio received for this shopper, in the order it received it.
            List<Send> received = sendsTo.getOrDefault(shopper.phone, List.of());
            sendsTotal += received.size();
            int next = 0;
            Map<String, Long> answeredAt = new HashMap<>();
            for (Send s : received) {
                if (next < expected.size() && s.body.equals(expected.get(next).text)) {
                    answeredAt.putIfAbsent(expected.get(next).message.sid(), s.at);
                    next++;
                    continue;
                }
                boolean again = false;
                for (int k = 0; k < next; k++) {
                    if (s.body.equals(expected.get(k).text)) {
                        again = true;
                        break;
                    }
                }
                if (again) {
                    duplicates++;
                    note("duplicate answer to %s: %s", shopper.name, abbreviate(s.body));
                } else {
                    failures.add(shopper.name + ": Twilio got \"" + abbreviate(s.body) + "\" out of order (expected \""
                            + (next < expected.size() ? abbreviate(expected.get(next).text) : "nothing more") + "\")");
                }
            }
            if (next < expected.size()) {
                failures.add(shopper.name + ": Twilio never got \"" + abbreviate(expected.get(next).text) + "\" (reply to \""
                        + expected.get(next).message.text() + "\"), or not in order");
            }
            for (ScriptedShopper.Sent m : sent) {
                Long at = answeredAt.get(m.sid());
                if (at != null) {
                    answered++;
                    latencies.add(at - m.firstPostMillis());
                }
            }
            // (2): the cart holds exactly what was asked, in the database and in the last answer.
            Map<String, Integer> want = new TreeMap<>(shopper.expectedCart);
            String conversation = conversations.isEmpty() ? null : conversations.iterator().next();
            Map<String, Integer> have = new TreeMap<>(db.carts.getOrDefault(conversation, Map.of()));
            if (!have.equals(want)) {
                failures.add(shopper.name + ": the cart holds " + have + ", the shopper asked for " + want);
            }
            if (!sent.isEmpty() && sent.getLast().text().equals("cart") && !expected.isEmpty()) {
                Map<String, Integer> shown = new TreeMap<>();
                Map<String, String> skuByName = new HashMap<>();
                names.forEach((sku, name) -> skuByName.put(name, sku));
                for (String line : expected.getLast().text.split("\n")) {
                    Matcher m = CART_LINE.matcher(line.strip());
                    if (m.matches()) {
                        shown.merge(skuByName.getOrDefault(m.group(2), m.group(2)), Integer.parseInt(m.group(1)), Integer::sum);
                    }
                }
                if (!shown.equals(want)) {
                    failures.add(shopper.name + ": the last answer shows the cart as " + shown + ", the shopper asked for "
                            + want);
                }
            }
        }

        // (3) each inbound message recorded once, and no more messages than were accepted.
        if (!db.recordedTwice.isEmpty()) {
            failures.add("inbound messages recorded more than once: " + db.recordedTwice);
        }
        if (db.messageOf.size() != accepted) {
            failures.add(db.messageOf.size() + " inbound messages recorded, " + accepted + " accepted");
        }
        // (5) nothing left in flight or parked, no unfinished turn.
        List<String> left = redisLeftovers(r);
        if (!left.isEmpty()) {
            failures.add("left in Redis: " + left);
        }
        int unfinished = unfinishedTurns();
        if (unfinished > 0) {
            failures.add(unfinished + " turn(s) not SENT");
        }
        if (answered != accepted) {
            failures.add(answered + " of " + accepted + " messages answered");
        }
        // (6) duplicate answers: reported; more than 1 per 100 messages fails.
        int beyond = sendsTotal - repliesTotal;
        if (duplicates > accepted / 100) {
            failures.add(duplicates + " duplicate answers to " + accepted + " messages: more than 1 in 100");
        }

        Collections.sort(latencies);
        long max = latencies.isEmpty() ? 0 : latencies.getLast();
        long p95 = latencies.isEmpty() ? 0 : latencies.get(Math.min(latencies.size() - 1, (int) Math.ceil(latencies.size() * 0.95) - 1));
        long p50 = latencies.isEmpty() ? 0 : latencies.get(latencies.size() / 2);
        long retried = counters.unavailable.get() + counters.connectionFailed.get() + counters.timedOut.get();
        long reaped = instances.stream().mapToLong(i -> i.countInLogs("redelivered")).sum();
        long resumed = instances.stream().mapToLong(i -> i.countInLogs("resuming the turn")).sum();
        long stepTaken = instances.stream().mapToLong(i -> i.countInLogs("TurnStepTakenException")).sum();
        long apologies = instances.stream().mapToLong(i -> i.countInLogs("LLM unavailable")).sum();
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "== fault run %d (%s, seed %d): %s%n", run, Instant.ofEpochMilli(started),
                seed, failures.isEmpty() ? "PASSED" : "FAILED (" + failures.size() + " failure(s))"));
        s.append(String.format(Locale.ROOT, "messages %d from %d shoppers over %.0f s of shopping; webhook posts %d "
                        + "(retried %d: %d answered 503, %d connections failed, %d timed out)%n",
                accepted, shoppers.size(), shoppingMillis / 1000.0, counters.posts.get(), retried,
                counters.unavailable.get(), counters.connectionFailed.get(), counters.timedOut.get()));
        s.append(String.format(Locale.ROOT, "faults injected %d:%n", faults.size()));
        faults.forEach(f -> s.append("  - ").append(f).append('\n'));
        s.append(String.format(Locale.ROOT, "answered %d of %d; replies recorded %d, Twilio sends %d; duplicate answers %d "
                        + "(goal 0, limit %d); sends beyond one per reply %d%n",
                answered, accepted, repliesTotal, sendsTotal, duplicates, accepted / 100, beyond));
        s.append(String.format(Locale.ROOT, "first send to answer: p50 %.1f s, p95 %.1f s, max %.1f s; quiet %.1f s after "
                        + "the last shopper%n", p50 / 1000.0, p95 / 1000.0, max / 1000.0, quietAfter.toMillis() / 1000.0));
        s.append(String.format(Locale.ROOT, "model calls %d (%d beyond one per message: turns asked again after a fault); "
                        + "turns resumed %d; reaper hand-back rounds %d; steps refused by the ledger %d; model-unavailable answers %d%n",
                model.calls(), model.calls() - accepted, resumed, reaped, stepTaken, apologies));
        s.append(String.format(Locale.ROOT, "run took %.0f s%n", (System.currentTimeMillis() - started) / 1000.0));
        failures.forEach(f -> s.append("FAIL ").append(f).append('\n'));
        return s.toString().strip();
    }

    private record Expected(ScriptedShopper.Sent message, String replyId, String text) {
        Expected {
            text = text == null ? "" : text;
        }
    }

    /** One message Twilio was asked to send. */
    private record Send(String to, String body, long at) {
    }

    private static List<Send> twilioSends(TwilioStub twilio) {
        List<LoggedRequest> requests = new ArrayList<>(twilio.server()
                .findAll(postRequestedFor(urlPathMatching("/2010-04-01/Accounts/.*/Messages.json"))));
        List<Send> sends = new ArrayList<>();
        var json = tools.jackson.databind.json.JsonMapper.builder().build();
        for (LoggedRequest q : requests) {
            String body = q.getBodyAsString();
            String text = TwilioStub.param(body, "Body");
            String variables = TwilioStub.param(body, "ContentVariables");
            if (text == null && variables != null) {
                // A reply with buttons or a list goes as a content; its text is variable 1. The buttons
                // that follow a product's picture (its text went as the caption) are not a reply of their own.
                text = json.readTree(variables).path("1").asString("");
                if (text.equals("What would you like to do?")) {
                    continue;
                }
            }
            sends.add(new Send(TwilioStub.param(body, "To"), text == null ? "" : text, q.getLoggedDate().getTime()));
        }
        // findAll lists in the order received; a stable sort by time keeps that order within a millisecond.
        sends.sort(Comparator.comparingLong(Send::at));
        return sends;
    }

    // ---- the SQLite file, read as it is --------------------------------------------------------

    /** What the database says, by plain columns (the texts are encrypted; they come from the admin API). */
    private static final class Db {
        record Reply(String id, int seq, boolean sent) {
        }

        final Map<String, String> messageOf = new HashMap<>();       // platform message id -> message id
        final Map<String, String> conversationOf = new HashMap<>();  // platform message id -> conversation id
        final Map<String, String> turnStatus = new HashMap<>();
        final Map<String, List<Reply>> repliesTo = new HashMap<>();
        final Map<String, Map<String, Integer>> carts = new HashMap<>();
        final List<String> recordedTwice = new ArrayList<>();
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + dir.toAbsolutePath().resolve("shopkeeper.db"));
    }

    private Db readDb() throws SQLException {
        Db db = new Db();
        try (Connection c = connect(); var st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT id, conversation_id, platform_message_id FROM messages WHERE role = 'user'")) {
                while (rs.next()) {
                    db.messageOf.put(rs.getString(3), rs.getString(1));
                    db.conversationOf.put(rs.getString(3), rs.getString(2));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT platform_message_id, COUNT(*) FROM messages WHERE role = 'user' "
                    + "GROUP BY platform_message_id HAVING COUNT(*) > 1")) {
                while (rs.next()) {
                    db.recordedTwice.add(rs.getString(1) + " x" + rs.getInt(2));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT message_id, status FROM turns")) {
                while (rs.next()) {
                    db.turnStatus.put(rs.getString(1), rs.getString(2));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT id, in_reply_to, seq, sent_at FROM messages "
                    + "WHERE role = 'assistant' AND in_reply_to IS NOT NULL ORDER BY in_reply_to, seq")) {
                while (rs.next()) {
                    db.repliesTo.computeIfAbsent(rs.getString(2), k -> new ArrayList<>())
                            .add(new Db.Reply(rs.getString(1), rs.getInt(3), rs.getString(4) != null));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT ci.conversation_id, p.sku, ci.quantity FROM cart_items ci "
                    + "JOIN products p ON p.id = ci.product_id")) {
                while (rs.next()) {
                    db.carts.computeIfAbsent(rs.getString(1), k -> new TreeMap<>()).merge(rs.getString(2), rs.getInt(3), Integer::sum);
                }
            }
        }
        return db;
    }

    private int unfinishedTurns() {
        return count("SELECT COUNT(*) FROM turns WHERE status <> 'SENT'");
    }

    private int turnCount() {
        return count("SELECT COUNT(*) FROM turns");
    }

    private int count(String sql) {
        try (Connection c = connect(); var st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getInt(1) : 0;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    // ---- small things ---------------------------------------------------------------------------

    private void fault(String format, Object... args) {
        String text = String.format(Locale.ROOT, format, args);
        faults.add(text);
        note("FAULT %s", text);
    }

    private void note(String format, Object... args) {
        String line = String.format(Locale.ROOT, "%6.1f s  %s", (System.currentTimeMillis() - started) / 1000.0,
                String.format(Locale.ROOT, format, args));
        synchronized (log) {
            log.append(line).append('\n');
        }
        System.out.println("[faults] " + line);
    }

    private static long safe(java.util.function.Supplier<Long> call) {
        try {
            Long v = call.get();
            return v == null ? 0 : v;
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private static String abbreviate(String s) {
        String one = s == null ? "null" : s.replace('\n', ' ');
        return one.length() > 80 ? one.substring(0, 77) + "..." : one;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static Path jar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("shopkeeper-.*\\.jar")).findFirst()
                    .orElseThrow(() -> new AssertionError("no target/shopkeeper-*.jar: run ./sk -Pfaults verify (it packages first)"))
                    .toAbsolutePath();
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
