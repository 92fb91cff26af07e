package com.shopkeeper.dialogs;

import static org.assertj.core.api.Assertions.assertThat;

import com.shopkeeper.cart.CartLine;
import com.shopkeeper.cart.Carts;
import com.shopkeeper.catalog.ProductService;
import com.shopkeeper.conversation.Conversation;
import com.shopkeeper.conversation.ConversationRepository;
import com.shopkeeper.conversation.Turn;
import com.shopkeeper.conversation.TurnRepository;
import com.shopkeeper.order.OrderRepository;
import com.shopkeeper.shopper.ShopperRepository;
import com.shopkeeper.support.Eventually;
import com.shopkeeper.support.Http;
import com.shopkeeper.support.PrivateRedis;
import com.shopkeeper.support.TestApps;
import com.shopkeeper.support.TwilioStub;
import com.shopkeeper.support.WhatsAppShopper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 14's multi-turn dialogs, written by others (src/test/resources/dialogs/README.md), replayed
 * through the real Twilio webhook on the out-of-the-box bot: the offline understanding, the demo
 * catalog, sandbox payments. Each dialog is judged by what the shop did after each turn (cart lines
 * and quantities, the state, the product in focus, whether an order exists), never by the wording
 * of a reply. The figures per file and per style go to target/dialogs-report.md.
 */
class DialogSuiteTest {

    /** The dialogs in each file that must pass (a floor under the measured figure, raised as it improves). */
    static final Map<String, Double> FLOORS = Map.ofEntries(
            Map.entry("dev-a.jsonl", 0.90),
            Map.entry("dev-b.jsonl", 0.90),
            Map.entry("heldout-c.jsonl", 0.60),
            Map.entry("dev-d.jsonl", 0.85),
            Map.entry("heldout-e.jsonl", 0.30),
            Map.entry("dev-f.jsonl", 0.90),
            Map.entry("dev-g.jsonl", 0.80),
            Map.entry("dev-h.jsonl", 0.75),
            Map.entry("dev-i.jsonl", 0.70),
            Map.entry("heldout-j.jsonl", 0.30),
            Map.entry("dev-k.jsonl", 0.90),
            Map.entry("dev-l.jsonl", 0.75),
            Map.entry("heldout-m.jsonl", 0.40),
            Map.entry("dev-n.jsonl", 0.85),
            Map.entry("heldout-o.jsonl", 0.35),
            Map.entry("dev-p.jsonl", 0.85),
            Map.entry("dev-q.jsonl", 0.80),
            Map.entry("heldout-r.jsonl", 0.40),
            Map.entry("dev-s.jsonl", 0.75),
            Map.entry("dev-t.jsonl", 0.50),
            Map.entry("heldout-u.jsonl", 0.30),
            Map.entry("dev-v.jsonl", 0.25),
            Map.entry("dev-w.jsonl", 0.25),
            Map.entry("dev-x.jsonl", 0.60),
            Map.entry("dev-y.jsonl", 0.80),
            Map.entry("dev-z.jsonl", 0.55),
            Map.entry("dev-za.jsonl", 0.75),
            Map.entry("dev-zb.jsonl", 0.65),
            Map.entry("dev-zc.jsonl", 0.55),
            Map.entry("dev-zd.jsonl", 0.60),
            Map.entry("dev-ze.jsonl", 0.65),
            Map.entry("dev-zf.jsonl", 0.90),
            Map.entry("dev-zg.jsonl", 0.75),
            Map.entry("dev-zh.jsonl", 0.65),
            Map.entry("dev-zi.jsonl", 0.75),
            Map.entry("dev-zj.jsonl", 0.50),
            Map.entry("dev-zk.jsonl", 0.70),
            Map.entry("dev-zl.jsonl", 0.75));

    /**
     * Dialogs known to end with a product nobody asked for, per file: none anywhere, except one held-out dialog of
     * heldout-m.jsonl (2026-12-05, sixth stop, its first run), which is not opened so that the file stays held out
     * (heldout-e's one is gone since the eighth stop, heldout-j's since the twenty-third, neither opened: the figure
     * fell with changes made for dev files). dev-l.jsonl's l-05 had asked for "the cheapest camera from the list" expecting a
     * camera the list did not show (the bot adds the cheapest it showed); its turn now expects that one, and says it was
     * edited (twenty-first stop). The numbers may only fall.
     */
    static final Map<String, Long> KNOWN_WRONG_PRODUCTS = Map.of("heldout-m.jsonl", 1L);

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static TwilioStub twilio;
    private static PrivateRedis redis;
    private static ConfigurableApplicationContext app;
    /** Every turn of the dev dialogs with the bot's answer and the calls made (never the held-out file's). */
    private static final StringBuilder TRANSCRIPT = new StringBuilder("# Dev dialogs, turn by turn\n");
    /** {@code -Ddialogs.only=a-03,b-11} replays just those dialogs (while working on them; the floors are not checked). */
    private static final List<String> ONLY = List.of(System.getProperty("dialogs.only", "").split(",")).stream()
            .filter(s -> !s.isBlank()).toList();

    /** {@code -Ddialogs.threads=1} replays one dialog at a time (the default replays four at once). */
    private static final int THREADS = Integer.getInteger("dialogs.threads", 4);

    /** {@code -Ddialogs.files=dev-l.jsonl} replays just those files (a new set's first run; the floors are not checked). */
    private static final List<String> FILES = List.of(System.getProperty("dialogs.files", "").split(",")).stream()
            .filter(s -> !s.isBlank()).toList();

    /** The files in the order they were written: the letter after "dev-" or "heldout-". */
    private static int byWhenWritten(String a, String b) {
        return a.substring(a.indexOf('-')).compareTo(b.substring(b.indexOf('-')));
    }

    @BeforeAll
    static void start() throws Exception {
        twilio = TwilioStub.start();
        redis = PrivateRedis.start(false);
        Map<String, String> props = new HashMap<>(Map.of(
                "shopkeeper.processor", "engine",
                "shopkeeper.payment.provider", "sandbox",
                "shopkeeper.catalog.seed-demo", "true",
                "shopkeeper.rate-limit.per-shopper-per-hour", "1000",
                "shopkeeper.shop.delivery", "We deliver in 2-4 working days, free over $50.",
                "shopkeeper.shop.returns", "Returns are free within 30 days.",
                "shopkeeper.shop.hours", "We're open Monday to Saturday, 9am to 6pm.",
                "shopkeeper.shop.contact", "Call us on +1 555 0100 or write to hello@example.com."));
        props.putAll(twilio.properties());
        app = TestApps.start(Files.createTempDirectory("dialogs"), redis.url(), props, ctx -> { });
        // Every product embedded before the first dialog: a search during indexing ranks by keywords
        // alone, and the figures would depend on how fast the machine indexed.
        var search = app.getBean(com.shopkeeper.catalog.search.ProductSearch.class);
        long deadline = System.nanoTime() + java.time.Duration.ofMinutes(3).toNanos();
        while (search.status().products() < 500 || search.status().embedded() < search.status().products()) {
            assertThat(System.nanoTime()).as("the demo catalog embedded within 3 minutes").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (redis != null) {
            redis.close();
        }
        if (twilio != null) {
            twilio.server().stop();
        }
    }

    /**
     * @param kind what went wrong at the first failing turn and what the bot did there, in words of the judge and the
     *             plan, never the shopper's ("cart: count / add_to_cart"): the held-out files are read by these alone
     */
    record Outcome(String id, String style, String file, boolean passed, String failure, boolean wrongProduct, String kind) {
    }

    @Test
    void dialogsWrittenByOthersPassThroughTheRealWebhook() throws Exception {
        Map<String, List<Outcome>> byFile = new LinkedHashMap<>();
        // Dialogs are independent shoppers, so several replay at once: a turn's time is mostly the pipeline's
        // hand-offs (webhook, queue, Twilio), not the engine's. Each dialog's transcript is kept apart and
        // appended in file order, so the reports read the same whatever the interleaving.
        ExecutorService replayers = Executors.newFixedThreadPool(THREADS);
        try {
            int shopper = 0;
            for (String file : FILES.isEmpty() ? FLOORS.keySet().stream().sorted(DialogSuiteTest::byWhenWritten).toList() : FILES) {
                List<Future<Replayed>> replays = new ArrayList<>();
                for (JsonNode dialog : read(file)) {
                    if (ONLY.isEmpty() || ONLY.contains(dialog.get("id").asString())) {
                        String phone = "whatsapp:+1556" + (1000000 + shopper++);
                        replays.add(replayers.submit(() -> run(file, dialog, phone)));
                    }
                }
                List<Outcome> outcomes = new ArrayList<>();
                for (Future<Replayed> r : replays) {
                    Replayed done = r.get();
                    outcomes.add(done.outcome());
                    TRANSCRIPT.append(done.transcript());
                }
                byFile.put(file, outcomes);
                // The stub's journal is searched on every turn: kept to one file's messages, it stays short (the
                // contents the app made through the Content API stay: their sids tell a list from a text).
                twilio.forgetMessages();
            }
        } finally {
            replayers.shutdownNow();
        }
        Files.writeString(Path.of("target", "dialogs-transcript.md"), TRANSCRIPT);
        if (!ONLY.isEmpty() || !FILES.isEmpty()) {
            System.out.println(report(byFile));
            return;
        }
        String report = report(byFile);
        Path out = Path.of("target", "dialogs-report.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        Files.writeString(Path.of("target", "dialogs-heldout-failures.md"), "# Held-out dialogs: the first failure of each failing one\n\n"
                + failures(byFile, file -> file.startsWith("heldout")));
        System.out.println(report);
        byFile.forEach((file, outcomes) -> assertThat(rate(outcomes)).as("dialogs passed in %s", file)
                .isGreaterThanOrEqualTo(FLOORS.get(file)));
        // Issue 14's first rule, whatever else fails: no product the shopper did not ask for enters the cart.
        byFile.forEach((file, outcomes) -> {
            List<Outcome> wrong = outcomes.stream().filter(Outcome::wrongProduct).toList();
            long known = KNOWN_WRONG_PRODUCTS.getOrDefault(file, 0L);
            // A held-out failure is counted, never printed: its words would reach whoever reads the test's output.
            assertThat(wrong.size()).as("dialogs of %s in which a product nobody asked for entered the cart: %s", file,
                    file.startsWith("heldout") ? wrong.stream().map(Outcome::id).toList() : wrong.stream().map(Outcome::failure).toList())
                    .isLessThanOrEqualTo((int) known);
        });
    }

    private static double rate(List<Outcome> outcomes) {
        return outcomes.isEmpty() ? 1 : outcomes.stream().filter(Outcome::passed).count() / (double) outcomes.size();
    }

    /** One dialog's outcome and, for a dev dialog, its turns as the transcript shows them. */
    record Replayed(Outcome outcome, String transcript) {
    }

    /** Replays one dialog as a new shopper on {@code phone} (one number per dialog: no two share a conversation). */
    private Replayed run(String file, JsonNode dialog, String phone) {
        StringBuilder transcript = new StringBuilder();
        return new Replayed(run(file, dialog, phone, transcript), transcript.toString());
    }

    private Outcome run(String file, JsonNode dialog, String phone, StringBuilder transcript) {
        String id = dialog.get("id").asString();
        String style = dialog.path("style").asString("");
        Http http = new Http("http://localhost:" + TestApps.port(app), JSON);
        WhatsAppShopper shopper = WhatsAppShopper.at(http, twilio, "Dialog " + id, phone);
        List<Line> before = List.of();
        boolean dev = !file.startsWith("heldout");
        if (dev) {
            transcript.append("\n## ").append(id).append(" (").append(style).append(")\n\n");
        }
        int n = 0;
        for (JsonNode turn : dialog.get("turns")) {
            n++;
            String said = turn.get("say").asString();
            String reply;
            try {
                // The turn is SENT once every reply of it reached Twilio: no quiet period to wait out.
                int earlier = shopper.replies().size();
                shopper.send(said);
                awaitTurnDone(shopper.lastSid());
                List<String> all = shopper.replies();
                reply = String.join("\n", all.subList(earlier, all.size()));
            } catch (AssertionError e) {
                return new Outcome(id, style, file, false, "turn " + n + " \"" + said + "\": no answer", false, "no answer");
            }
            Conversation c = conversation(shopper);
            List<Line> cart = cart(c);
            if (dev) {
                String plan = app.getBean(TurnRepository.class).findByPlatformMessageId(shopper.lastSid())
                        .map(Turn::plan).orElse("?");
                transcript.append("- **").append(said).append("**  \n  ").append(oneLine(reply)).append("  \n  `")
                        .append(c.state()).append(' ').append(cart.stream().map(l -> l.quantity() + "x " + l.name()).toList())
                        .append("` plan ").append(plan).append('\n');
            }
            JsonNode expect = turn.get("expect");
            if (expect != null) {
                Optional<String> failure = check(expect, c, cart, before);
                if (failure.isPresent()) {
                    boolean wrong = failure.get().startsWith("wrong product");
                    String plan = app.getBean(TurnRepository.class).findByPlatformMessageId(shopper.lastSid())
                            .map(Turn::plan).orElse("?");
                    return new Outcome(id, style, file, false, "turn " + n + " \"" + said + "\": " + failure.get()
                            + " | plan: " + plan + " | bot: " + oneLine(reply), wrong,
                            kindOf(failure.get(), expect, cart, before) + " / " + did(plan) + refusals(c, shopper.lastSid()));
                }
            }
            before = cart;
        }
        return new Outcome(id, style, file, true, null, false, null);
    }

    /** The judge's kind of failure: which expectation failed and, for the cart, how. */
    private String kindOf(String failure, JsonNode expect, List<Line> cart, List<Line> before) {
        if (failure.startsWith("wrong product")) {
            return "wrong product";
        }
        if (failure.startsWith("cart changed")) {
            return "cart changed when it should not";
        }
        if (failure.startsWith("state")) {
            return "state " + failure.substring("state ".length(), failure.indexOf(',')) + " for " + expect.get("state").asString();
        }
        if (!failure.startsWith("cart")) {
            return failure.substring(0, failure.indexOf(' '));
        }
        if (cart.equals(before)) {
            return "cart: nothing done";
        }
        List<JsonNode> expected = new ArrayList<>();
        expect.get("cart").forEach(expected::add);
        boolean everyProductThere = expected.stream().allMatch(e -> cart.stream().anyMatch(l -> fits(e, l)));
        if (!everyProductThere) {
            return "cart: a product missing";
        }
        return cart.size() > expected.size() ? "cart: a line too many" : "cart: a count";
    }

    /** Why the engine refused the turn's calls, if it did (the transition log's codes: "ambiguous_product"). */
    private String refusals(Conversation c, String sid) {
        String message = app.getBean(TurnRepository.class).findByPlatformMessageId(sid).map(Turn::messageId).orElse("?");
        List<String> codes = app.getBean(com.shopkeeper.conversation.TransitionLog.class).forConversation(c.id()).stream()
                .filter(t -> message.equals(t.messageId()) && t.outcome() == com.shopkeeper.conversation.Transition.Outcome.REFUSED)
                .map(com.shopkeeper.conversation.Transition::reason).toList();
        return codes.isEmpty() ? "" : " refused: " + String.join("+", codes);
    }

    /** What the turn's plan did: its calls in order, or that it made none (and whether it said something). */
    private static String did(String plan) {
        try {
            JsonNode p = JSON.readTree(plan);
            List<String> calls = new ArrayList<>();
            p.path("calls").forEach(c -> calls.add(c.path("name").asString()));
            if (!calls.isEmpty()) {
                return String.join("+", calls);
            }
            return (p.path("text").isNull() ? "no call (" : "a question or answer (") + p.path("intent").asString() + ")";
        } catch (RuntimeException e) {
            return "?";
        }
    }

    private static String oneLine(String reply) {
        String s = reply.replace('\n', ' ');
        return s.length() > 320 ? s.substring(0, 320) + "…" : s;
    }

    record Line(String productId, String name, int quantity) {
    }

    private Optional<String> check(JsonNode expect, Conversation c, List<Line> cart, List<Line> before) {
        if (expect.has("cart")) {
            Optional<String> f = matchCart(expect.get("cart"), cart, before);
            if (f.isPresent()) {
                return f;
            }
        }
        if (expect.path("cart_unchanged").asBoolean(false) && !cart.equals(before)) {
            boolean added = cart.stream().anyMatch(l -> before.stream().noneMatch(b -> b.productId().equals(l.productId())));
            return Optional.of((added ? "wrong product: " : "") + "cart changed from " + before + " to " + cart);
        }
        if (expect.has("state") && !expect.get("state").asString().equals(c.state().name())) {
            return Optional.of("state " + c.state() + ", expected " + expect.get("state").asString());
        }
        if (expect.has("focus_has")) {
            String focus = c.activeProductId() == null ? "" : app.getBean(ProductService.class).find(c.activeProductId())
                    .map(p -> p.name()).orElse("");
            if (!hasAll(focus, expect.get("focus_has"))) {
                return Optional.of("focus on \"" + focus + "\", expected " + expect.get("focus_has"));
            }
        }
        if (expect.has("order")) {
            String want = expect.get("order").asString();
            OrderRepository orders = app.getBean(OrderRepository.class);
            boolean pending = orders.pendingExists(c.id());
            boolean any = orders.existsForConversation(c.id());
            if (want.equals("none") && any || want.equals("PENDING") && !pending) {
                return Optional.of("order " + (pending ? "PENDING" : any ? "exists" : "none") + ", expected " + want);
            }
        }
        return Optional.empty();
    }

    /** The expected lines each match a different actual line by name words (or sku) and quantity; nothing else is in the cart. */
    private Optional<String> matchCart(JsonNode expected, List<Line> cart, List<Line> before) {
        List<Line> left = new ArrayList<>(cart);
        List<JsonNode> missing = new ArrayList<>();
        for (JsonNode e : expected) {
            Optional<Line> hit = left.stream().filter(l -> fits(e, l) && l.quantity() == e.path("qty").asInt(1)).findFirst();
            if (hit.isPresent()) {
                left.remove(hit.get());
            } else {
                missing.add(e);
            }
        }
        if (missing.isEmpty() && left.isEmpty()) {
            return Optional.empty();
        }
        // A line new this turn whose product fits none of the expected lines is a product the shopper never asked for.
        boolean wrong = left.stream().filter(l -> before.stream().noneMatch(b -> b.productId().equals(l.productId()))).anyMatch(l -> {
            for (JsonNode e : expected) {
                if (fits(e, l)) {
                    return false;
                }
            }
            return true;
        });
        return Optional.of((wrong ? "wrong product: " : "") + "cart " + cart + ", expected " + expected);
    }

    private boolean fits(JsonNode e, Line l) {
        if (e.has("sku")) {
            return app.getBean(ProductService.class).findBySku(e.get("sku").asString()).map(p -> p.id().equals(l.productId()))
                    .orElse(false);
        }
        return hasAll(l.name(), e.get("name_has"));
    }

    private static boolean hasAll(String name, JsonNode words) {
        String n = name.toLowerCase(Locale.ROOT);
        for (JsonNode w : words) {
            if (!n.contains(w.asString().toLowerCase(Locale.ROOT))) {
                return false;
            }
        }
        return true;
    }

    private Conversation conversation(WhatsAppShopper shopper) {
        String user = app.getBean(ShopperRepository.class).findByAddress(shopper.phone).orElseThrow().id();
        return app.getBean(ConversationRepository.class).findLatest(user, "twilio").orElseThrow();
    }

    private List<Line> cart(Conversation c) {
        List<CartLine> lines = app.getBean(Carts.class).lines(c.id());
        return lines.stream().map(l -> new Line(l.product().id(), l.product().name(), l.quantity())).toList();
    }

    /** A turn of several calls answers more than once: the shop is judged once all of it is sent. */
    private void awaitTurnDone(String sid) {
        TurnRepository turns = app.getBean(TurnRepository.class);
        Eventually.until(() -> turns.findByPlatformMessageId(sid).filter(t -> t.status() == Turn.Status.SENT).orElse(null),
                "the turn of " + sid + " sent");
    }

    private static List<JsonNode> read(String file) throws IOException {
        try (InputStream in = DialogSuiteTest.class.getResourceAsStream("/dialogs/" + file)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return text.lines().filter(l -> !l.isBlank()).map(l -> JSON.readTree(l)).toList();
        }
    }

    private static String report(Map<String, List<Outcome>> byFile) {
        StringBuilder sb = new StringBuilder("# Dialogs written by others, offline understanding, through the webhook\n\n");
        sb.append("| file | dialogs | passed | rate | dialogs with a wrong product in the cart |\n|---|---|---|---|---|\n");
        byFile.forEach((file, outcomes) -> sb.append(String.format(Locale.ROOT, "| %s | %d | %d | %.3f | %d |%n", file,
                outcomes.size(), outcomes.stream().filter(Outcome::passed).count(), rate(outcomes),
                outcomes.stream().filter(Outcome::wrongProduct).count())));
        Map<String, List<Outcome>> byStyle = new LinkedHashMap<>();
        byFile.values().forEach(os -> os.forEach(o -> byStyle.computeIfAbsent(o.file().replace(".jsonl", "") + " / " + o.style(),
                k -> new ArrayList<>()).add(o)));
        sb.append("\n| file / style | dialogs | rate |\n|---|---|---|\n");
        byStyle.forEach((style, os) -> sb.append(String.format(Locale.ROOT, "| %s | %d | %.3f |%n", style, os.size(), rate(os))));
        Map<String, Map<String, Integer>> kinds = new java.util.TreeMap<>();
        byFile.forEach((file, os) -> os.stream().filter(o -> !o.passed()).forEach(o -> kinds
                .computeIfAbsent(o.kind(), k -> new LinkedHashMap<>()).merge(file.startsWith("heldout") ? "held out" : "dev", 1, Integer::sum)));
        sb.append("\n| first failure: kind / what the bot did | dev | held out |\n|---|---|---|\n");
        kinds.entrySet().stream().sorted((a, b) -> Integer.compare(b.getValue().getOrDefault("held out", 0),
                a.getValue().getOrDefault("held out", 0))).forEach(e -> sb.append(String.format(Locale.ROOT, "| %s | %d | %d |%n",
                e.getKey(), e.getValue().getOrDefault("dev", 0), e.getValue().getOrDefault("held out", 0))));
        sb.append("\n## First failure of each failing development dialog\n\n");
        sb.append("(The held-out dialogs' failures are in target/dialogs-heldout-failures.md: the figures above can be read without them.)\n\n");
        return sb.append(failures(byFile, file -> !file.startsWith("heldout"))).toString();
    }

    /** The first failure of each failing dialog of the files {@code of} takes. */
    private static String failures(Map<String, List<Outcome>> byFile, java.util.function.Predicate<String> of) {
        StringBuilder sb = new StringBuilder();
        byFile.forEach((file, os) -> {
            if (of.test(file)) {
                os.stream().filter(o -> !o.passed()).forEach(o -> sb.append("- ").append(o.id()).append(" (").append(o.style())
                        .append("): [").append(o.kind()).append("] ").append(o.failure()).append('\n'));
            }
        });
        return sb.toString();
    }
}
