package com.shopkeeper.llm.offline;

import com.shopkeeper.llm.EnglishWords;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * Which words of a search message are the product words (issue 14, slots): "I wonder whether you
 * stock cast iron cookware" → "cast iron cookware", "sho me sum lamps" → "lamps", "any cheaper?" →
 * none. A list of chat words can only drop the chat its author listed; this model learns, from the
 * searches in {@code nlu/train.jsonl} and {@code nlu/tagger-train.jsonl} ({@link #SPANS}) and their
 * labelled {@code query}, how likely each word is to be a product word from the word itself, its
 * letters (so "lammp" and "whatcha" are judged like words it has seen), its neighbours, where it stands and whether the lists of chat words ({@link
 * SearchQuery#productWords}) would keep it, and then takes the one run of consecutive words
 * whose scores add up highest (Kadane's maximum sum), beginning and ending on a word a name can
 * begin or end with: a product name is one phrase, and chat inside it ("toys for a 5 year old") is
 * kept when the words around it outweigh it. A run whose sum is not positive means the message names
 * no product.
 *
 * <p>Written here rather than taken from a library: it is logistic regression over a few dozen
 * hashed features a word, trained deterministically in well under a second (a CRF library would
 * bring a large dependency for the same decision on a few thousand words).
 */
final class QueryTagger {

    private static final int BUCKETS = 1 << 14;
    private static final int EPOCHS = 40;
    private static final double LEARNING_RATE = 0.1;
    private static final double L2 = 1e-5;

    /** A training message: its words (as {@link SearchQuery} leaves them) and which of them are product words. */
    record Tagged(List<String> words, boolean[] product) {
    }

    private final double[] weights;
    /** Every word of the training messages: a word outside it, and outside every list, is one the model knows nothing of. */
    private final Set<String> seen;
    /** Words of the running shop's product names ({@link com.shopkeeper.llm.ProductWords}); none outside an application. */
    private final java.util.function.Predicate<String> shopWords;

    private QueryTagger(double[] weights, Set<String> seen, java.util.function.Predicate<String> shopWords) {
        this.weights = weights;
        this.seen = seen;
        this.shopWords = shopWords;
    }

    /**
     * This model, with {@code shopWords} counted as catalog words beside the bundled demo catalog's:
     * a shop's own brands and product names ("Moonstone", a model number) are product words there.
     */
    QueryTagger withShopWords(java.util.function.Predicate<String> shopWords) {
        return new QueryTagger(weights, seen, shopWords);
    }

    /** What a tagger is trained to find: the search words, or the words that name a product the shopper means. */
    enum Slot {
        QUERY("query", Set.of(Intent.SEARCH_PRODUCTS)),
        PRODUCT("product_ref", Set.of(Intent.ADD_TO_CART, Intent.GET_PRODUCT_DETAILS, Intent.REMOVE_FROM_CART, Intent.SET_QUANTITY));

        final String label;
        final Set<Intent> intents;

        Slot(String label, Set<Intent> intents) {
            this.label = label;
            this.intents = intents;
        }
    }

    private static final Map<Slot, QueryTagger> BUNDLED = new java.util.concurrent.ConcurrentHashMap<>();

    /** The search-words model trained on the bundled training data, once per process. */
    static QueryTagger bundled() {
        return bundled(Slot.QUERY);
    }

    static QueryTagger bundled(Slot slot) {
        return BUNDLED.computeIfAbsent(slot, s -> train(bundledData(s, null)));
    }

    /**
     * Lines written to teach the taggers where a product's words begin and end: modifiers the demo
     * catalog has no word for ("gaming keyboard", "row counters"), and what follows the noun and says
     * what the product is or is for ("desk lamp with a clamp", "toys for a six-year-old"), among chat and
     * story that does not. The intent model does not learn from them.
     */
    static final String SPANS = "nlu/tagger-train.jsonl";

    /**
     * What the bundled taggers learn from: the intent model's lines ({@code style}: only some of them, as
     * {@link #load} takes it), and the lines written for the spans (a style of their own, always all).
     */
    static List<Tagged> bundledData(Slot slot, String style) {
        List<Tagged> data = new ArrayList<>(load(IntentClassifier.RESOURCE, style, slot));
        data.addAll(load(SPANS, null, slot));
        return data;
    }

    /**
     * The product words among {@code words}, in order: the best-scoring run, or none. A run begins and
     * ends on a word that can begin or end a name: never a preposition, an article, a conjunction or a
     * pronoun ("with it" is no product, though "with" often follows one: "desk lamp with a clamp").
     */
    List<String> productWords(List<String> words) {
        int bestStart = 0;
        int bestEnd = 0;
        double best = 0;
        double sum = 0; // the scores of the words so far
        double lowest = Double.POSITIVE_INFINITY; // the lowest sum before a word a run may begin on
        int lowestAt = 0;
        int[] lists = SearchQuery.listSpan(words);
        for (int i = 0; i < words.size(); i++) {
            boolean edge = !NO_EDGE.contains(words.get(i));
            if (edge && sum <= lowest) {
                lowest = sum; // on a tie the later start: no word of nothing at the front
                lowestAt = i;
            }
            sum += score(words, i, lists, shopWords);
            if (edge && sum - lowest > best) {
                best = sum - lowest;
                bestStart = lowestAt;
                bestEnd = i + 1;
            }
        }
        if (bestEnd > bestStart) {
            // A model number nothing has taught it about, right beside the product words ("kettle zq8e",
            // "xq7 speaker", one the index has not told this instance of yet), is part of the name. Only
            // words with a digit: an unknown word of letters is as often a word of another language.
            while (bestStart > 0 && unknown(words.get(bestStart - 1))) {
                bestStart--;
            }
            while (bestEnd < words.size() && unknown(words.get(bestEnd))) {
                bestEnd++;
            }
            // Half of a shop's compound is no product: "also any night lights?" had kept "lights". The word beside
            // the run that makes one of the catalog's two-word names with it ("night light", "desk lamp") belongs to it.
            while (bestStart > 0 && compound(words.get(bestStart - 1), words.get(bestStart))) {
                bestStart--;
            }
            while (bestEnd < words.size() && compound(words.get(bestEnd - 1), words.get(bestEnd))) {
                bestEnd++;
            }
        }
        return words.subList(bestStart, bestEnd);
    }

    /** Whether "{@code a} {@code b}" is two words the catalog's names say together, either in the plural ("night lights"). */
    private static boolean compound(String a, String b) {
        boolean words = !NO_EDGE.contains(a) && !NO_EDGE.contains(b) && !SearchQuery.chat(a) && !SearchQuery.chat(b)
                && Character.isLetter(a.charAt(0)) && Character.isLetter(b.charAt(0)); // "2 desk lamps": a count stays a count
        return words && (Vocabulary.PAIRS.contains(a + " " + b)
                || b.endsWith("s") && Vocabulary.PAIRS.contains(a + " " + b.substring(0, b.length() - 1))
                || b.endsWith("es") && Vocabulary.PAIRS.contains(a + " " + b.substring(0, b.length() - 2))
                || b.endsWith("ies") && Vocabulary.PAIRS.contains(a + " " + b.substring(0, b.length() - 3) + "y"));
    }

    /** Words no product's name begins or ends with. */
    private static final Set<String> NO_EDGE = Set.of("a", "an", "the", "and", "or", "but", "nor", "with", "without", "for",
            "to", "of", "in", "on", "at", "by", "from", "into", "that", "which", "who", "whose", "it", "its", "them",
            "this", "these", "those", "my", "your", "our", "his", "her", "their", "me", "i", "you", "we", "they", "he",
            "she", "us", "him", "some", "any");

    /**
     * Whether {@code word} is (one letter off) a word of a product name, in the demo catalog or this
     * shop's, and no chat or short word ("up", "to") that names also happen to use.
     */
    boolean productWord(String word) {
        // one letter off a catalog word, and no word of English itself: "raquet" is a racquet, "deal" is meant, not "teal"
        // ("curtain" of a shop that sells "curtains" is the same word)
        return productWordAsSpelled(word) || mayName(word) && (!EnglishWords.contains(word) || Vocabulary.singularOf(word))
                && Vocabulary.near(word);
    }

    /** As {@link #productWord}, a word one letter off not counting: "fit" is not "kit". */
    boolean productWordAsSpelled(String word) {
        return mayName(word) && (Vocabulary.known(word) || shopWords.test(word));
    }

    /** Long enough, and no chat or function word, to be a word of a product's name at all. */
    private static boolean mayName(String word) {
        return word.length() >= 3 && !SearchQuery.chat(word) && !OfflineNlu.FUNCTION_WORDS.contains(word);
    }

    /** Whether {@code word} (or its plural) is a word of the bundled demo catalog's names, types or categories. */
    static boolean catalogWord(String word) {
        return Vocabulary.known(word);
    }

    /** Whether {@code word} was in the lines this tagger learned from. */
    boolean saw(String word) {
        return seen.contains(word);
    }

    private boolean unknown(String word) {
        return !seen.contains(word) && word.chars().anyMatch(Character::isDigit) && word.chars().anyMatch(Character::isLetter);
    }

    private double score(List<String> words, int i, int[] lists, java.util.function.Predicate<String> shop) {
        double s = 0;
        for (Map.Entry<Integer, Float> f : features(words, i, lists, shop).entrySet()) {
            s += weights[f.getKey()] * f.getValue();
        }
        return s;
    }

    static QueryTagger train(List<Tagged> data) {
        double[] w = new double[BUCKETS];
        List<Map<Integer, Float>> x = new ArrayList<>();
        List<Boolean> y = new ArrayList<>();
        for (Tagged t : data) {
            int[] lists = SearchQuery.listSpan(t.words());
            for (int i = 0; i < t.words().size(); i++) {
                x.add(features(t.words(), i, lists, word -> false));
                y.add(t.product()[i]);
            }
        }
        // Plain stochastic gradient descent on the log loss, in the data's order: deterministic.
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
            double rate = LEARNING_RATE / (1 + epoch * 0.1);
            for (int n = 0; n < x.size(); n++) {
                double z = 0;
                for (Map.Entry<Integer, Float> f : x.get(n).entrySet()) {
                    z += w[f.getKey()] * f.getValue();
                }
                double g = 1 / (1 + Math.exp(-z)) - (y.get(n) ? 1 : 0);
                for (Map.Entry<Integer, Float> f : x.get(n).entrySet()) {
                    int j = f.getKey();
                    w[j] -= rate * (g * f.getValue() + L2 * w[j]);
                }
            }
        }
        Set<String> seen = new java.util.HashSet<>();
        data.forEach(t -> seen.addAll(t.words()));
        return new QueryTagger(w, Set.copyOf(seen), word -> false);
    }

    /** {@code lists}: where the lists of chat words put the product words, which the model learns when to trust. */
    private static Map<Integer, Float> features(List<String> words, int i, int[] lists, java.util.function.Predicate<String> shop) {
        Map<Integer, Float> f = new TreeMap<>();
        String w = words.get(i);
        String prev = i > 0 ? words.get(i - 1) : "^";
        String next = i + 1 < words.size() ? words.get(i + 1) : "$";
        add(f, "bias", 1);
        add(f, "w:" + w, 1);
        add(f, "p:" + prev, 1);
        add(f, "n:" + next, 1);
        add(f, "p2:" + (i > 1 ? words.get(i - 2) : "^"), 0.5f);
        add(f, "n2:" + (i + 2 < words.size() ? words.get(i + 2) : "$"), 0.5f);
        add(f, "pw:" + prev + " " + w, 1);
        add(f, "wn:" + w + " " + next, 1);
        String marked = "<" + w + ">";
        for (int c = 0; c + 3 <= marked.length(); c++) {
            add(f, "c:" + marked.substring(c, c + 3), 0.3f);
        }
        add(f, "len:" + Math.min(w.length(), 8), 0.5f);
        if (w.chars().allMatch(Character::isDigit)) {
            add(f, "digits", 1);
        }
        add(f, "at:" + (i == 0 ? "first" : i == words.size() - 1 ? "last" : "inside"), 0.5f);
        add(f, i >= lists[0] && i < lists[1] ? "lists:product" : "lists:chat", 1);
        if (Vocabulary.known(w) || shop.test(w)) {
            add(f, "catalog-word", 1);
        } else if (SIZED.matcher(w).matches()) {
            add(f, "sized", 1); // "12-piece", "4-person", "6-pack": a size that is part of a name, never a count
        } else if (!SearchQuery.chat(w) && !OfflineNlu.FUNCTION_WORDS.contains(w) && Vocabulary.near(w)) {
            add(f, "catalog-word", 0.7f); // "raquet", "balck": one letter off a catalog word (a feature, never a correction)
        }
        if (SearchQuery.chat(w)) {
            add(f, "listed-chat", 1);
        }
        return f;
    }

    /**
     * The words of the bundled demo catalog's names, categories and product types: what product words
     * look like in a shop. A prior, not a lookup: a shop selling other things still names products with
     * words of this kind, and the letters and neighbours decide for a word that is not here.
     */
    private static final class Vocabulary {
        private static final java.util.regex.Pattern WORD = java.util.regex.Pattern.compile("[\\p{L}\\p{N}']+");
        static final java.util.Set<String> WORDS = load();
        /** Two words side by side in a catalog name or product type ("night light", "desk lamp", "lamp matte"). */
        static final java.util.Set<String> PAIRS = pairs();
        /** Each catalog word of four letters or more with one letter left out: the other half of a one-edit match. */
        private static final java.util.Set<String> SHORTENED = shortened(WORDS);

        /** A catalog word, or its plural ("lamps", "boxes", "batteries"). */
        static boolean known(String w) {
            return WORDS.contains(w) || w.endsWith("s") && WORDS.contains(w.substring(0, w.length() - 1))
                    || w.endsWith("es") && WORDS.contains(w.substring(0, w.length() - 2))
                    || w.endsWith("ies") && WORDS.contains(w.substring(0, w.length() - 3) + "y");
        }

        /** The singular of a catalog word ("curtain" of "curtains", "glass" of "glasses"). */
        static boolean singularOf(String w) {
            return WORDS.contains(w + "s") || WORDS.contains(w + "es");
        }

        /** One letter off a catalog word (left out, added, changed or two swapped), for words of four letters or more. */
        static boolean near(String w) {
            if (w.length() < 4) {
                return false;
            }
            if (SHORTENED.contains(w)) {
                return true; // a letter added
            }
            for (String d : Correction.deletions(w)) {
                if (WORDS.contains(d) || SHORTENED.contains(d)) {
                    return true; // a letter left out, or changed / swapped
                }
            }
            return false;
        }

        private static java.util.Set<String> shortened(java.util.Set<String> words) {
            java.util.Set<String> out = new java.util.HashSet<>();
            words.stream().filter(w -> w.length() >= 4).forEach(w -> out.addAll(Correction.deletions(w)));
            return java.util.Set.copyOf(out);
        }

        private static java.util.Set<String> pairs() {
            java.util.Set<String> pairs = new java.util.HashSet<>();
            for (JsonNode n : JsonLines.read(CATALOG)) {
                for (String text : List.of(n.path("name").asString(""), n.path("attributes").path("type").asString(""))) {
                    List<String> in = new java.util.ArrayList<>();
                    java.util.regex.Matcher m = WORD.matcher(text.toLowerCase(java.util.Locale.ROOT));
                    while (m.find()) {
                        in.add(m.group());
                    }
                    for (int i = 0; i + 1 < in.size(); i++) {
                        pairs.add(in.get(i) + " " + in.get(i + 1));
                    }
                }
            }
            return java.util.Set.copyOf(pairs);
        }

        private static java.util.Set<String> load() {
            java.util.Set<String> words = new java.util.HashSet<>();
            for (JsonNode n : JsonLines.read(CATALOG)) {
                StringBuilder text = new StringBuilder(n.path("name").asString("")).append(' ')
                        .append(n.path("attributes").path("type").asString(""));
                n.path("categories").forEach(c -> text.append(' ').append(c.asString("")));
                java.util.regex.Matcher m = WORD.matcher(text.toString().toLowerCase(java.util.Locale.ROOT));
                while (m.find()) {
                    words.add(m.group());
                }
            }
            return java.util.Set.copyOf(words);
        }
    }

    static final String CATALOG = "catalog/demo-products.jsonl";

    private static void add(Map<Integer, Float> f, String feature, float value) {
        int h = feature.hashCode() * 0x9E3779B9;
        f.merge((h ^ (h >>> 16)) & (BUCKETS - 1), value, Float::sum);
    }

    /**
     * The lines of {@code slot}'s intents in a labelled file whose slot can be found among the
     * message's words, tagged (a product reference that is a position, a sku or "last" names no words);
     * {@code style}: only that style's lines, or (with a leading '!') all but that style's, or null for all.
     */
    static List<Tagged> load(String resource, String style, Slot slot) {
        List<Tagged> out = new ArrayList<>();
        for (JsonNode n : JsonLines.read(resource)) {
            String s = n.path("style").asString("");
            if (style != null && (style.startsWith("!") ? s.equals(style.substring(1)) : !s.equals(style))) {
                continue;
            }
            String intent = n.get("intent").asString();
            if (slot.intents.stream().noneMatch(i -> i.wireName().equals(intent))) {
                continue;
            }
            String words = n.get("slots").path(slot.label).asString("");
            if (NOT_WORDS.matcher(words).matches()) {
                words = "";
            }
            Tagged t = tagged(n.get("text").asString(), words);
            if (t != null) {
                out.add(t);
            }
        }
        return out;
    }

    private static final java.util.regex.Pattern SIZED = java.util.regex.Pattern.compile("\\d{1,4}-[a-z]{3,}+");
    private static final java.util.regex.Pattern NOT_WORDS = java.util.regex.Pattern.compile("\\d+|last|[a-zA-Z]{2,4}-\\d{3,8}");

    /** {@code text}'s words with {@code query}'s marked, or null when the query is not a run of them. */
    static Tagged tagged(String text, String query) {
        List<String> words = SearchQuery.words(Utterance.of(text));
        boolean[] product = new boolean[words.size()];
        List<String> q = SearchQuery.split(Utterance.of(query).bare());
        if (q.isEmpty()) {
            return new Tagged(words, product);
        }
        int at = Collections.indexOfSubList(words, q);
        if (at < 0) {
            return null;
        }
        for (int i = at; i < at + q.size(); i++) {
            product[i] = true;
        }
        return new Tagged(words, product);
    }
}
