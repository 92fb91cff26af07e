package com.shopkeeper.llm.offline;

import static org.assertj.core.api.Assertions.assertThat;

import com.shopkeeper.conversation.Event;
import com.shopkeeper.conversation.State;
import com.shopkeeper.conversation.TransitionTable;
import com.shopkeeper.llm.LlmReply;
import com.shopkeeper.llm.LlmRequest;
import com.shopkeeper.llm.Reading;
import com.shopkeeper.llm.ToolCall;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the offline provider over the labelled set in {@code src/test/resources/nlu/utterances.jsonl}
 * and reports, per split, intent accuracy, slot precision / recall / F1 and the confusions; writes
 * them to {@code target/nlu-evaluation.md}. The floors below are set a little under what the
 * provider measures today, so a regression fails the build. Never tune on the held-out split.
 *
 * <p>Every function is offered (as the admin parse endpoint does), so slots are measured whatever
 * the state; the state still acts as the prior. Intent accuracy with only the state's own
 * functions offered is reported alongside.
 */
class OfflineNluEvaluationTest {

    // Measured 2026-11-25 (docs/nlu.md): tune 1.000 / 1.000, held-out 0.989 / 0.972, embedding alone 0.731 / 0.756.
    // The floors allow two or three misses more than today on each split. Raise them when the provider gets better.
    static final double TUNE_INTENT_FLOOR = 0.97;
    static final double TUNE_SLOT_F1_FLOOR = 0.95;
    static final double HELDOUT_INTENT_FLOOR = 0.95;
    static final double HELDOUT_SLOT_F1_FLOOR = 0.93;
    // The fallback alone, no rules and no state: guards against a worse model or lost example phrasings.
    static final double EMBEDDING_ONLY_FLOOR = 0.68;
    // Messages written by others (heldout-others.jsonl), in a label scheme with three intents the
    // provider has no function for yet (set_quantity, clear_cart, shop_question). Measured 2026-12-03:
    // rules alone 0.556 / 0.350, with the learned intent model 0.891 / 0.620 (a request for a person
    // read as the others' help + human; Reading); later that day, with the model's own guess
    // deciding what it is unsure of instead of the nearest example (NluCrossValidation), 0.912 / 0.624;
    // 2026-12-03 evening, with the message's own words beside the sentence vector in the model, 0.930 / 0.626;
    // with the search words found by QueryTagger instead of the lists of chat words, 0.930 / 0.665; with a
    // search that only changes the last one marked as a refinement, 0.930 / 0.694; with the words naming a
    // product found by a second tagger (QueryTagger.Slot.PRODUCT), 0.930 / 0.709; 2026-12-04 afternoon, with
    // references that name nothing pointing at the product under discussion, 0.939 / 0.742; that night, with
    // a refinement's change in a field of its own and no query words in it, 0.941 / 0.791. 2026-12-04 night,
    // 0.947 / 0.819; read in the labels' own scheme (Reading: a later request's slots in `then`, not mixed into
    // the first's; a refinement's direction, which the labels have no slot for, not a slot), 0.947 / 0.846; with
    // the taggers also learning from lines written for where a product's words begin and end
    // (nlu/tagger-train.jsonl) and no run of them beginning or ending on a preposition or a pronoun, 0.947 / 0.877;
    // with the lines that hold a phrase any held-out set labels taken out of those, 0.947 / 0.873.
    // The floors allow a few misses.
    static final double OTHERS_INTENT_FLOOR = 0.92;
    static final double OTHERS_SLOT_F1_FLOOR = 0.85;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<Event> ALL = com.shopkeeper.conversation.TransitionTable.modelFunctions();

    /** {@code then}: the intents of the later requests of a message of several, in order (LABELS.md). */
    record Labelled(String text, State state, String intent, Map<String, Object> slots, String split, List<String> then) {
    }

    record Outcome(Labelled expected, String intent, String gatedIntent, Map<String, Object> slots, List<String> then,
                   double confidence, String source, String embeddingOnly) {
        boolean intentRight() {
            return expected.intent().equals(intent);
        }
    }

    static final class Score {
        int n;
        int intentRight;
        int gatedRight;
        int embeddingOnlyRight;
        int slotTp;
        int slotFp;
        int slotFn;
        final Map<String, int[]> perIntent = new TreeMap<>();
        final Map<String, Integer> confusions = new TreeMap<>();
        final List<String> misses = new ArrayList<>();
        final double[][] calibration = new double[5][2]; // confidence bucket → [count, right]
        final Map<String, int[]> bySource = new TreeMap<>(); // deciding stage → [count, right]
        final Map<String, int[]> bySlot = new TreeMap<>(); // slot name → [true positives, false positives, false negatives]
        int severalRequests; // lines with later requests, expected or read
        int severalRight; // of those, the same later intents in the same order

        double intentAccuracy() {
            return n == 0 ? 0 : (double) intentRight / n;
        }

        double embeddingOnlyAccuracy() {
            return n == 0 ? 0 : (double) embeddingOnlyRight / n;
        }

        double gatedAccuracy() {
            return n == 0 ? 0 : (double) gatedRight / n;
        }

        double precision() {
            return slotTp + slotFp == 0 ? 1 : (double) slotTp / (slotTp + slotFp);
        }

        double recall() {
            return slotTp + slotFn == 0 ? 1 : (double) slotTp / (slotTp + slotFn);
        }

        double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }
    }

    private static List<Labelled> set;
    private static OfflineLlmProvider provider;

    @BeforeAll
    static void load() throws IOException {
        provider = OfflineLlmProvider.create();
        set = read("/nlu/utterances.jsonl", "split");
        others = read("/nlu/heldout-others.jsonl", "persona");
    }

    /** A labelled file; {@code group} names the field that groups its lines (a split, a persona). */
    static List<Labelled> read(String resource, String group) throws IOException {
        List<Labelled> out = new ArrayList<>();
        try (InputStream in = OfflineNluEvaluationTest.class.getResourceAsStream(resource)) {
            Objects.requireNonNull(in, resource);
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = JSON.readTree(line);
                Map<String, Object> slots = new LinkedHashMap<>();
                n.get("slots").properties().forEach(e -> slots.put(e.getKey(),
                        e.getValue().isNumber() ? e.getValue().decimalValue() : e.getValue().asString()));
                List<String> then = new ArrayList<>();
                if (n.has("then")) {
                    n.get("then").forEach(t -> then.add(t.get("intent").asString()));
                }
                out.add(new Labelled(n.get("text").asString(), State.valueOf(n.get("state").asString()),
                        n.get("intent").asString(), slots, n.get(group).asString(), then));
            }
        }
        return out;
    }

    /** Written by others (LABELS.md, the README of this folder): per persona and all together. */
    private static List<Labelled> others;

    @Test
    void messagesWrittenByOthersAreUnderstood() throws IOException {
        Score all = scoreByOthers(others, "all 10 personas", "heldout-others.jsonl",
                "written apart from the rules and the training data", "nlu-evaluation-others.md");
        assertThat(all.intentAccuracy()).as("intent accuracy on messages written by others").isGreaterThanOrEqualTo(OTHERS_INTENT_FLOOR);
        assertThat(all.f1()).as("slot F1 on messages written by others").isGreaterThanOrEqualTo(OTHERS_SLOT_F1_FLOOR);
    }

    /**
     * A second set by others (heldout-fresh.jsonl, 200 lines in five styles none of the other sets has:
     * Australian slang, Nigerian English, all capitals, long rambling messages, hedged ones), written on
     * 2026-12-04 by a helper who read only LABELS.md, and measured once before anything was changed for
     * it: intent 0.905, slot F1 0.747 (long rambling messages the weakest, 0.85 / 0.60); 2026-12-05, in the
     * labels' scheme (Reading) 0.910 / 0.806, and with the taggers' lines for spans 0.910 / 0.857. The floors allow a
     * few misses below that first measurement.
     */
    @Test
    void messagesWrittenFreshInOtherStylesAreUnderstood() throws IOException {
        assertSetClearsItsFloors("heldout-fresh.jsonl", "all 5 styles", APART, "nlu-evaluation-fresh.md",
                FRESH_INTENT_FLOOR, FRESH_SLOT_F1_FLOOR);
    }

    /**
     * A third set by others (heldout-fresh2.jsonl, 200 lines in five more styles: Singapore English, an
     * older shopper who hesitates, an office buyer, voice-note transcripts, Gen Z slang), written on
     * 2026-12-04 by a helper who read only LABELS.md, and measured once before anything was changed for
     * it: intent 0.935, slot F1 0.735 (in the label scheme as the parse endpoint reports it, Reading); with the
     * taggers' lines for spans, 0.935 / 0.805. The floors allow a few misses below that first measurement.
     */
    @Test
    void messagesInAThirdSetOfStylesAreUnderstood() throws IOException {
        assertSetClearsItsFloors("heldout-fresh2.jsonl", "all 5 styles", APART, "nlu-evaluation-fresh2.md",
                FRESH2_INTENT_FLOOR, FRESH2_SLOT_F1_FLOOR);
    }

    /**
     * A fourth set by others (heldout-fresh3.jsonl, 200 lines in five more styles: South African English,
     * Caribbean English, terse professional, emoji-heavy, second thoughts inside a message), written on
     * 2026-12-05 by a helper who read only LABELS.md, and measured once before anything was changed for it:
     * intent 0.815, slot F1 0.749 (second thoughts 0.70 / 0.38, emoji-heavy 0.70 / 0.84); the same day, with
     * second thoughts read as meant (SecondThoughts) and the rest of that stop, 0.850 / 0.778; with fourteen emoji
     * read as the shopping word they say, 0.870 / 0.776. The floors allow a few misses below that.
     */
    @Test
    void messagesInAFourthSetOfStylesAreUnderstood() throws IOException {
        assertSetClearsItsFloors("heldout-fresh3.jsonl", "all 5 styles", APART, "nlu-evaluation-fresh3.md",
                FRESH3_INTENT_FLOOR, FRESH3_SLOT_F1_FLOOR);
    }

    static final double FRESH3_INTENT_FLOOR = 0.85;
    static final double FRESH3_SLOT_F1_FLOOR = 0.76;

    static final double FRESH2_INTENT_FLOOR = 0.91;
    static final double FRESH2_SLOT_F1_FLOOR = 0.77;

    /**
     * Long messages that tell a story around one request (dev-long-stories.jsonl, 170 lines written on
     * 2026-12-04 by a helper from LABELS.md and a brief of ours: backstory, the product named in one sentence
     * and asked for in another, nouns that are not the product). A development set, not a held-out one: it
     * may be read and worked on. Tried as training data for the intent model and the taggers, it moved the
     * others' sets opposite ways; it is measured here instead. Measured 2026-12-04 with the request read in
     * the sentence that asks (RequestSentence): intent 0.800, slot F1 0.446 (search words 8 of 53 exactly
     * right, product references 14 of 34); later that night, with a sentence that acts read as the request
     * and no story noun taken for the product pointed at, 0.835 / 0.465; 2026-12-05, in the labels' scheme and
     * with the taggers' lines for spans, 0.841 / 0.583. The floors allow a few misses.
     */
    @Test
    void longStoriesAroundOneRequestAreUnderstood() throws IOException {
        assertSetClearsItsFloors("dev-long-stories.jsonl", "all long stories",
                "a development set of long messages, written apart from the rules", "nlu-evaluation-long.md",
                LONG_INTENT_FLOOR, LONG_SLOT_F1_FLOOR);
    }

    /**
     * A development set of short messages in five styles none of the other sets has (dev-slots.jsonl, 200 lines,
     * 2026-12-05, written by a helper from LABELS.md alone: Spanish speakers' English, South Asian WhatsApp
     * English, bare keywords, second thoughts, office buyers). It may be read and worked on: its misses show
     * where the slots go wrong, in phrasing the rules were not written from. Measured before any change for it.
     */
    @Test
    void shortMessagesInFiveMoreStylesAreUnderstood() throws IOException {
        assertSetClearsItsFloors("dev-slots.jsonl", "all 5 styles", "a development set in five new styles, written apart from the rules",
                "nlu-evaluation-dev-slots.md", 0.88, 0.77);
    }

    /**
     * A second development set of short messages (dev-slots2.jsonl, 200 lines, 2026-12-05, seventh stop, written by a
     * helper from LABELS.md alone: Irish English, autocorrect swapping real words, spec-heavy requests, formal British,
     * a parent interrupted mid-message). It may be read and worked on. Measured before any change for it: intent 0.925, slot F1 0.817
     * (autocorrect swaps 0.875 / 0.515).
     */
    @Test
    void shortMessagesInASecondDevelopmentSetAreUnderstood() throws IOException {
        assertSetClearsItsFloors("dev-slots2.jsonl", "all 5 styles", "a development set in five new styles, written apart from the rules",
                "nlu-evaluation-dev-slots2.md", 0.90, 0.79);
    }

    /**
     * Taking a product in one's own words, and near misses that take nothing (dev-taking.jsonl, 160 lines, 2026-12-07,
     * eighteenth stop, written by a helper from LABELS.md alone, in six voices: Scottish and Irish English, Gen Z, Indian
     * learners' English, older formal, Spanish speakers' English, impatient and busy). 90 lines take a product without,
     * mostly, "add" or "cart"; 70 hesitate, admire, ask, decline or change a count. A development set.
     * Measured before any change for it: intent 0.613, slot F1 0.708 (adds 0.44); with the model of taking (trained on
     * other lines, nlu/taking.jsonl, by another helper who did not see this set) 0.656 / 0.746; nineteenth stop, with the last
     * sentence read alone and 320 more lines in twelve other voices by a third helper 0.694 / 0.746; twentieth stop, 300 more
     * lines in fifteen other voices by a fourth helper 0.725 / 0.758. The floors allow a few misses.
     */
    @Test
    void takingAProductInOnesOwnWordsIsUnderstood() throws IOException {
        assertSetClearsItsFloors("dev-taking.jsonl", "all 6 voices", "a development set of taking and not taking, written apart from the rules",
                "nlu-evaluation-dev-taking.md", 0.70, 0.73);
    }

    /**
     * A fifth set by others (heldout-fresh4.jsonl, 200 lines, 2026-12-05, seventh stop; the same five styles as
     * dev-slots2.jsonl, by another helper who read only LABELS.md and not that set). Held out: only its figures are
     * read. Measured before any change: intent 0.905, slot F1 0.720 (autocorrect swaps 0.825 / 0.305).
     */
    @Test
    void messagesInAFifthSetOfStylesAreUnderstood() throws IOException {
        assertSetClearsItsFloors("heldout-fresh4.jsonl", "all 5 styles", APART, "nlu-evaluation-fresh4.md", 0.88, 0.70);
    }

    static final double LONG_INTENT_FLOOR = 0.81;
    static final double LONG_SLOT_F1_FLOOR = 0.55;

    private static final String APART = "written apart from the rules, the training data and the other sets";

    /** A set in the others' labels, grouped by style, scored and reported, against its floors. */
    private static void assertSetClearsItsFloors(String file, String allName, String how, String reportName,
                                                 double intentFloor, double slotF1Floor) throws IOException {
        Score all = scoreByOthers(read("/nlu/" + file, "style"), allName, file, how, reportName);
        assertThat(all.intentAccuracy()).as("intent accuracy on " + file).isGreaterThanOrEqualTo(intentFloor);
        assertThat(all.f1()).as("slot F1 on " + file).isGreaterThanOrEqualTo(slotF1Floor);
    }

    /** A set in the others' labels, scored per group and all together ({@code allName}); the report goes to target/{@code reportName}. */
    private static Score scoreByOthers(List<Labelled> lines, String allName, String file, String how, String reportName) throws IOException {
        Map<String, Score> scores = new LinkedHashMap<>();
        scores.put(allName, new Score());
        for (Labelled l : lines) {
            Outcome o = inLabels(l);
            score(scores.get(allName), o);
            score(scores.computeIfAbsent(l.split(), k -> new Score()), o);
        }
        String report = report(scores, false).replace("over `src/test/resources/nlu/utterances.jsonl`",
                "over `src/test/resources/nlu/" + file + "` (" + how + ")");
        System.out.println(report);
        Path out = Path.of("target", reportName);
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        // The lines missed go to a file of their own: the figures above can be read without reading a held-out line.
        Files.writeString(Path.of("target", reportName.replace(".md", "-misses.md")), misses(scores));
        return scores.get(allName);
    }

    static final double FRESH_INTENT_FLOOR = 0.88;
    static final double FRESH_SLOT_F1_FLOOR = 0.82;

    @Test
    void theSetIsLargeEnoughAndCoversEveryIntent() {
        assertThat(set).hasSizeGreaterThanOrEqualTo(240);
        assertThat(set.stream().filter(l -> l.split().equals("heldout")).count()).isGreaterThanOrEqualTo(80);
        List<String> intents = java.util.stream.Stream.concat(set.stream(), others.stream()).map(Labelled::intent).distinct().toList();
        // The labels name a shop question "shop_question"; the function that answers it is answer_shop_question.
        assertThat(intents).containsAll(ALL.stream().map(e -> e == Event.ANSWER_SHOP_QUESTION ? "shop_question" : e.wireName()).toList())
                .contains(LlmReply.GREETING, LlmReply.HELP, LlmReply.OTHER);
    }

    @Test
    void offlineProviderClearsTheFloorsOnBothSplits() throws IOException {
        Map<String, Score> scores = new LinkedHashMap<>();
        scores.put("tune", new Score());
        scores.put("heldout", new Score());
        for (Labelled l : set) {
            Outcome o = run(l);
            score(scores.get(l.split()), o);
        }
        String report = report(scores, true);
        System.out.println(report);
        Path out = Path.of("target", "nlu-evaluation.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);

        Score tune = scores.get("tune");
        Score heldout = scores.get("heldout");
        assertThat(tune.intentAccuracy()).as("tune intent accuracy").isGreaterThanOrEqualTo(TUNE_INTENT_FLOOR);
        assertThat(tune.f1()).as("tune slot F1").isGreaterThanOrEqualTo(TUNE_SLOT_F1_FLOOR);
        assertThat(heldout.intentAccuracy()).as("held-out intent accuracy").isGreaterThanOrEqualTo(HELDOUT_INTENT_FLOOR);
        assertThat(heldout.f1()).as("held-out slot F1").isGreaterThanOrEqualTo(HELDOUT_SLOT_F1_FLOOR);
        assertThat(tune.embeddingOnlyAccuracy()).as("tune, embedding alone").isGreaterThanOrEqualTo(EMBEDDING_ONLY_FLOOR);
        assertThat(heldout.embeddingOnlyAccuracy()).as("held-out, embedding alone").isGreaterThanOrEqualTo(EMBEDDING_ONLY_FLOOR);
    }

    /**
     * A line of the own set, in its own labels: the function names, and the arguments of every call
     * of the message as its slots.
     */
    private static Outcome run(Labelled l) {
        LlmReply all = provider.generateResponse(request(l, ALL));
        LlmReply gated = provider.generateResponse(request(l, TransitionTable.allowedFunctions(l.state())));
        Map<String, Object> slots = new LinkedHashMap<>();
        for (ToolCall call : all.toolCalls()) {
            JSON.readTree(call.argumentsJson()).properties().forEach(e -> slots.put(
                    e.getKey().equals("product") ? "product_ref" : e.getKey(), value(e.getValue())));
        }
        return outcome(l, all, all.intent(), gated.intent(), slots, List.of());
    }

    /**
     * A line of a set in the others' labels (LABELS.md), read as the admin parse endpoint reports it
     * ({@link Reading}): the first request's intent and slots, the later ones' intents in {@code then}.
     */
    private static Outcome inLabels(Labelled l) {
        LlmReply all = provider.generateResponse(request(l, ALL));
        Reading reading = Reading.of(all, JSON);
        String gated = Reading.of(provider.generateResponse(request(l, TransitionTable.allowedFunctions(l.state()))), JSON).intent();
        Map<String, Object> slots = new LinkedHashMap<>();
        reading.slots().properties().forEach(e -> slots.put(e.getKey(), value(e.getValue())));
        return outcome(l, all, reading.intent(), gated, slots, reading.then().stream().map(Reading::intent).toList());
    }

    private static Outcome outcome(Labelled l, LlmReply all, String intent, String gatedIntent, Map<String, Object> slots,
                                   List<String> then) {
        String source = provider.understand(request(l, ALL)).source();
        // "rule:add" → "rule", "embedding:<example>" → "embedding": which stage decided.
        return new Outcome(l, intent, gatedIntent, slots, then, all.confidence() == null ? 0 : all.confidence(),
                source.substring(0, source.indexOf(':') < 0 ? source.length() : source.indexOf(':')),
                provider.nearestIntent(l.text()));
    }

    private static LlmRequest request(Labelled l, List<Event> offered) {
        return new LlmRequest("", "", List.of(), l.text(), l.state(), offered);
    }

    private static Object value(JsonNode v) {
        return v.isNumber() ? v.decimalValue() : v.asString();
    }

    private static void score(Score s, Outcome o) {
        Labelled l = o.expected();
        s.n++;
        int[] per = s.perIntent.computeIfAbsent(l.intent(), k -> new int[2]);
        per[0]++;
        int bucket = Math.min(4, (int) (o.confidence() * 5));
        s.calibration[bucket][0]++;
        int[] src = s.bySource.computeIfAbsent(o.source(), k -> new int[2]);
        src[0]++;
        if (o.intentRight()) {
            src[1]++;
            s.intentRight++;
            per[1]++;
            s.calibration[bucket][1]++;
        } else {
            s.confusions.merge(l.intent() + " → " + o.intent(), 1, Integer::sum);
        }
        if (l.intent().equals(o.embeddingOnly())) {
            s.embeddingOnlyRight++;
        }
        if (l.intent().equals(o.gatedIntent())) {
            s.gatedRight++;
        }
        int tp = 0;
        for (Map.Entry<String, Object> e : l.slots().entrySet()) {
            int[] slot = s.bySlot.computeIfAbsent(e.getKey(), k -> new int[3]);
            if (o.slots().containsKey(e.getKey()) && same(e.getValue(), o.slots().get(e.getKey()))) {
                tp++;
                slot[0]++;
            } else {
                slot[2]++;
            }
        }
        o.slots().forEach((key, value) -> {
            if (!(l.slots().containsKey(key) && same(l.slots().get(key), value))) {
                s.bySlot.computeIfAbsent(key, k -> new int[3])[1]++;
            }
        });
        // Slots of a wrong intent still count: a wrong call with the right product is half right.
        s.slotTp += tp;
        s.slotFn += l.slots().size() - tp;
        s.slotFp += o.slots().size() - tp;
        boolean thenRight = l.then().equals(o.then());
        if (!l.then().isEmpty() || !o.then().isEmpty()) {
            s.severalRequests++;
            s.severalRight += thenRight ? 1 : 0;
        }
        if (!o.intentRight() || tp != l.slots().size() || o.slots().size() != tp || !thenRight) {
            s.misses.add(String.format(Locale.ROOT, "| %s | `%s` | %s %s%s | %s %s%s |", l.state(), l.text().replace("|", "\\|"),
                    l.intent(), l.slots(), l.then().isEmpty() ? "" : " then " + l.then(),
                    o.intent(), o.slots(), o.then().isEmpty() ? "" : " then " + o.then()));
        }
    }

    static boolean same(Object expected, Object actual) {
        if (expected instanceof BigDecimal a && actual instanceof BigDecimal b) {
            return a.compareTo(b) == 0;
        }
        if (expected instanceof BigDecimal || actual instanceof BigDecimal) {
            try {
                return new BigDecimal(expected.toString().strip()).compareTo(new BigDecimal(actual.toString().strip())) == 0;
            } catch (NumberFormatException e) {
                return false; // one side is a number, the other is not one: a mismatch, not an error
            }
        }
        return expected.toString().strip().equalsIgnoreCase(actual.toString().strip());
    }

    /** The figures of each group, and with {@code withMisses} the lines each missed. */
    private static String report(Map<String, Score> scores, boolean withMisses) {
        StringBuilder r = new StringBuilder("# Offline NLU evaluation\n\n");
        r.append("Provider `offline` (rules + quantized all-MiniLM-L6-v2 fallback) over `src/test/resources/nlu/utterances.jsonl`. ")
                .append("Reproduce: `./sk test -Dtest=OfflineNluEvaluationTest`.\n\n");
        r.append("| split | n | intent accuracy | intent accuracy, state-gated tools | slot precision | slot recall | slot F1 "
                        + "| intent accuracy, embedding fallback alone |\n")
                .append("|---|---|---|---|---|---|---|---|\n");
        scores.forEach((name, s) -> r.append(String.format(Locale.ROOT, "| %s | %d | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f |%n",
                name, s.n, s.intentAccuracy(), s.gatedAccuracy(), s.precision(), s.recall(), s.f1(), s.embeddingOnlyAccuracy())));
        r.append("\nThe last column is an ablation: the nearest bundled example phrasing under MiniLM, with no rule and no state, ")
                .append("for every line. It says how well the fallback does on the messages it would see if the rules missed them.\n");
        scores.forEach((name, s) -> {
            r.append("\n## ").append(name).append("\n\n| intent | n | accuracy |\n|---|---|---|\n");
            s.perIntent.forEach((intent, c) -> r.append(String.format(Locale.ROOT, "| %s | %d | %.2f |%n", intent, c[0],
                    (double) c[1] / c[0])));
            r.append("\nConfidence against accuracy:\n\n| confidence | n | accuracy |\n|---|---|---|\n");
            for (int b = 0; b < 5; b++) {
                double[] c = s.calibration[b];
                if (c[0] > 0) {
                    r.append(String.format(Locale.ROOT, "| %.1f–%.1f | %d | %.2f |%n", b / 5.0, (b + 1) / 5.0, (int) c[0], c[1] / c[0]));
                }
            }
            r.append("\nWhich stage decided:\n\n| stage | n | accuracy |\n|---|---|---|\n");
            s.bySource.forEach((stage, c) -> r.append(String.format(Locale.ROOT, "| %s | %d | %.2f |%n", stage, c[0],
                    (double) c[1] / c[0])));
            r.append("\nSlots by name (a wrong value is a false positive and a false negative):\n\n"
                    + "| slot | expected | right | wrong or extra | missed or wrong | F1 |\n|---|---|---|---|---|---|\n");
            s.bySlot.forEach((slot, c) -> r.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %.2f |%n", slot,
                    c[0] + c[2], c[0], c[1], c[2], c[0] == 0 ? 0 : 2.0 * c[0] / (2 * c[0] + c[1] + c[2]))));
            r.append("\nConfusions (expected → got):\n\n");
            if (s.confusions.isEmpty()) {
                r.append("none\n");
            }
            s.confusions.forEach((k, v) -> r.append("- ").append(k).append(": ").append(v).append('\n'));
            if (s.severalRequests > 0) {
                r.append(String.format(Locale.ROOT, "%nSeveral requests in one message: %d of %d lines that have later requests, "
                        + "expected or read, have the same later intents in the same order.%n", s.severalRight, s.severalRequests));
            }
            if (withMisses) {
                r.append(misses(s));
            }
        });
        return r.toString();
    }

    private static String misses(Map<String, Score> scores) {
        StringBuilder r = new StringBuilder("# Offline NLU evaluation: the lines missed\n");
        scores.forEach((name, s) -> r.append("\n## ").append(name).append('\n').append(misses(s)));
        return r.toString();
    }

    private static String misses(Score s) {
        StringBuilder r = new StringBuilder("\nMisses (intent, slots or later requests):\n\n| state | text | expected | got |\n|---|---|---|---|\n");
        s.misses.forEach(m -> r.append(m).append('\n'));
        return r.toString();
    }
}
