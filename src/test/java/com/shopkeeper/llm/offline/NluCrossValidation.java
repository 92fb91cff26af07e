package com.shopkeeper.llm.offline;

import com.shopkeeper.conversation.Event;
import com.shopkeeper.conversation.TransitionTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Leave-one-style-out cross-validation of the offline understanding over its own training data
 * ({@code nlu/train.jsonl}): for each style (terse, textspeak, voice, mixed language...), the intent
 * model is trained on every other style and the whole pipeline (rules, model, what decides when the
 * model is unsure) reads the left-out style's messages. So the policy is chosen on messages in a
 * style the model never saw, not on the others' set, which stays untouched.
 *
 * <p>Not a test (it trains fifteen models, a few minutes): {@code ./sk -Pnlu-cv verify}. Writes
 * {@code target/nlu-cross-validation.md}.
 */
public final class NluCrossValidation {

    private static final List<Event> ALL = TransitionTable.modelFunctions();

    record Policy(float lexical, double confident, OfflineNlu.Unsure unsure) {
        @Override
        public String toString() {
            return "words weigh " + lexical + ", model decides at p >= " + confident + ", unsure: " + unsure;
        }
    }

    public static void main(String[] args) throws IOException {
        // The training lines, grouped by their style (in Labelled's split field).
        List<OfflineNluEvaluationTest.Labelled> lines = OfflineNluEvaluationTest.read("/" + IntentClassifier.RESOURCE, "style");
        String queries = queries(lines) + "\n" + references(lines);
        System.out.println(queries);
        if ("query".equals(System.getenv("NLU_CV"))) {
            return; // NLU_CV=query: only the search words (a few seconds)
        }
        List<Policy> policies = new ArrayList<>();
        Policy today = new Policy(IntentClassifier.LEXICAL, OfflineNlu.CONFIDENT, OfflineNlu.UNSURE);
        if ("today".equals(System.getenv("NLU_CV"))) {
            policies.add(today); // NLU_CV=today: only today's policy, with the rules against the model's guess
        } else {
            for (float lexical : new float[] {0, 0.5f, 1, 2}) {
                for (double c : new double[] {0.5, 0.4}) {
                    policies.add(new Policy(lexical, c, OfflineNlu.UNSURE));
                }
            }
        }
        // Under today's policy, each rule or override that decided, against what the model alone would have said.
        Map<String, int[]> versusModel = new TreeMap<>();
        // Each fold embeds the same lines again: remember them.
        MiniLmEmbeddings model = new MiniLmEmbeddings();
        Map<String, float[]> seen = new java.util.concurrent.ConcurrentHashMap<>();
        MiniLmEmbeddings embeddings = new MiniLmEmbeddings(texts -> texts.stream().map(t -> seen.computeIfAbsent(t, model::embed)).toList());
        EmbeddingIntents examples = EmbeddingIntents.bundled(embeddings);
        Map<Policy, int[]> overall = new LinkedHashMap<>();
        Map<Policy, Map<String, int[]>> byStyle = new LinkedHashMap<>();
        Map<Policy, Map<String, int[]>> byStage = new LinkedHashMap<>();
        List<String> styles = lines.stream().map(OfflineNluEvaluationTest.Labelled::split).distinct().sorted().toList();
        for (String style : styles) {
            List<IntentClassifier.Example> training = lines.stream().filter(l -> !l.split().equals(style))
                    .map(l -> new IntentClassifier.Example(l.text(), l.state(), l.intent())).toList();
            Map<Float, IntentClassifier> classifiers = new java.util.HashMap<>();
            for (Policy policy : policies) {
                IntentClassifier classifier = classifiers.computeIfAbsent(policy.lexical(),
                        lexical -> new IntentClassifier(embeddings, training, lexical));
                OfflineNlu nlu = new OfflineNlu(examples, classifier, policy.confident(), policy.unsure());
                for (OfflineNluEvaluationTest.Labelled l : lines) {
                    if (!l.split().equals(style)) {
                        continue;
                    }
                    Understanding u = nlu.understand(l.text(), l.state(), ALL);
                    String got = u.intent() == Intent.ASK_FOR_PERSON ? "help" : u.intent().wireName();
                    int right = got.equals(l.intent()) ? 1 : 0;
                    if (right == 0 && System.getenv("NLU_CV_WRONG") != null) {
                        // every line read wrongly, to compare two versions line by line (sort and diff the WRONG lines)
                        System.out.printf("WRONG %s | %s | %s | label %s | got %s by %s%n", style, l.state(), l.text(), l.intent(), got, u.source());
                    }
                    add(overall.computeIfAbsent(policy, k -> new int[2]), right);
                    add(byStyle.computeIfAbsent(policy, k -> new TreeMap<>()).computeIfAbsent(style, k -> new int[2]), right);
                    String stage = u.source().indexOf(':') < 0 ? u.source() : u.source().substring(0, u.source().indexOf(':'));
                    add(byStage.computeIfAbsent(policy, k -> new TreeMap<>()).computeIfAbsent(stage, k -> new int[2]), right);
                    if (policy.equals(today) && !stage.equals("model")) {
                        IntentClassifier.Prediction guess = classifier.predict(l.text(), l.state());
                        int[] n = versusModel.computeIfAbsent(u.source(), k -> new int[3]);
                        n[0]++;
                        n[1] += right;
                        n[2] += guess != null && guess.intent().equals(l.intent()) ? 1 : 0;
                        if (System.getenv("NLU_CV_MISSES") != null) {
                            System.out.printf("RULE %s | %s | %s | label %s | rule %s | model %s %.2f%n", u.source(), l.state(), l.text(),
                                    l.intent(), got, guess == null ? "-" : guess.intent(), guess == null ? 0 : guess.probability());
                        }
                    }
                }
            }
            System.out.println("fold " + style + " done");
        }
        StringBuilder r = new StringBuilder("# Offline NLU, leave-one-style-out cross-validation\n\n")
                .append(lines.size()).append(" lines of `nlu/train.jsonl` in ").append(styles.size())
                .append(" styles; intent accuracy on each style with the model trained on the others.\n\n| policy | all |");
        styles.forEach(s -> r.append(' ').append(s).append(" |"));
        r.append("\n|---|---|").append("---|".repeat(styles.size())).append('\n');
        for (Policy p : policies) {
            r.append("| ").append(p).append(" | ").append(pct(overall.get(p))).append(" |");
            styles.forEach(s -> r.append(' ').append(pct(byStyle.get(p).get(s))).append(" |"));
            r.append('\n');
        }
        r.append("\nWhich stage decided, and how often it was right:\n\n");
        for (Policy p : policies) {
            r.append("- ").append(p).append(": ");
            byStage.get(p).forEach((stage, n) -> r.append(stage).append(' ').append(n[0]).append(" at ").append(pct(n)).append("; "));
            r.append('\n');
        }
        r.append("\nUnder today's policy, each stage other than the confident model that decided, against the model's own "
                + "most likely intent on the same lines:\n\n| decided by | lines | it was right | the model would have been |\n|---|---|---|---|\n");
        versusModel.entrySet().stream().sorted((a, b) -> Integer.compare(b.getValue()[0], a.getValue()[0])).forEach(e -> r.append(
                String.format(java.util.Locale.ROOT, "| %s | %d | %d | %d |%n", e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2])));
        r.append('\n').append(queries);
        System.out.println(r);
        Path out = Path.of("target", "nlu-cross-validation.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, r);
    }

    /**
     * The search words, leave-one-style-out: the {@link QueryTagger} trained on the other styles'
     * searches against the lists of chat words alone; a query is right when it is exactly the labelled
     * one (none when the label has none).
     */
    private static String queries(List<OfflineNluEvaluationTest.Labelled> lines) {
        return taggers(lines, QueryTagger.Slot.QUERY, "## Search words\n\nSearches of each style, query exactly as labelled, with "
                + "the tagger trained on the other styles:\n\n| style | searches | lists of chat words | tagger |\n|---|---|---|---|\n",
                (l, tagger) -> {
                    Utterance u = Utterance.of(l.text());
                    return SearchQuery.in(u, tagger).callQuery(u).orElse("");
                });
    }

    /** The product references the same way: the rules alone against the rules with the names tagger. */
    private static String references(List<OfflineNluEvaluationTest.Labelled> lines) {
        return taggers(lines, QueryTagger.Slot.PRODUCT, "## Product references\n\nLines whose intent takes a product, the reference "
                + "exactly as labelled, the names tagger trained on the other styles:\n\n| style | lines | rules | rules + tagger |\n"
                + "|---|---|---|---|\n", (l, tagger) -> {
                    Utterance u = Utterance.of(l.text());
                    return ProductRef.in(u, u.text(), l.intent().equals(Intent.GET_PRODUCT_DETAILS.wireName()), tagger).orElse("");
                });
    }

    /**
     * For each style, {@code slot}'s tagger trained on the other styles; on that style's lines of the
     * slot's intents, {@code reading} with no tagger (the rules) against with it, each right when it is
     * exactly the label. {@code NLU_CV_MISSES} prints the lines where the two differ.
     */
    private static String taggers(List<OfflineNluEvaluationTest.Labelled> lines, QueryTagger.Slot slot, String heading,
                                  java.util.function.BiFunction<OfflineNluEvaluationTest.Labelled, QueryTagger, String> reading) {
        Map<String, int[]> rules = new TreeMap<>();
        Map<String, int[]> tagged = new TreeMap<>();
        int[] allRules = new int[2];
        int[] allTagged = new int[2];
        for (String style : lines.stream().map(OfflineNluEvaluationTest.Labelled::split).distinct().sorted().toList()) {
            // The other styles' lines, and the lines written for the spans (never held out here).
            QueryTagger tagger = QueryTagger.train(QueryTagger.bundledData(slot, "!" + style));
            for (OfflineNluEvaluationTest.Labelled l : lines) {
                if (!l.split().equals(style) || slot.intents.stream().noneMatch(i -> i.wireName().equals(l.intent()))) {
                    continue;
                }
                String expected = String.valueOf(l.slots().getOrDefault(slot.label, ""));
                String byRules = reading.apply(l, null);
                String byTagger = reading.apply(l, tagger);
                int rulesRight = OfflineNluEvaluationTest.same(expected, byRules) ? 1 : 0;
                int taggerRight = OfflineNluEvaluationTest.same(expected, byTagger) ? 1 : 0;
                if (System.getenv("NLU_CV_MISSES") != null && taggerRight != rulesRight) {
                    System.out.println((taggerRight > rulesRight ? "GAIN " : "LOSS ") + style + " | " + l.text() + " | expected "
                            + expected + " | tagger " + byTagger + " | rules " + byRules);
                }
                if (System.getenv("NLU_CV_WRONG") != null && taggerRight == 0) {
                    System.out.println("WRONG " + slot + " " + style + " | " + l.state() + " | " + l.text() + " | expected " + expected
                            + " | got " + byTagger);
                }
                add(rules.computeIfAbsent(style, k -> new int[2]), rulesRight);
                add(tagged.computeIfAbsent(style, k -> new int[2]), taggerRight);
                add(allRules, rulesRight);
                add(allTagged, taggerRight);
            }
        }
        StringBuilder r = new StringBuilder(heading);
        r.append("| all | ").append(allRules[0]).append(" | ").append(pct(allRules)).append(" | ").append(pct(allTagged)).append(" |\n");
        rules.forEach((style, n) -> r.append("| ").append(style).append(" | ").append(n[0]).append(" | ").append(pct(n))
                .append(" | ").append(pct(tagged.get(style))).append(" |\n"));
        return r.toString();
    }

    private static void add(int[] n, int right) {
        n[0]++;
        n[1] += right;
    }

    private static String pct(int[] n) {
        return n == null || n[0] == 0 ? "–" : String.format(java.util.Locale.ROOT, "%.3f", (double) n[1] / n[0]);
    }
}
