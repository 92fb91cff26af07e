package com.shopkeeper.llm.offline;

import com.shopkeeper.conversation.Event;
import com.shopkeeper.conversation.State;
import com.shopkeeper.llm.BotWords;
import com.shopkeeper.llm.LlmProvider;
import com.shopkeeper.llm.LlmReply;
import com.shopkeeper.llm.LlmRequest;
import com.shopkeeper.llm.ToolCall;
import com.shopkeeper.llm.Usage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;

/**
 * The provider that needs no key and no network: rules plus an in-process sentence model
 * ({@link OfflineNlu}). It reads the shopper's latest message and the conversation state, and of the history only the
 * last exchange: the bot's last reply, which a short answer may answer ("2" after "How many?"), a correction may
 * correct ("*green" after "Added 1 × *White Rope*") or "undo" may take back; the context is for real models.
 *
 * <p>When the best reading is a function the state does not offer ("remove the lamp" while
 * browsing), the reply still names that intent but carries no tool call: the engine then refuses
 * with a reason the shopper understands ("your cart is empty"), which is more useful than quietly
 * doing something else they did not ask for. The one exception is checkout versus pay, which are the
 * same wish at two moments; {@link OfflineNlu} maps one to the other by the tools offered.
 */
public final class OfflineLlmProvider implements LlmProvider {

    static final String NAME = "offline";
    static final String USAGE_MODEL = "offline-rules-minilm";
    // Prices are BigDecimal in the slots and are written as exact JSON numbers (49.99, 500).
    private static final JsonMapper JSON = JsonMapper.builder().build();

    static final String GREETING_TEXT = "Hi! 👋 I can help you find products, add them to your cart and check out. "
            + "What are you looking for today?";
    static final String HELP_TEXT = "You can ask me things like \"show me lamps under 50\", \"tell me about the second one\", "
            + "\"add 2 to my cart\", \"what's in my cart\", \"checkout\" or \"where is my order\".";
    static final String WELCOME_TEXT = "You're welcome! Anything else I can find for you?";
    static final String REMARK_TEXT = "I understand. Prices are set by the shop, so I can't change them here, and nothing in your cart "
            + "has changed. Say *cheaper* and I'll look for something that costs less, or take your time.";
    static final String HESITATE_TEXT = "Take your time, nothing in your cart has changed. Ask me anything about the products, "
            + "or tell me when you've decided.";
    static final String NO_PROBLEM_TEXT = "No problem, nothing more added. Anything else I can find for you?";
    static final String MORE_SHOPPING_TEXT = "Sure! What are you looking for? Tell me and I'll find it.";
    // Thanks, goodbyes and "no thanks" are understood, not "didn't quite get that".
    private static final Pattern THANKS = Pattern.compile(
            "\\b(?:thanks|thank you|cheers|bye|goodbye|see you|that's all|that's it|no thanks|nothing else)\\b");


    private final OfflineNlu nlu;
    private final MiniLmEmbeddings embeddings;
    private final AtomicLong callIds = new AtomicLong();

    OfflineLlmProvider(OfflineNlu nlu, MiniLmEmbeddings embeddings) {
        this.nlu = nlu;
        this.embeddings = embeddings;
    }

    /** A provider with the bundled rules and examples and a model session of its own, outside Spring (tests, tools). */
    public static OfflineLlmProvider create() {
        return create(new MiniLmEmbeddings());
    }

    /** A provider that embeds through the application's one shared model (no second ONNX session). */
    static OfflineLlmProvider create(com.shopkeeper.llm.EmbeddingModel shared) {
        return create(new MiniLmEmbeddings(shared::embedAll));
    }

    private static OfflineLlmProvider create(MiniLmEmbeddings embeddings) {
        return new OfflineLlmProvider(new OfflineNlu(EmbeddingIntents.bundled(embeddings), IntentClassifier.bundled(embeddings)),
                embeddings);
    }

    /** This provider, knowing the words of the shop's own product names (its search words then keep a brand the demo catalog lacks). */
    OfflineLlmProvider withShopWords(com.shopkeeper.llm.ProductWords shopWords) {
        return new OfflineLlmProvider(nlu.withShopWords(shopWords::names), embeddings);
    }

    /** Trains the intent model in the background now rather than at the first message. */
    OfflineLlmProvider warmUp() {
        nlu.warmUp();
        return this;
    }

    /** The embedding fallback's reading alone, without any rule: how good the fallback is, for the evaluation. */
    String nearestIntent(String text) {
        return nlu.nearestIntent(text);
    }

    /** The understanding behind a reply, with the rule or example that decided it; for the evaluation. */
    Understanding understand(LlmRequest request) {
        return nlu.understand(request.userText(), request.state(), request.tools());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public LlmReply generateResponse(LlmRequest request) {
        List<Understanding> all = noLineToChange(request, corrected(request).or(() -> answersTheBot(request)).or(() -> multiplied(request))
                .map(List::copyOf).orElseGet(() -> readInContext(request, nlu.understandAll(request.userText(), request.state(), request.tools()))));
        Understanding u = all.getFirst();
        // Several requests in one message: every one is a call, and the engine gates each in the
        // state the one before it left. One request: a call only when this state offers it.
        if (u.ask() != null) {
            // Understood, but acting would be a guess: the question, and nothing done.
            return new LlmReply(u.ask(), List.of(), u.intent().wireName(), u.confidence(), Usage.none(USAGE_MODEL));
        }
        List<ToolCall> calls = all.size() > 1
                ? all.stream().map(this::call).toList()
                : u.intent().function().filter(request.tools()::contains).map(f -> List.of(call(u))).orElse(List.of());
        String text = switch (u.intent()) {
            case GREETING -> GREETING_TEXT;
            case HELP -> HELP_TEXT;
            // Not understood: no words of its own, so the engine says so and counts it (twice in a row, a person takes over).
            case OTHER -> otherText(u, Utterance.of(request.userText()).bare());
            // A function intent: the call speaks for it, or the engine explains why it cannot run now.
            default -> null;
        };
        return new LlmReply(text, calls, u.intent().wireName(), u.confidence(), Usage.none(USAGE_MODEL));
    }

    /**
     * The steps that read the message again against what the context shows (the cart, the list, the product in focus, the
     * last exchange), in this order, each given what the one before it made of the message.
     */
    private static final List<java.util.function.BiFunction<LlmRequest, List<Understanding>, List<Understanding>>> IN_CONTEXT = List.of(
            OfflineLlmProvider::countNoName, OfflineLlmProvider::chosenThen, OfflineLlmProvider::sameAgain,
            OfflineLlmProvider::swapKeepsCount, OfflineLlmProvider::sameCount, OfflineLlmProvider::ofTheSizeShown,
            OfflineLlmProvider::aNameOnTheList, OfflineLlmProvider::aLineOfTheList, OfflineLlmProvider::ofTheOnlyOne,
            OfflineLlmProvider::ofALine, OfflineLlmProvider::ofTheFocusLine, OfflineLlmProvider::ofANamedLine,
            OfflineLlmProvider::continuedAdd, OfflineLlmProvider::askedOfTheFocus);

    private List<Understanding> readInContext(LlmRequest request, List<Understanding> read) {
        List<Understanding> all = nothingToLookAt(request, read);
        for (var step : IN_CONTEXT) {
            all = step.apply(request, all);
        }
        return all;
    }

    /**
     * "DOG HARNESS SIZE L", "... the little one wakes up at 2am ... So, do you have night lights?" read as a look, with no list
     * shown, nothing in focus and an empty cart: nothing the look could be of, so what the message names is looked for.
     */
    private List<Understanding> nothingToLookAt(LlmRequest request, List<Understanding> all) {
        Understanding u = all.getFirst();
        String context = request.context() == null ? "" : request.context();
        // only where the engine wrote the context (an empty cart said so) and the look names no product, or asks whether the shop has one
        if (all.size() != 1 || u.intent() != Intent.GET_PRODUCT_DETAILS || request.state() != State.BROWSING
                || !context.contains(EMPTY_CART) || !contextLine(context, LAST_SHOWN).isEmpty() || !contextLine(context, FOCUS).isEmpty()
                || !request.tools().contains(Event.SEARCH_PRODUCTS)
                || u.slots().containsKey("product") && !DO_YOU_HAVE.matcher(Utterance.of(request.userText()).bare()).find()) {
            return all;
        }
        Understanding looked = nlu.lookedFor(request.userText(), request.state(), u.confidence(), u.source() + "+nothing-shown");
        return looked.slots().get("query") instanceof String q && !q.isBlank() ? List.of(looked) : all;
    }

    private static final String EMPTY_CART = "Cart: empty";
    private static final Pattern DO_YOU_HAVE = Pattern.compile("\\b(?:do\\s(?:you|u)\\s(?:have|sell|stock|carry|do)|have\\s(?:you|u)\\sgot|got\\sany)\\b");

    /** "make that four his friends are coming to": the count's word is no product's name. */
    private static List<Understanding> countNoName(LlmRequest request, List<Understanding> all) {
        // "2" as a product is a place on the list ("add 2 of the second"); only the count's word is dropped
        return all.stream().map(u -> u.slots().get("product") instanceof String p && u.slots().get("quantity") instanceof Integer q
                && p.chars().allMatch(Character::isLetter) && Quantity.value(p).equals(java.util.OptionalInt.of(q)) ? withoutProduct(u) : u).toList();
    }

    private static Understanding withoutProduct(Understanding u) {
        Map<String, Object> slots = new LinkedHashMap<>(u.slots());
        slots.remove("product");
        return new Understanding(u.intent(), slots, u.confidence(), u.source() + "+count-no-name", u.ask());
    }

    /** "fine the purple one then", "ok the Kai one then": a product chosen, said as a decision (its "then"). */
    private static final Pattern CHOSEN_THEN = Pattern.compile("^(?:(?:ok|okay|fine|right|alright|well|oh well|ugh|so)[,.!]?+\\s)*+"
            + "(?:the|that)\\s((?:[a-z0-9'&-]++\\s){0,3}?)(?:one|ones)\\s(?:then|instead)[.!]*+$");

    /**
     * "fine the purple one then" with the cart open, read as a look at the cart or at it: a product chosen, added, when no
     * line of the cart is it ("the moon one then", with the moon light in the cart, is no second one).
     */
    private static List<Understanding> chosenThen(LlmRequest request, List<Understanding> read) {
        Matcher chosen = CHOSEN_THEN.matcher(Utterance.of(request.userText() == null ? "" : request.userText()).bare());
        if (request.state() != State.CART || read.size() != 1 || !chosen.matches() || chosen.group(1).isBlank()
                || !(read.getFirst().intent() == Intent.VIEW_CART || read.getFirst().intent() == Intent.GET_PRODUCT_DETAILS
                || read.getFirst().intent() == Intent.OTHER)) {
            return read;
        }
        String ref = chosen.group(1).strip();
        List<String> words = SPACE.splitAsStream(ref).toList();
        boolean aLine = cartLines(request.context()).stream()
                .anyMatch(line -> SPACE.splitAsStream(line.name().toLowerCase(java.util.Locale.ROOT)).toList().containsAll(words));
        return aLine ? read : List.of(new Understanding(Intent.ADD_TO_CART, Map.of("product", ref), 0.8, "rule:chosen-then"));
    }

    /**
     * A count set for a product named, when there is no line to set ("actually. just kids toothbrush x1" with the cart just
     * emptied, so this state offers no change of count): that many of it, added.
     */
    private static List<Understanding> noLineToChange(LlmRequest request, List<Understanding> all) {
        Understanding u = all.getFirst();
        return all.size() == 1 && u.intent() == Intent.SET_QUANTITY && u.ask() == null && u.slots().get("product") instanceof String
                && u.slots().containsKey("quantity") && !request.tools().contains(Event.SET_QUANTITY) && request.tools().contains(Event.ADD_TO_CART)
                ? List.of(new Understanding(Intent.ADD_TO_CART, u.slots(), u.confidence(), u.source() + "+no-line")) : all;
    }

    /** What to say to a message that asks for nothing: a remark, a "no thanks", thanks; null when it was not understood. */
    private static String otherText(Understanding u, String bare) {
        if (u.source().equals(OfflineNlu.MORE_SHOPPING)) {
            return MORE_SHOPPING_TEXT; // "wait i want to add something else"
        }
        if (u.source().equals(OfflineNlu.REMARKED)) {
            return REMARK_TEXT; // "at the mall it's 180", "rip off mate"
        }
        if (u.source().equals(OfflineNlu.HESITATED)) {
            return HESITATE_TEXT; // "let me think about it": no price was questioned
        }
        if (u.source().equals(OfflineNlu.TAKEN_BACK) || OfflineNlu.declines(bare)) {
            return NO_PROBLEM_TEXT;
        }
        return THANKS.matcher(bare).find() ? WELCOME_TEXT : null;
    }

    /**
     * A short answer to the question the bot asked in the turn before: "3" after "How many would you like?" is that many of
     * what the shopper asked to add then (not the third product of a list); "both" or "all of them" after "Which one do
     * you mean?" with two or three choices is an add of each. Empty when the message answers no such question.
     */
    private Optional<List<Understanding>> answersTheBot(LlmRequest request) {
        Optional<Exchange> last = lastExchange(request);
        if (last.isEmpty()) {
            return Optional.empty();
        }
        String asked = last.get().answered();
        String said = request.userText() == null ? "" : request.userText();
        String bare = Utterance.of(said).bare();
        if (request.state() == State.CART && OfflineNlu.undoes(bare)) {
            return Optional.of(List.of(undone(asked)));
        }
        // "3", or who they are for: "oh right, it's me, my wife and our twins" (4)
        OptionalInt heads = HeadCount.listed(said);
        // "round up, 4 then": a short answer whose one number is the count
        OptionalInt only = onlyANumber(bare);
        String lower = said.toLowerCase(java.util.Locale.ROOT); // "Five units please", as the count's rules read it
        if (asked.contains(OfflineNlu.HOW_MANY_ASKED) && (Quantity.isWholeMessage(lower) || heads.isPresent() || only.isPresent())) {
            OptionalInt count = Quantity.isWholeMessage(lower) ? Quantity.in(lower) : heads.isPresent() ? heads : only;
            Understanding before = nlu.understand(last.get().said(), request.state(), request.tools());
            if (count.isPresent() && before.intent() == Intent.ADD_TO_CART) {
                Map<String, Object> slots = new LinkedHashMap<>(before.slots());
                slots.put("quantity", count.getAsInt());
                return Optional.of(List.of(new Understanding(Intent.ADD_TO_CART, slots, 0.9, "answer:how-many")));
            }
        }
        OptionalInt alone = request.state() == State.CART && request.tools().contains(Event.SET_QUANTITY) && Quantity.isWholeMessage(lower)
                && !MORE_OF.matcher(lower).find() ? Quantity.in(lower) : OptionalInt.empty();
        if (alone.isPresent()) {
            // a count alone, not "4 more", with the cart open: how many in all, of what the last exchange left unsaid
            Matcher added = BotWords.ADDED.matcher(asked);
            if (added.lookingAt() && added.group(1).equals("1") && alone.getAsInt() >= 2
                    && Quantity.in(Utterance.of(last.get().said()).text()).isEmpty()) {
                // "add" then "four": the count the add left unsaid, so four of it in all (not one and four more); "add 1" then
                // "four" is not this
                return Optional.of(List.of(new Understanding(Intent.SET_QUANTITY,
                        OfflineNlu.productAndCount(added.group(2), alone.getAsInt()), 0.9, "answer:count-after-add")));
            }
            Matcher now = BotWords.NOW.matcher(asked);
            if (now.lookingAt() && !now.group(1).equals(String.valueOf(alone.getAsInt()))) {
                // "dozen" set the line to 12, then "eight": the shopper still saying how many in all
                return Optional.of(List.of(new Understanding(Intent.SET_QUANTITY,
                        OfflineNlu.productAndCount(now.group(2), alone.getAsInt()), 0.9, "answer:count-after-a-change")));
            }
            Understanding before = nlu.understand(last.get().said(), request.state(), request.tools());
            if (before.source().endsWith(OfflineNlu.NO_QUANTITY)) {
                // "change quantity", shown the cart, then "3": the count that change asked for
                Map<String, Object> slots = new LinkedHashMap<>();
                if (before.slots().get("product") instanceof String product) {
                    slots.put("product", product);
                }
                slots.put("quantity", alone.getAsInt());
                return Optional.of(List.of(new Understanding(Intent.SET_QUANTITY, slots, 0.9, "answer:count-for-a-change")));
            }
        }
        if (asked.startsWith(OfflineNlu.WHICH_OF_THEM_ASK)) {
            // "Which one would you like?" after "both are nice, I'll take one of them": the one named or pointed at now is the
            // one taken ("The Sonique, it's cheaper"); an answer that names none is read as it stands
            List<Understanding> read = nlu.understandAll(said, request.state(), request.tools());
            Understanding u = read.getFirst();
            if (read.size() == 1 && u.intent() == Intent.GET_PRODUCT_DETAILS && u.slots().get("product") instanceof String) {
                return Optional.of(List.of(new Understanding(Intent.ADD_TO_CART, u.slots(), u.confidence(), "answer:which-of-them")));
            }
        }
        Optional<Understanding> recounted = recounted(asked, bare, last.get().said(), request.state());
        if (recounted.isPresent()) {
            return Optional.of(List.of(recounted.get()));
        }
        Matcher soldOut = STARRED.matcher(asked);
        if (asked.contains(BotWords.SIMILAR) && soldOut.find() && !OfflineNlu.agrees(bare)) {
            Optional<Understanding> instead = takenInstead(said, bare, last.get().said(), request);
            if (instead.isPresent()) {
                return Optional.of(List.of(instead.get()));
            }
        }
        if (asked.contains(BotWords.SIMILAR) && soldOut.reset().find() && OfflineNlu.agrees(bare)) {
            // "Sorry, *Kit Coffee Table | Matte Black* is out of stock right now. Shall I find something similar?" "yes
            // please": a search for its kind, the variant and the maker's name left out
            return Optional.of(List.of(new Understanding(Intent.SEARCH_PRODUCTS, Map.of("query", kindOf(soldOut.group(1))), 0.9,
                    "answer:similar")));
        }
        long choices = asked.startsWith(BotWords.WHICH_ONE) ? asked.lines().filter(l -> CHOICE.matcher(l).lookingAt()).count() : 0;
        if (choices >= 2 && choices <= 3 && EVERY_ONE.matcher(bare).matches()) {
            List<Understanding> each = new ArrayList<>();
            for (int i = 1; i <= choices; i++) {
                each.add(new Understanding(Intent.ADD_TO_CART, Map.of("product", String.valueOf(i)), 0.9, "answer:each"));
            }
            return Optional.of(each);
        }
        Optional<String> sized = choices >= 2 ? oneChoiceSized(asked, bare) : Optional.empty();
        if (sized.isPresent()) {
            // "hes a 45 so the 45 ones obv", "Yung L po" answering "Which one do you mean? 1. *…, EU 37* 2. *…, EU 45*": the
            // one choice of that size (a look; the add asked before is completed by the engine)
            return Optional.of(List.of(new Understanding(Intent.GET_PRODUCT_DETAILS, Map.of("product", sized.get()), 0.9, "answer:which-size")));
        }
        Optional<String> chosen = choices >= 2 ? oneChoiceNamed(asked, bare).or(() -> oneSentenceNamesAChoice(asked, said)) : Optional.empty();
        if (chosen.isPresent()) {
            // "keratin" answering "Which one do you mean? 1. *Sloane Leave-In Keratin ...* 2. *Tatum Leave-In Argan Oil ...*":
            // words of one choice's name and of no other's say which (a look; an add asked before is completed by the engine)
            return Optional.of(List.of(new Understanding(Intent.GET_PRODUCT_DETAILS, Map.of("product", chosen.get()), 0.9, "answer:which")));
        }
        return Optional.empty();
    }

    /** Words that point and name nothing: "the 60-piece railway" names the railway. */
    private static final java.util.Set<String> ARTICLES = java.util.Set.of("the", "this", "these", "those");
    private static final Pattern SENTENCE_END = Pattern.compile("[.!?;]++\\s*+");

    /**
     * "The 60-piece railway. Sorry, I should have said.": the one sentence of an answer that names a choice as
     * {@link #oneChoiceNamed} reads it, the others naming none (an apology, a reason).
     */
    private static Optional<String> oneSentenceNamesAChoice(String asked, String said) {
        List<String> sentences = SENTENCE_END.splitAsStream(said).map(x -> Utterance.of(x).bare().strip()).filter(x -> !x.isEmpty()).toList();
        if (sentences.size() < 2 || sentences.size() > 3 || sentences.stream().anyMatch(x -> A_REQUEST.matcher(x).find())) {
            return Optional.empty(); // "The 60-piece railway. Add two." is read as the request it makes
        }
        List<String> named = sentences.stream().map(x -> oneChoiceNamed(asked, x)).flatMap(Optional::stream).toList();
        boolean othersCountNothing = sentences.stream().filter(x -> oneChoiceNamed(asked, x).isEmpty()).allMatch(x -> Quantity.in(x).isEmpty());
        return named.size() == 1 && othersCountNothing ? Optional.of(named.getFirst()) : Optional.empty();
    }

    /** A short answer ({@code bare}) every word of which is in one choice's name of the question {@code asked}, and not all in another's. */
    private static Optional<String> oneChoiceNamed(String asked, String bare) {
        // read as the choices are, a hyphenated word in its parts ("semi-automatic")
        if (Quantity.in(bare).isPresent()) {
            return Optional.empty(); // "the tatum one, 3x": the pick with its count, read as the request it makes
        }
        List<String> said = NOT_A_LETTER.splitAsStream(bare).filter(w -> w.length() >= 3 && !OfflineNlu.FUNCTION_WORDS.contains(w)
                && !AROUND_A_NUMBER.contains(w) && !ARTICLES.contains(w)).toList();
        // words, not the dash of a bullet or an "&" ("- Inkwell & Co 3-drawer")
        if (said.isEmpty() || said.size() > 3 || SPACE.splitAsStream(bare).filter(w -> w.chars().anyMatch(Character::isLetterOrDigit)).count() > 4) {
            return Optional.empty();
        }
        List<String> fitting = asked.lines().filter(l -> CHOICE.matcher(l).lookingAt())
                .filter(l -> NOT_A_LETTER.splitAsStream(l.toLowerCase(java.util.Locale.ROOT)).toList().containsAll(said)).toList();
        return fitting.size() == 1 ? Optional.of(String.join(" ", said)) : Optional.empty();
    }

    /** A size said alone or with a few words around it: "45", "l", "xl" (read against the choices' "EU 45", "Size L"). */
    private static final String SIZES = "(\\d{2}+|xxs|xs|s|m|l|xl|xxl|xxxl)";
    private static final Pattern SIZE_SAID = Pattern.compile("\\b" + SIZES + "\\b");
    private static final Pattern A_REQUEST = Pattern.compile("\\b(?:add|take|buy|order|put|remove|get|want|need|show|tell|details?)\\b");
    /** A size as a product's name says it: "EU 45", "Size L". */
    private static final Pattern SIZE_IN_NAME = Pattern.compile("\\b(?:eu|us|uk|size)\\s" + SIZES + "\\b");

    /** Whether a product's name (or a choice's line) says the size {@code size}: "…, EU 45", "…, Size L". */
    private static boolean saysSize(String name, String size) {
        return SIZE_IN_NAME.matcher(name.toLowerCase(java.util.Locale.ROOT)).results().anyMatch(m -> m.group(1).equals(size));
    }

    /**
     * The one choice of the question {@code asked} whose name says the size a short answer says ("the 45 ones" of "…, EU 37"
     * and "…, EU 45"; "the L" of "…, Size M" and "…, Size L"), by its whole name; empty when no or several choices are.
     */
    private static Optional<String> oneChoiceSized(String asked, String bare) {
        if (SPACE.splitAsStream(bare).count() > 8 || A_REQUEST.matcher(bare).find()) {
            return Optional.empty(); // "royal blue, size L. add 1" is read as the request it makes
        }
        java.util.Set<String> sizes = SIZE_SAID.matcher(bare).results().map(m -> m.group(1)).collect(java.util.stream.Collectors.toSet());
        if (sizes.size() != 1) {
            return Optional.empty();
        }
        String size = sizes.iterator().next();
        List<String> fitting = asked.lines().filter(l -> CHOICE.matcher(l).lookingAt())
                .filter(l -> saysSize(l, size)).toList();
        if (fitting.size() != 1) {
            return Optional.empty();
        }
        Matcher name = STARRED.matcher(fitting.getFirst());
        return name.find() ? Optional.of(name.group(1).toLowerCase(java.util.Locale.ROOT)) : Optional.empty();
    }

    /** "no, 2", "sorry, just 2", "no wait 2 please": a count said again, right after it was acted on. */
    private static final Pattern NO_THE_COUNT = Pattern.compile("^(?:(?:no|nah|nope|sorry|oops|wait|oh|hmm|actually|i meant|meant"
            + "|make it|make that|just|only)[,.!]*+\\s*+){1,4}+(\\d{1,2}+|one|two|three|four|five|six|seven|eight|nine|ten)"
            + "(?:\\s(?:please|pls|only|then|of them|in total))?+[.!]*+$");

    /**
     * "no, 2" right after the bot added or set the count the shopper had said ("add 3", "Added 3 × …"): the count said again,
     * so that line's count. After an add whose count the shopper did not say ("add it", "Added 1 × …"), "no, 2" may be the
     * second product meant, and is read as it stands.
     */
    private static Optional<Understanding> recounted(String asked, String bare, String saidBefore, State state) {
        Matcher again = NO_THE_COUNT.matcher(bare);
        if (state != State.CART || !again.matches()) {
            return Optional.empty();
        }
        OptionalInt count = Quantity.value(again.group(1));
        Matcher added = BotWords.ADDED.matcher(asked);
        Matcher now = BotWords.NOW.matcher(asked);
        Matcher acted = added.lookingAt() ? added : now.lookingAt() ? now : null;
        if (acted == null || count.isEmpty() || acted.group(1).equals(String.valueOf(count.getAsInt()))
                || Quantity.in(Utterance.of(saidBefore).text()).isEmpty() && Quantity.newQuantity(Utterance.of(saidBefore).text()).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Understanding(Intent.SET_QUANTITY, OfflineNlu.productAndCount(acted.group(2), count.getAsInt()), 0.9,
                "answer:count-again"));
    }

    /** Words that ask to see or find rather than take: "show me the clog ones", "any in grey?", "what else". */
    private static final Pattern LOOKS_OR_FINDS = Pattern.compile("\\b(?:show|see|tell|details?|info|specs?|what|which|how|any|anything"
            + "|other|others|else|similar|instead of|alternatives?|cheaper|search|find|have you|do you|got)\\b");

    /**
     * "Sorry, *…* is out of stock right now. Shall I find something similar?" answered by naming another product, no
     * question and no wish to look ("fine the clog shearling ones then, 39 is close enough", "The Harbor & Pine one then,
     * the white rattan.", "omg nooo ok the bodhi eau de parfum then i guess"): that one taken instead, as many as asked
     * for before unless a count is said now.
     */
    private Optional<Understanding> takenInstead(String said, String bare, String saidBefore, LlmRequest request) {
        if (Utterance.of(said).text().indexOf('?') >= 0 || LOOKS_OR_FINDS.matcher(bare).find() || !request.tools().contains(Event.ADD_TO_CART)) {
            return Optional.empty();
        }
        Understanding before = nlu.understand(saidBefore, request.state(), request.tools());
        if (before.intent() != Intent.ADD_TO_CART) {
            return Optional.empty();
        }
        List<Understanding> read = nlu.understandAll(said, request.state(), request.tools());
        Understanding u = read.getFirst();
        if (read.size() != 1 || !(u.intent() == Intent.GET_PRODUCT_DETAILS || u.intent() == Intent.SEARCH_PRODUCTS
                || u.intent() == Intent.OTHER || u.intent() == Intent.ADD_TO_CART)) {
            return Optional.empty();
        }
        Object named = u.intent() == Intent.SEARCH_PRODUCTS ? u.slots().get("query") : u.slots().get("product");
        if (!(named instanceof String product) || product.isBlank()) {
            named = ProductRef.in(Utterance.of(said), Utterance.of(said).text(), false).orElse(null);
        }
        if (!(named instanceof String product) || product.isBlank() || Quantity.value(product).isPresent()) {
            return Optional.empty();
        }
        Map<String, Object> slots = new LinkedHashMap<>();
        slots.put("product", product);
        Object count = u.slots().containsKey("quantity") ? u.slots().get("quantity") : before.slots().get("quantity");
        if (count != null) {
            slots.put("quantity", count);
        }
        return Optional.of(new Understanding(Intent.ADD_TO_CART, slots, 0.85, "answer:taken-instead"));
    }

    /** A count said as more of it: "4 more", "add 2", "another 3". */
    private static final Pattern MORE_OF = Pattern.compile("\\b(?:more|another|extra|plus|add|again)\\b");

    /** The words an answer with a number may have around it: "round up, 4 then", "ok 3 is fine" (not "the lark one. 2"). */
    private static final java.util.Set<String> AROUND_A_NUMBER = java.util.Set.of("ok", "okay", "so", "then", "round", "up", "down",
            "just", "make", "it", "that", "let's", "lets", "say", "hmm", "yes", "yeah", "well", "i", "guess", "is", "fine", "please",
            "thanks", "will", "do", "go", "with", "sure", "maybe");

    /** The one number of a short answer whose other words are only {@link #AROUND_A_NUMBER}; else empty. */
    private static OptionalInt onlyANumber(String bare) {
        List<String> words = SPACE.splitAsStream(bare).filter(w -> !w.isEmpty()).toList();
        List<String> numbers = words.stream().filter(w -> w.length() <= 2 && w.chars().allMatch(Character::isDigit)).toList();
        boolean answers = words.size() <= 6 && numbers.size() == 1
                && words.stream().allMatch(w -> numbers.contains(w) || AROUND_A_NUMBER.contains(w));
        return answers ? Quantity.value(numbers.getFirst()) : OptionalInt.empty();
    }

    private static final java.util.Set<Intent> CART_CHANGES = java.util.Set.of(Intent.ADD_TO_CART, Intent.SET_QUANTITY,
            Intent.REMOVE_FROM_CART);

    /** The shopper's message before this one and the bot's answer to it, the conversation's last two turns. */
    private record Exchange(String said, String answered) {
    }

    private static Optional<Exchange> lastExchange(LlmRequest request) {
        List<LlmRequest.ChatTurn> h = request.history();
        if (h.size() < 2 || h.getLast().speaker() != LlmRequest.ChatTurn.Speaker.BOT
                || h.get(h.size() - 2).speaker() != LlmRequest.ChatTurn.Speaker.SHOPPER) {
            return Optional.empty();
        }
        return Optional.of(new Exchange(h.get(h.size() - 2).text(), h.getLast().text()));
    }

    /**
     * A correction of the shopper's own last message ("*green", "3*", "i meant the 3rd*", "sorry, 2 not 3", "lamp* not
     * lamb"): that message read again as meant, after what its first reading did is taken back. After "Added 2 × *X*",
     * two of X come out first (a count corrected is then that many of X, not of whatever is in focus); after "Removed
     * *X*", X goes back; after a list or a product shown, nothing was done and the message as meant is all. Empty when
     * the message corrects nothing the last one said.
     */
    private Optional<List<Understanding>> corrected(LlmRequest request) {
        Optional<Exchange> last = lastExchange(request);
        if (last.isPresent() && last.get().answered().startsWith(BotWords.WHICH_ONE) && request.userText() != null
                && oneSentenceNamesAChoice(last.get().answered(), request.userText()).isPresent()) {
            return Optional.empty(); // "The 60-piece railway. Sorry, I should have said.": an answer and an apology, no correction
        }
        Optional<Correction> correction = last.flatMap(e -> Correction.in(request.userText()));
        Optional<String> meant = correction.flatMap(c -> c.applyTo(last.get().said()));
        if (meant.isEmpty()) {
            return Optional.empty();
        }
        List<Understanding> again = nlu.understandAll(meant.get(), request.state(), request.tools());
        boolean countForACart = !correction.get().isCount()
                || CART_CHANGES.contains(again.getFirst().intent());
        if (again.getFirst().intent().function().isEmpty() || !countForACart) {
            return Optional.empty(); // "5* rating?" after a question about a product is no count corrected
        }
        String lastReply = last.get().answered();
        List<Understanding> all = new ArrayList<>();
        Matcher added = BotWords.ADDED.matcher(lastReply);
        Matcher removed = BotWords.REMOVED.matcher(lastReply);
        String product = null;
        if (added.lookingAt()) {
            product = added.group(2);
            all.add(new Understanding(Intent.REMOVE_FROM_CART, OfflineNlu.productAndCount(product, Integer.parseInt(added.group(1))),
                    0.9, "correction:take-back"));
        } else if (removed.lookingAt()) {
            all.add(new Understanding(Intent.ADD_TO_CART, Map.of("product", removed.group(1)), 0.9, "correction:put-back"));
        }
        for (Understanding u : again) {
            boolean sameProduct = product != null && !u.slots().containsKey("product")
                    && (u.intent() == Intent.ADD_TO_CART || u.intent() == Intent.SET_QUANTITY);
            Map<String, Object> slots = new LinkedHashMap<>(u.slots());
            if (sameProduct) {
                slots.put("product", product); // "3*" after "add 2": three of what was added, whatever is in focus now
            }
            // what the add did is taken back, so "add 2" read again now (in the cart, a count to set) is an add again
            Intent intent = product != null && u.intent() == Intent.SET_QUANTITY ? Intent.ADD_TO_CART : u.intent();
            all.add(new Understanding(intent, slots, u.confidence(), "correction:" + u.source(), u.ask()));
        }
        return Optional.of(all);
    }

    /**
     * "double it", "triple that", "twice as many" after "Added 2 × *X*" or "Now 2 × *X* in your cart": X's line set to
     * that many times the count the reply says; "halve it" to half of it. "Halve the Monroe line", "double the mugs": the
     * cart's line those words name, as the context lists it, whatever the last reply said. Half of an odd count is asked
     * about, not rounded. Empty when no count is known.
     */
    private static Optional<List<Understanding>> multiplied(LlmRequest request) {
        String bare = Utterance.of(request.userText()).bare();
        Matcher times = TIMES_AS_MANY.matcher(bare);
        if (!times.find() || request.state() != State.CART) {
            return Optional.empty();
        }
        Matcher named = TIMES_THE_LINE.matcher(bare);
        Optional<CartLine> line = named.find() ? cartLine(request.context(), named.group(1) != null ? named.group(1) : named.group(2))
                : lastCount(request).map(c -> new CartLine(c.group(2), Integer.parseInt(c.group(1))))
                        .or(() -> onlyLine(request.context())); // "Please double the quantity." with one line in the cart
        if (line.isEmpty()) {
            return Optional.empty();
        }
        // "cut it in half" and "twice as many" have none; "doubled" is "double"
        String verb = times.group(1) != null ? times.group(1) : times.group(2) != null ? times.group(2) + "e" : "";
        boolean half = verb.equals("halve") || verb.isEmpty() && times.group(0).endsWith("half");
        int count = line.get().quantity();
        if (half && count % 2 == 1) {
            return Optional.of(List.of(new Understanding(Intent.SET_QUANTITY, Map.of("product", line.get().name()), 0.9,
                    "history:halved-odd", OfflineNlu.HOW_MANY)));
        }
        int set = half ? count / 2 : (verb.equals("triple") ? 3 : 2) * count;
        return Optional.of(List.of(new Understanding(Intent.SET_QUANTITY, OfflineNlu.productAndCount(line.get().name(), set), 0.9,
                half ? "history:halved" : "history:multiplied")));
    }

    /**
     * "and the glow theory red one, same number": an add with the count the last reply said was added or set. "the tritan
     * one, same amount as the ropes", "half as many as the mugs": the count of the cart's line that the words name, as the
     * conversation's context lists it; half of an odd count is asked about, not rounded.
     */
    private static List<Understanding> sameCount(LlmRequest request, List<Understanding> all) {
        Understanding u = all.getFirst();
        boolean addsOrNames = u.intent() == Intent.ADD_TO_CART || u.intent() == Intent.GET_PRODUCT_DETAILS && u.slots().containsKey("product");
        String bare = Utterance.of(request.userText()).bare();
        Matcher asThe = AS_MANY_AS_THE.matcher(bare);
        // "half as many as the wood ones", "one vase for every two candles" say the count, whatever "the acrylic one" seemed to
        OptionalInt every = perEvery(request.context(), bare);
        boolean ofALine = asThe.find() || every.isPresent();
        if (!addsOrNames || (u.slots().containsKey("quantity") || u.ask() != null) && !ofALine || !SAME_COUNT.matcher(bare).find() && !ofALine) {
            return all;
        }
        OptionalInt count = every;
        boolean half = false;
        if (count.isEmpty() && asThe.reset().find()) {
            half = asThe.group(1) != null;
            OptionalInt line = cartCount(request.context(), asThe.group(2));
            if (line.isPresent() && asThe.group(1) != null && line.getAsInt() % 2 == 1) {
                // "half as many as the balls" with 7 balls: 3 or 4 is the shopper's to say
                return List.of(new Understanding(Intent.ADD_TO_CART, u.slots(), u.confidence(), u.source() + "+half-of-odd", OfflineNlu.HOW_MANY));
            }
            count = line.isEmpty() ? line : OptionalInt.of(asThe.group(1) != null ? line.getAsInt() / 2 : line.getAsInt());
        }
        if (count.isEmpty() && !half && SAME_COUNT.matcher(bare).find()) {
            count = lastCount(request).map(c -> OptionalInt.of(Integer.parseInt(c.group(1)))).orElse(OptionalInt.empty());
        }
        if (count.isEmpty()) {
            return all;
        }
        Map<String, Object> slots = new LinkedHashMap<>(u.slots());
        slots.put("quantity", count.getAsInt());
        List<Understanding> withCount = new ArrayList<>(all);
        // "and the glow theory red, same number": a count of it is an add of it
        withCount.set(0, new Understanding(Intent.ADD_TO_CART, slots, u.confidence(), u.source() + "+same-count"));
        return List.copyOf(withCount);
    }

    /**
     * "great, 2 please" after a list of one product: no second product was shown, so the number is how many of the one
     * that was (an add of it); "number two" or "the 2nd" stay a place, and the shop says there is none.
     */
    private static List<Understanding> ofTheOnlyOne(LlmRequest request, List<Understanding> all) {
        Understanding u = all.getFirst();
        if (all.size() != 1 || request.state() != State.BROWSING || u.intent() != Intent.GET_PRODUCT_DETAILS
                || !(u.slots().get("product") instanceof String place) || place.length() > 2 || place.isEmpty()
                || !place.chars().allMatch(Character::isDigit) || Integer.parseInt(place) < 2
                || !Quantity.isWholeMessage(Utterance.of(request.userText()).bare()) || request.context() == null) {
            return all;
        }
        if (shownNames(request.context()).size() != 1) {
            return all;
        }
        Map<String, Object> slots = new LinkedHashMap<>();
        slots.put("product", "1");
        slots.put("quantity", Integer.parseInt(place));
        return List.of(new Understanding(Intent.ADD_TO_CART, slots, u.confidence(), u.source() + "+only-one-shown"));
    }

    /**
     * "chunky knit 1 pls" after a list with one Chunky Knit cardigan: words of one shown product's name and a count are an
     * order line for it, not a new search for the words. Words two shown names have, or none, stay a search.
     */
    private static List<Understanding> aLineOfTheList(LlmRequest request, List<Understanding> all) {
        Understanding u = all.getFirst();
        if (all.size() != 1 || request.state() != State.BROWSING || u.intent() != Intent.SEARCH_PRODUCTS
                || !u.slots().keySet().equals(java.util.Set.of("query")) || !(u.slots().get("query") instanceof String query)
                || request.context() == null) {
            return all;
        }
        List<String> words = SPACE.splitAsStream(query.toLowerCase(java.util.Locale.ROOT)).filter(w -> !w.isBlank()).toList();
        // the count is what the message says besides the name: "1 pls", "x2", "two of"
        String besides = SPACE.splitAsStream(Utterance.of(request.userText()).bare()).filter(w -> !words.contains(w))
                .collect(java.util.stream.Collectors.joining(" "));
        OptionalInt said = onlyANumber(besides);
        OptionalInt count = said.isPresent() ? said : Quantity.in(besides);
        // "chunky knit 80?" offers a price, asked; a count is small and said
        if (count.isEmpty() || words.isEmpty() || count.getAsInt() > 20 || request.userText().indexOf('?') >= 0) {
            return all;
        }
        List<String> shown = shownNames(request.context());
        int fits = 0;
        int fitsAt = 0;
        for (int place = 1; place <= shown.size(); place++) {
            if (java.util.Set.of(NAME_WORDS.split(shown.get(place - 1).toLowerCase(java.util.Locale.ROOT))).containsAll(words)) {
                fits++;
                fitsAt = place;
            }
        }
        // "lamp 2" where the second listed is that lamp: which one, as much as how many; left as it was read
        if (fits != 1 || count.getAsInt() >= 2 && count.getAsInt() == fitsAt) {
            return all;
        }
        Map<String, Object> slots = new LinkedHashMap<>();
        slots.put("product", query);
        slots.put("quantity", count.getAsInt());
        return List.of(new Understanding(Intent.ADD_TO_CART, slots, u.confidence(), u.source() + "+a-line-of-the-list"));
    }

    /**
     * "sorry, "500-Piece Jigsaw Puzzle by Wonderbox (Lime Green)"": a name of the last list, copied whole and sent alone, is
     * a pick of it, a look (after "Which one do you mean?" for an add the engine completes the add). Read as chat, a pasted
     * name's many words were an add of the words, or nothing understood.
     */
    private static List<Understanding> aNameOnTheList(LlmRequest request, List<Understanding> all) {
        if (request.context() == null || request.userText() == null || !request.tools().contains(Event.GET_PRODUCT_DETAILS)) {
            return all;
        }
        String written = PastedNames.unpriced(request.userText().toLowerCase(java.util.Locale.ROOT));
        // "and "1000-Piece Jigsaw Puzzle by Pocket Planet (Hot Pink)", same question": the question asked before, of this one
        Matcher same = SAME_QUESTION.matcher(written);
        boolean asksAgain = same.find();
        List<String> words = new ArrayList<>(nameWords(asksAgain ? written.substring(0, same.start()) : written));
        // what may stand around a copied name: "sorry,", "ok", "I mean", "<- that one", "please"; "and", "what about" before
        // the same question ("also" and a name alone may be one more to add)
        while (!words.isEmpty() && (BEFORE_A_NAME.contains(words.getFirst()) || asksAgain && BEFORE_THE_SAME.contains(words.getFirst()))) {
            words.removeFirst();
        }
        while (!words.isEmpty() && AFTER_A_NAME.contains(words.getLast())) {
            words.removeLast();
        }
        if (words.size() < 3) {
            return all; // "the blue one", "Fable speaker": what the references read
        }
        List<String> named = shownNames(request.context()).stream()
                .filter(n -> nameWords(n.toLowerCase(java.util.Locale.ROOT)).equals(words))
                .toList();
        if (named.size() == 1) {
            return List.of(new Understanding(Intent.GET_PRODUCT_DETAILS, Map.of("product", named.getFirst()), 0.9, "context:name-on-the-list"));
        }
        // a name from a list before this one, with "same question": a look at it all the same, never an add
        return asksAgain ? List.of(new Understanding(Intent.GET_PRODUCT_DETAILS, Map.of("product", String.join(" ", words)), 0.85,
                "context:same-question")) : all;
    }

    private static final Pattern TWO_DIGITS = Pattern.compile("\\d{2}+");
    /** A size said as the product ("I take the 41, not 37", "the one in 36"), not after "not". */
    private static final Pattern A_SIZE_PICKED = Pattern.compile("(?<!\\bnot\\s(?:the\\s)?+)(?<!\\bno\\s)\\b(?:the|in|size|a)\\s(\\d{2}+|xxs|xs|xl|xxl|xxxl)\\b"
            + "(?!\\s*+(?:x|pcs|pieces|of|more|items|units|dollars|bucks|usd|eur|pounds|percent|%)\\b)");

    /**
     * "Good, I take the 41, not 37" after a list whose names say "EU 41" and "EU 37": the one shown product whose name says
     * the size picked, read as an add or a look with no product (or the size as a place on a list too short for it).
     */
    private static List<Understanding> ofTheSizeShown(LlmRequest request, List<Understanding> all) {
        Understanding u = all.getFirst();
        if (all.size() != 1 || request.context() == null || request.userText() == null
                || !(u.intent() == Intent.ADD_TO_CART || u.intent() == Intent.GET_PRODUCT_DETAILS)
                || u.slots().get("product") instanceof String p && !TWO_DIGITS.matcher(p).matches()) {
            return all;
        }
        java.util.Set<String> sizes = A_SIZE_PICKED.matcher(Utterance.of(request.userText()).bare()).results().map(m -> m.group(1))
                .collect(java.util.stream.Collectors.toSet());
        if (sizes.size() != 1) {
            return all;
        }
        String size = sizes.iterator().next();
        List<String> fitting = shownNames(request.context()).stream()
                .filter(n -> saysSize(n, size)).toList();
        if (fitting.size() != 1) {
            return all;
        }
        Map<String, Object> slots = new LinkedHashMap<>(u.slots());
        slots.put("product", fitting.getFirst().toLowerCase(java.util.Locale.ROOT));
        if (slots.get("quantity") instanceof Integer q && String.valueOf(q).equals(size)) {
            slots.remove("quantity"); // the size, read as a count
        }
        return List.of(new Understanding(u.intent(), slots, u.confidence(), u.source() + "+size-shown"));
    }

    private static final Pattern SAME_QUESTION = Pattern.compile("\\b(?:same question|same q|same for (?:it|that one|this one)|same there)"
            + "[\\s?.!]*+$");
    private static final java.util.Set<String> BEFORE_A_NAME = java.util.Set.of("sorry", "ok", "okay", "oh", "yes", "yeah", "i", "mean",
            "meant");
    private static final java.util.Set<String> BEFORE_THE_SAME = java.util.Set.of("and", "also", "what", "how", "about");
    private static final java.util.Set<String> AFTER_A_NAME = java.util.Set.of("that", "this", "one", "please", "pls", "thanks");

    /** The words of a name or a message as a name's words are compared: quotation marks, arrows and dashes left out. */
    private static List<String> nameWords(String text) {
        return NAME_WORDS.splitAsStream(text).filter(w -> w.chars().anyMatch(Character::isLetterOrDigit)).toList();
    }

    /** The names of the last list shown, in its order, as the context writes them ("Last shown (...): 1) A; 2) B;"). */
    private static List<String> shownNames(String context) {
        Matcher shown = SHOWN_NAME.matcher(contextLine(context, LAST_SHOWN));
        List<String> names = new ArrayList<>();
        while (shown.find()) {
            names.add(shown.group(1));
        }
        return names;
    }

    private static final Pattern SHOWN_NAME = Pattern.compile("(?<=[:;]\\s)\\d{1,2}\\)\\s([^;]{1,300}+);");
    private static final Pattern NAME_WORDS = Pattern.compile("[^a-z0-9'&-]++");
    private static final String LAST_SHOWN = "Last shown";

    /**
     * "bottle x2" in the cart, where a line is a bottle: that line's count, as an order form says it, not two more. An add
     * of anything else stays an add.
     */
    private static List<Understanding> ofALine(LlmRequest request, List<Understanding> all) {
        Understanding u = all.getFirst();
        if (all.size() != 1 || request.state() != State.CART || u.intent() != Intent.ADD_TO_CART || !u.source().startsWith("rule:order-line")
                || !(u.slots().get("product") instanceof String product) || cartCount(request.context(), product).isEmpty()) {
            return all;
        }
        return List.of(new Understanding(Intent.SET_QUANTITY, u.slots(), u.confidence(), u.source() + "+of-a-line"));
    }

    /**
     * "one vase for every two candles", "one per 3 mugs": that many for every so many of the cart's line named, rounded up
     * (no candle is left without its vase); empty when no one line is named.
     */
    private static OptionalInt perEvery(String context, String bare) {
        Matcher every = PER_EVERY.matcher(bare);
        if (!every.find()) {
            return OptionalInt.empty();
        }
        int each = every.group(1) == null ? 1 : Quantity.value(every.group(1)).orElse(1);
        int per = Quantity.value(every.group(2)).orElse(0);
        OptionalInt of = cartCount(context, every.group(3));
        return per < 1 || of.isEmpty() ? OptionalInt.empty() : OptionalInt.of(each * ((of.getAsInt() + per - 1) / per));
    }

    private static final Pattern PER_EVERY = Pattern.compile("\\b(?:(one|a|two|three|\\d{1,2})\\s(?:[a-z'-]++\\s)?+)?+(?:for\\severy|per)"
            + "\\s(two|three|four|five|six|\\d{1,2})\\s([a-z][a-z'-]++(?:\\s[a-z][a-z'-]++)?+)\\s*+$");

    /** "and the keyboard", "also that blue one": more of the same request, a product pointed at with nothing asked. */
    private static final Pattern AND_THE = Pattern.compile("^(?:(?:oh|ok|okay)[,\\s]++)?+(?:and|also|plus|and also|n)\\s++(?:the|that|this)\\s");

    /** A question asked in a clause after the product is named, with no "?": "also the blue squeaky one, what size is it". */
    private static final Pattern ASKED_AFTER = Pattern.compile("[,.;:]\\s*+(?:and\\s|but\\s|so\\s)?+(?:what|what's|whats|how|which|is|are|does|do|will|can)"
            + "\\s(?:size|colou?r|is|are|it|they|that|this|those|these|does|do|much|big|long|heavy|made|material|kind|you|u)\\b");

    /**
     * Right after an add ("Added 1 × ..."), "and the keyboard" or "also the blue one" adds that product too: the request
     * carried on, without its verb. After anything else, or with a question mark ("and the keyboard?"), the message is
     * left as the understanding read it (a look, a search).
     */
    private static List<Understanding> continuedAdd(LlmRequest request, List<Understanding> all) {
        Understanding u = all.getFirst();
        String said = request.userText() == null ? "" : request.userText();
        // the product pointed at, as a look names it ("the blue one") or a search of nothing but words ("the keyboard")
        Object product = u.intent() == Intent.GET_PRODUCT_DETAILS ? u.slots().get("product")
                : u.intent() == Intent.SEARCH_PRODUCTS && u.slots().keySet().equals(java.util.Set.of("query")) ? u.slots().get("query") : null;
        if (all.size() != 1 || !(product instanceof String) || said.indexOf('?') >= 0 || ASKED_AFTER.matcher(Utterance.of(said).text()).find()
                || !AND_THE.matcher(Utterance.of(said).bare()).find()
                || lastExchange(request).filter(e -> BotWords.ADDED.matcher(e.answered()).find()).isEmpty()) {
            return all;
        }
        return List.of(new Understanding(Intent.ADD_TO_CART, Map.of("product", product), u.confidence(), u.source() + "+after-an-add"));
    }

    /**
     * "actually make it 2 scooters" while looking at the scooter that is in the cart already: the line's new count, not two
     * more. Looking at a product the cart does not have, "make it 2" stays an add of two, and a count set ("only a single
     * unit") is an add of that many.
     */
    private static List<Understanding> ofTheFocusLine(LlmRequest request, List<Understanding> all) {
        Understanding u = all.getFirst();
        if (all.size() == 1 && request.state() == State.PRODUCT_FOCUS && u.intent() == Intent.SET_QUANTITY && !u.slots().containsKey("product")
                && u.slots().get("quantity") instanceof Integer && request.context() != null && !focusInCart(request.context())) {
            // "I have decided to purchase that one and I require only a single unit": no line of it to set, so that many added
            return List.of(new Understanding(Intent.ADD_TO_CART, u.slots(), u.confidence(), u.source() + "+focus-not-in-cart"));
        }
        if (all.size() != 1 || request.state() != State.PRODUCT_FOCUS || u.intent() != Intent.ADD_TO_CART || u.slots().containsKey("product")
                || !(u.slots().get("quantity") instanceof Integer) || !MAKE_IT.matcher(Utterance.of(request.userText()).bare()).find()
                || !focusInCart(request.context())) {
            return all;
        }
        return List.of(new Understanding(Intent.SET_QUANTITY, u.slots(), u.confidence(), u.source() + "+focus-in-cart"));
    }

    /**
     * "Oh, my aunt says she already bought grandma slippers. Please take those out": a line taken out by a pronoun, and a
     * word of the message names one line of the cart (and no other): that line, not the one last touched.
     */
    private static List<Understanding> ofANamedLine(LlmRequest request, List<Understanding> all) {
        Understanding u = all.getFirst();
        String bare = Utterance.of(request.userText()).bare();
        if (all.size() != 1 || u.intent() != Intent.REMOVE_FROM_CART || u.slots().containsKey("product") || request.context() == null
                || !PRONOUN.matcher(bare).find()) {
            return all;
        }
        java.util.Set<String> named = new java.util.LinkedHashSet<>();
        List<String> said = SPACE.splitAsStream(bare).filter(w -> w.length() >= 4 && !OfflineNlu.FUNCTION_WORDS.contains(w))
                .map(OfflineLlmProvider::singular).toList();
        for (CartLine line : cartLines(request.context())) {
            if (said.stream().anyMatch(lineWords(line.name())::contains)) {
                named.add(line.name());
            }
        }
        return named.size() == 1
                ? List.of(new Understanding(Intent.REMOVE_FROM_CART, Map.of("product", named.iterator().next()), u.confidence(), u.source() + "+named-line"))
                : all;
    }

    /** The words of a cart line's name, each singular: what a word of the message is matched against. */
    private static List<String> lineWords(String name) {
        return NOT_A_LETTER.splitAsStream(name.toLowerCase(java.util.Locale.ROOT)).map(OfflineLlmProvider::singular).toList();
    }

    private static final Pattern PRONOUN = Pattern.compile("\\b(?:it|them|those|these|that|this|they)\\b");
    private static final Pattern NOT_A_LETTER = Pattern.compile("[^a-z]++");

    private static final Pattern MAKE_IT = Pattern.compile("\\b(?:make (?:it|that|them)|change (?:it|that) to)\\s(?:\\d{1,2}|one|two|three|four|five"
            + "|six|seven|eight|nine|ten)\\b(?!\\s(?:more|less|fewer|extra)\\b)");

    /** Whether the product in focus, as the context names it, is a line of the context's cart. */
    static boolean focusInCart(String context) {
        if (context == null) {
            return false;
        }
        String focusLine = contextLine(context, FOCUS);
        String focus = focusLine.isEmpty() ? "" : focusLine.substring(FOCUS.length()).strip();
        return !focus.isEmpty() && cartLines(context).stream().anyMatch(line -> line.name().equals(focus));
    }

    private static final String FOCUS = "Product in focus:";

    /** The context's line that starts with {@code label} (as PromptBuilder writes them), or "" when it has none. */
    private static String contextLine(String context, String label) {
        return context.lines().filter(l -> l.startsWith(label)).findFirst().orElse("");
    }

    /** "same number as the night lights", "half as many as the mugs", "as many as the frames": whose count, and whether half. */
    private static final Pattern AS_MANY_AS_THE = Pattern.compile("\\b(?:(?:the\\s)?+same\\s(?:number|amount|quantity|qty|count)|(half)\\s(?:as\\s)?+"
            + "(?:many|much)|as\\smany)\\s(?:as|of)\\s(?:the\\s|my\\s|those\\s)?+([a-z][a-z'-]++(?:\\s[a-z][a-z'-]++){0,2}?)(?=\\s*+$|\\s(?:please|pls|too|then)\\b)");
    /** A line of the context's cart as the engine's PromptBuilder writes it: "Cart: 1) 8 x Nova Wood Picture Frame;". */
    private static final Pattern CART_LINE = Pattern.compile("\\d{1,2}\\)\\s(\\d{1,3})\\sx\\s([^;\\n]{1,200}+);");

    /** The quantity of the one cart line whose name says every word of {@code kind} (plurals as said), from the context. */
    static OptionalInt cartCount(String context, String kind) {
        return cartLine(context, kind).map(l -> OptionalInt.of(l.quantity())).orElse(OptionalInt.empty());
    }

    /**
     * A swap keeps the count of the line it takes out ("switch those to the Arcway swing-arm, same count", "swap it for the
     * Nimbus" with 8 in the cart): the add says that many, unless the message said how many itself.
     */
    private static List<Understanding> swapKeepsCount(LlmRequest request, List<Understanding> all) {
        if (all.size() != 2 || !all.get(0).source().equals("rule:swap-out") || !all.get(1).source().equals("rule:swap-in")
                || all.get(1).slots().containsKey("quantity")) {
            return all;
        }
        Optional<CartLine> out = all.get(0).slots().get("product") instanceof String named ? cartLine(request.context(), named)
                : lastCount(request).map(c -> new CartLine(c.group(2), Integer.parseInt(c.group(1)))).or(() -> onlyLine(request.context()));
        if (out.isEmpty() || out.get().quantity() < 2) {
            return all;
        }
        Map<String, Object> slots = new LinkedHashMap<>(all.get(1).slots());
        slots.put("quantity", out.get().quantity());
        return List.of(all.get(0), new Understanding(Intent.ADD_TO_CART, slots, all.get(1).confidence(), all.get(1).source() + "+same-count"));
    }

    /** The cart's one line, when the context lists exactly one. */
    private static Optional<CartLine> onlyLine(String context) {
        List<CartLine> lines = context == null ? List.of() : cartLines(context);
        return lines.size() == 1 ? Optional.of(lines.getFirst()) : Optional.empty();
    }

    /** A line of the cart as the context lists it. */
    private record CartLine(String name, int quantity) {
    }

    /** The cart's lines as the context lists them ({@link #CART_LINE}), in order; none when it lists no cart. */
    private static List<CartLine> cartLines(String context) {
        List<CartLine> lines = new ArrayList<>();
        Matcher line = CART_LINE.matcher(contextLine(context, "Cart:"));
        while (line.find()) {
            lines.add(new CartLine(line.group(2).strip(), Integer.parseInt(line.group(1))));
        }
        return lines;
    }

    /** The one cart line whose name says every word of {@code kind} (plurals as said), from the context. */
    private static Optional<CartLine> cartLine(String context, String kind) {
        if (context == null) {
            return Optional.empty();
        }
        List<String> words = SPACE.splitAsStream(kind).filter(w -> !w.equals("one") && !w.equals("ones")).map(OfflineLlmProvider::singular).toList();
        if (words.isEmpty()) {
            return Optional.empty();
        }
        // two lines of that kind: which one is not known
        List<CartLine> found = cartLines(context).stream()
                .filter(line -> words.stream().allMatch(line.name().toLowerCase(java.util.Locale.ROOT)::contains)).toList();
        return found.size() == 1 ? Optional.of(found.getFirst()) : Optional.empty();
    }

    private static String singular(String word) {
        return word.endsWith("ies") ? word.substring(0, word.length() - 3) + "y"
                : word.endsWith("shes") || word.endsWith("ches") || word.endsWith("xes") ? word.substring(0, word.length() - 2)
                : word.endsWith("s") && !word.endsWith("ss") ? word.substring(0, word.length() - 1) : word;
    }

    /** The count and product of the bot's last reply, when it added some or set a count ("Added 2 × *X*", "Now 3 × *X*"). */
    private static Optional<Matcher> lastCount(LlmRequest request) {
        List<LlmRequest.ChatTurn> h = request.history();
        if (h.isEmpty() || h.getLast().speaker() != LlmRequest.ChatTurn.Speaker.BOT) {
            return Optional.empty();
        }
        for (Pattern p : List.of(BotWords.ADDED, BotWords.NOW)) {
            Matcher m = p.matcher(h.getLast().text());
            if (m.lookingAt()) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    /** The verbs that multiply a count. */
    private static final String TIMES = "double|triple|halve";
    private static final Pattern TIMES_AS_MANY = Pattern.compile("\\b(?:(" + TIMES + ")(?:\\s(?:it|that|them|this|those|the lot|my order"
            + "|the order|the number|the amount|the quantity|the qty|the count))?+\\b(?!\\s(?:bed|size|duvet|sheet|room)|[\\s-]?+check)|twice as many\\b"
            + "|\\bcut\\s(?:it|that|them|those|the lot|the order)\\sin\\shalf\\b"
            // "client wants the plugs doubled": the line named, then what is done to its count
            + "|(?<=\\s)(doubl|tripl|halv)ed\\b)");
    /** "halve the Monroe line", "double the mugs please": the words that name the line. */
    private static final Pattern TIMES_THE_LINE = Pattern.compile("\\b(?:" + TIMES + ")\\s(?:the|my|those|these)\\s"
            + "(?!(?:lot|order|number|amount|quantity|quantities|qty|count)\\b)([a-z][a-z0-9'&-]*+(?:\\s[a-z0-9'&-]++){0,3}?)(?:\\s(?:line|lines|ones|order|lot|please|pls|then))*+$"
            + "|\\b(?:the|my|those|these)\\s(?!(?:lot|order|number|amount|quantity|quantities|qty|count)\\b)([a-z][a-z0-9'&-]*+(?:\\s[a-z0-9'&-]++){0,3}?)"
            + "(?:\\s(?:line|lines|ones|order))?+\\s(?:doubled|tripled|halved)\\b");
    private static final Pattern SAME_COUNT = Pattern.compile("\\b(?:the\\s)?+same\\s(?:number|amount|quantity|qty|count|again of)\\b"
            + "|\\bas many\\b|\\bsame again\\s*+$");
    /** "And the same again for my daughter Siobhan", "same again pls": what was just added, as many again. */
    private static final Pattern SAME_AGAIN = Pattern.compile("^(?:(?:ok|okay|and|so|oh|plus|also)\\s)*+(?:the\\s)?+same\\sagain"
            + "(?:\\s(?:please|pls|plz|too|as well|for\\s[a-z' ]{1,40}+))?+$");

    /** Another product pointed at beside the question: "that red hoodie from the first list", "the $43.95 one". */
    private static final Pattern ANOTHER_POINTED_AT = Pattern.compile("\\b(?:that|those|these)\\s(?!(?:is|was|one|ones|will|would|does|do)\\b)[a-z]"
            + "|\\bthe\\s[^,.?!]{0,30}?\\bones?\\b|[$\\d]");
    /** A question put to "it", the product in focus: "does it last long?", "it is strong?", "is this one warm?". */
    private static final Pattern ASKS_OF_IT = Pattern.compile("\\b(?:is|does|did|will|can|would|has|could)\\s(?:it|this|that)\\b"
            + "|\\bit\\s(?:is|has|does|will|can)\\b[^.!?]*+\\?");

    /**
     * "what is the power please? it is strong?", "does it last long? si it'll come off wen i eat" with a product in focus: a
     * question about it, however the model read the word asked about ("power", "long"), which names nothing shown. A look at
     * the one in focus, never a search for the word.
     */
    private static List<Understanding> askedOfTheFocus(LlmRequest request, List<Understanding> all) {
        Understanding u = all.getFirst();
        if (all.size() != 1 || request.state() != State.PRODUCT_FOCUS || request.context() == null || request.userText() == null
                || !request.tools().contains(Event.GET_PRODUCT_DETAILS)) {
            return all;
        }
        Object asked = u.intent() == Intent.GET_PRODUCT_DETAILS ? u.slots().get("product")
                : u.intent() == Intent.SEARCH_PRODUCTS && u.slots().keySet().equals(java.util.Set.of("query")) ? u.slots().get("query") : null;
        String focus = contextLine(request.context(), FOCUS).toLowerCase(java.util.Locale.ROOT);
        String text = Utterance.of(request.userText()).text();
        if (!(asked instanceof String words) || focus.isEmpty() || !ASKS_OF_IT.matcher(text).find() || ANOTHER_POINTED_AT.matcher(text).find()) {
            return all;
        }
        java.util.Set<String> shownWords = new java.util.HashSet<>(nameWords(focus));
        shownNames(request.context()).forEach(n -> shownWords.addAll(nameWords(n.toLowerCase(java.util.Locale.ROOT))));
        boolean namesOne = SPACE.splitAsStream(words.toLowerCase(java.util.Locale.ROOT)).anyMatch(shownWords::contains);
        return namesOne ? all : List.of(new Understanding(Intent.GET_PRODUCT_DETAILS, Map.of(), u.confidence(), u.source() + "+asked-of-the-focus"));
    }

    /** "And the same again for my daughter Siobhan" right after "Added 1 × *X*": as many of X again. */
    private static List<Understanding> sameAgain(LlmRequest request, List<Understanding> all) {
        if (all.size() != 1 || !request.tools().contains(Event.ADD_TO_CART) || all.getFirst().intent() == Intent.ADD_TO_CART
                || !SAME_AGAIN.matcher(Utterance.of(request.userText()).bare()).matches()) {
            return all;
        }
        return lastCount(request).filter(m -> m.pattern() == BotWords.ADDED)
                .map(m -> List.of(new Understanding(Intent.ADD_TO_CART, OfflineNlu.productAndCount(m.group(2).toLowerCase(java.util.Locale.ROOT),
                        Integer.parseInt(m.group(1))), 0.85, "context:same-again")))
                .orElse(all);
    }

    /**
     * "undo that" read against the bot's last reply: after "Added 2 × *X*", two of what was just added out (the line as
     * it was before, not the whole line); after "Removed *X*", X back; after anything else (a count set, a list) the
     * cart shown, nothing changed, since what it was before is not known.
     */
    private static Understanding undone(String lastReply) {
        Matcher added = BotWords.ADDED.matcher(lastReply);
        if (added.lookingAt()) {
            return new Understanding(Intent.REMOVE_FROM_CART, Map.of("quantity", Integer.parseInt(added.group(1))), 0.9, "answer:undo-add");
        }
        Matcher removed = BotWords.REMOVED.matcher(lastReply);
        if (removed.lookingAt()) {
            return new Understanding(Intent.ADD_TO_CART, Map.of("product", removed.group(1)), 0.9, "answer:undo-remove");
        }
        return new Understanding(Intent.VIEW_CART, Map.of(), 0.9, "answer:undo-unknown");
    }

    /** "Kit Coffee Table | Matte Black" is a coffee table: the name before its variant, without its first word when more are left. */
    private static String kindOf(String name) {
        String plain = VARIANT.split(name, 2)[0].strip().toLowerCase(java.util.Locale.ROOT);
        return SPACE.split(plain).length >= 3 ? plain.substring(plain.indexOf(' ') + 1) : plain;
    }

    /** A product's name as the bot writes it, between asterisks: in its offer of something like it, in a choice of "Which one?". */
    private static final Pattern STARRED = Pattern.compile("\\*([^*\\n]{2,200}+)\\*");
    private static final Pattern SPACE = Pattern.compile(" ");
    private static final Pattern VARIANT = Pattern.compile("(?<!\\s)(?:\\s*+[|,(]|\\s++-\\s|\\s++in\\s|\\s++by\\s)");
    /** How the engine numbers each product it asks about. */
    private static final Pattern CHOICE = Pattern.compile("\\d{1,2}\\.\\s\\*");
    private static final Pattern EVERY_ONE = Pattern.compile("(?:(?:ok|okay|oh|hmm|um|well)\\s)?+(?:both|both of them|all of them|all|each|each of them"
            + "|the two|the two of them|both please|all please|both pls)(?:\\s(?:please|pls|thanks))?+");

    private ToolCall call(Understanding u) {
        Event function = u.intent().function().orElseThrow();
        return new ToolCall("offline-" + callIds.incrementAndGet(), function.wireName(), JSON.writeValueAsString(u.slots()));
    }

    @Override
    public List<float[]> getEmbeddings(List<String> texts) {
        return embeddings.embed(texts);
    }
}
