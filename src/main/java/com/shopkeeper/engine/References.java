package com.shopkeeper.engine;

import com.shopkeeper.cart.CartItem;
import com.shopkeeper.catalog.Product;
import com.shopkeeper.catalog.search.ProductSearch;
import com.shopkeeper.llm.FunctionCall;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Which product a call means, decided once per call (issue 14, item 3): against what the shopper was
 * shown, the product in focus and a sku; a name nothing on screen has only by a catalog match whose
 * name carries the words said. Two shown products that fit equally are choices to ask about. A call
 * that would act on a guess is read as what the shopper can safely be shown instead.
 */
@Component
class References {

    /**
     * The product a call refers to, or the shown products it could mean (two or more), or neither;
     * {@code onlyByAttributes}: it was picked only by an attribute the list did not show.
     */
    record Resolution(Product product, List<Product> choices, boolean onlyByAttributes) {
        static final Resolution NONE = new Resolution(null, List.of(), false);

        Resolution {
            choices = List.copyOf(choices);
        }

        Resolution(Product product, List<Product> choices) {
            this(product, choices, false);
        }

        boolean isNone() {
            return product == null && choices.isEmpty();
        }
    }

    /**
     * The call to carry out, as read against the screen, with what it refers to. {@code pendingAdd}: an add of a kind ("add 2
     * yoga blocks") read as a search of that kind waits, with its count, for the shopper to say which; null otherwise.
     */
    record Reading(FunctionCall call, Resolution resolution, Integer pendingAdd) {
        Reading(FunctionCall call, Resolution resolution) {
            this(call, resolution, null);
        }
    }

    private static final Pattern DIGITS = Pattern.compile("\\d+");
    private static final Pattern NOT_A_WORD = Pattern.compile("[^\\p{L}\\p{N}]++");
    // "the green one", "those solar ones", "is it waterproof": the message points at something.
    private static final Pattern POINTING = Pattern.compile(
            "\\b(?:the|that|this|those|these)\\s+(?:[\\p{L}\\p{N}'&-]+\\s+){0,4}?ones?\\b|\\b(?:it|that one|this one)\\b");
    // "details on the Fable one", "what's the blue one made of?": a question about a product, not a pick.
    // A question mark alone asks nothing: "the Glow Theory one?" answers "Which one do you mean?" with a rising voice.
    private static final Pattern ASKS_ABOUT = Pattern.compile("\\b(?:details?|info|information|tell me|about|specs?|describe|show me)\\b"
            // a question word asks where a clause starts with it, or with a "?" ("The ergonomic one. My wrist is not what it
            // was." asks nothing; "the ergonomic one, what is it made of" does)
            + "|(?:^|[.,;:!?-]\\s*+)(?:(?:and|so|but|ok|okay|also)\\s)?+(?:what|what's|how|does|do they|is it|are they)\\b");
    /** The words that make a "?" a question ("is the blue one matte?"), not the rise of an answer. */
    private static final Pattern QUESTION_WORD = Pattern.compile("\\b(?:is|are|has|have|can|could|will|would|which|any|what|what's|how"
            + "|does|do)\\b");
    private static boolean asksAbout(String said) {
        return ASKS_ABOUT.matcher(said).find() || said.indexOf('?') >= 0 && QUESTION_WORD.matcher(said).find();
    }

    // "yes that one", "ok that one pls", "yep, this!": agreeing, then pointing, and nothing more ("yeah that one's
    // too big" is no yes).
    private static final Pattern AGREES = Pattern.compile("^(?:yes|yeah|yep|yup|ok|okay|sure|perfect|great)[\\s,.!]++(?:that|this|it)"
            + "(?:\\s++ones?)?+(?:[\\s,]++(?:please|pls|thanks|then|will do|works))?+[\\s.!]*+$");
    /** "the Stillwater one", "that tatum one": one word, then "one". */
    private static final Pattern THE_WORD_ONE = Pattern.compile("\\b(?:the|that|this)\\s([a-z0-9'&-]++)\\s(?:one|ones)\\b");
    private static final Pattern WANTS_OTHERS = Pattern.compile(
            "\\b(?:other|others|another|else|more|different|similar|any|like|cheaper|pricier|alternatives?|options?)\\b");

    private final ProductResolver resolver;
    private final ProductSearch search;

    References(ProductResolver resolver, ProductSearch search) {
        this.resolver = resolver;
        this.search = search;
    }

    /**
     * The call as it will run. A "search" that only points at a shown product ("the gren one", "tell
     * me about the Astor ones") shows that product. An add whose product the shopper was never shown
     * (a name nothing listed, in focus or by sku has), or that picks only by an attribute the list
     * did not show ("the purple one" when no shown name says purple), is a guess: the product is
     * shown instead, with its "reply add" prompt, and nothing enters the cart until they say so.
     * Unless the name is whole: two or more words, every one in the name of one product of the catalog
     * and of no other ("add the Peakform yoga mat" from a shopper who bought it before), which names it.
     *
     * @param said the shopper's message when the call is the turn's only one, else null
     * @param cart the cart's lines, read only when a count names a product that may be in it
     */
    Reading read(FunctionCall call, EngineContext ctx, String activeProductId, String said, Supplier<List<CartItem>> cart) {
        Product pasted = pastedWhole(call, ctx, said);
        if (pasted != null) {
            // "Heavy-Duty Dual Monitor Arm by Workform (Silver) - show me that one": the name copied from the list says which
            return new Reading(call, new Resolution(pasted, List.of()));
        }
        Reading r = readTheRef(call, ctx, activeProductId, said, cart);
        boolean asksWhich = r.resolution().product() == null && r.resolution().choices().size() >= 2
                && (r.call() instanceof FunctionCall.AddToCart || r.call() instanceof FunctionCall.GetProductDetails);
        if (!asksWhich || said == null) {
            return r;
        }
        // The words read as the name fit several; the rest of the message may say which ("one of the Lark in the amber
        // jar"). An add by a word the list did not show (a brand only its details say) shows that product instead.
        return resolver.namedByMessage(r.resolution().choices(), said)
                .map(n -> r.call() instanceof FunctionCall.AddToCart && !n.byWhatWasShown()
                        ? new Reading(new FunctionCall.GetProductDetails(n.product().name()), new Resolution(n.product(), List.of()))
                        : Optional.ofNullable(r.call() instanceof FunctionCall.GetProductDetails d
                                ? answersWhich(d, new Resolution(n.product(), List.of()), ctx, said) : null)
                                .orElseGet(() -> new Reading(r.call(), new Resolution(n.product(), List.of()), r.pendingAdd())))
                .orElseGet(() -> notRuledOut(r, ctx, said));
    }

    /**
     * "Which one do you mean?" answered by naming one of the choices (by the call's words, or by the rest of the message:
     * "The thousand-piece one. Well, the Wonderbox thousand-piece"): after an add, it completes the add; after a remove of
     * one of the cart's lines, that line is taken out (by its whole name: "the first" of the choices is not the cart's
     * first line). Asking about one ("details on the Fable 2-burner") is a question first. Null when no such answer.
     */
    private static Reading answersWhich(FunctionCall.GetProductDetails d, Resolution r, EngineContext ctx, String said) {
        boolean namesAChoice = r.product() != null && ctx.shown().contains(r.product().id())
                && (said == null || !asksAbout(said.toLowerCase(Locale.ROOT)));
        if (namesAChoice && ctx.pendingAdd() != null) {
            return new Reading(new FunctionCall.AddToCart(d.productRef() == null ? r.product().name() : d.productRef(), ctx.pendingAdd()), r);
        }
        if (namesAChoice && ctx.pendingRemove() != null) {
            return new Reading(new FunctionCall.RemoveFromCart(r.product().name(), ctx.pendingRemove() == 0 ? null : ctx.pendingRemove()), r);
        }
        return null;
    }

    /**
     * The one product of the list on screen whose whole name the message has, as copied from the list, when the call
     * itself only points ("that one", "it", nothing); null otherwise.
     */
    private Product pastedWhole(FunctionCall call, EngineContext ctx, String said) {
        String ref = switch (call) {
            case FunctionCall.AddToCart a -> a.productRef();
            case FunctionCall.GetProductDetails d -> d.productRef();
            default -> null;
        };
        boolean picks = call instanceof FunctionCall.AddToCart || call instanceof FunctionCall.GetProductDetails;
        if (!picks || said == null || ctx.shown().isEmpty() || ref != null && !resolver.onlyPoints(ref)) {
            return null;
        }
        String t = said.toLowerCase(Locale.ROOT);
        List<Product> named = resolver.shown(ctx.shown()).stream().filter(p -> t.contains(p.name().toLowerCase(Locale.ROOT))).toList();
        return named.size() == 1 ? named.getFirst() : null;
    }

    /**
     * "Not the kids one. The other space gray": the choices the message does not rule out, and of them the one of the kind
     * the last search asked for when one alone is (of a kids' toothbrush, another toothbrush, a keyboard and a charger, all
     * space gray, the other toothbrush). Several left is a shorter question; none ruled out, the question as it was.
     */
    private Reading notRuledOut(Reading r, EngineContext ctx, String said) {
        List<Product> left = resolver.notRuledOut(r.resolution().choices(), said);
        if (left.isEmpty()) {
            return r;
        }
        List<Product> asked = left.size() == 1 ? left : ofTheKindAsked(left, ctx);
        return asked.size() == 1 ? new Reading(r.call(), new Resolution(asked.getFirst(), List.of()), r.pendingAdd())
                : new Reading(r.call(), new Resolution(null, left), r.pendingAdd());
    }

    private Reading readTheRef(FunctionCall call, EngineContext ctx, String activeProductId, String said, Supplier<List<CartItem>> cart) {
        Reading before = seenOrInCart(call, ctx, activeProductId, said, cart);
        if (before != null) {
            return before;
        }
        return switch (call) {
            case FunctionCall.SearchProducts s when answersWhichByPrice(s, ctx) -> {
                // "Which one do you mean?" after an add, answered "cheaper one": the cheaper of the choices, added.
                String ref = s.change() == FunctionCall.Change.CHEAPER ? "cheapest" : "most expensive";
                yield new Reading(new FunctionCall.AddToCart(ref, ctx.pendingAdd()), product(ref, ctx, activeProductId, false));
            }
            case FunctionCall.SearchProducts s -> {
                Product answer = answersWhichByName(s, ctx, said);
                if (answer != null) {
                    // "Which one?" waiting after "stillwater espresso machine. add it.", answered "semi-automatic.": the one
                    // product asked about whose name says it, added with the count asked for
                    yield new Reading(new FunctionCall.AddToCart(s.query(), ctx.pendingAdd()), new Resolution(answer, List.of()));
                }
                Resolution pointed = pointsAtShown(s, ctx, activeProductId, said);
                if (pointed == null) {
                    // "do you also have the Stillwater one?" while a cutting board is in focus: Stillwater's cutting board
                    Optional<Product> ofTheKind = ofTheKindInFocus(s, activeProductId, said);
                    yield ofTheKind.map(p -> new Reading(new FunctionCall.GetProductDetails(s.query()), new Resolution(p, List.of())))
                            .orElseGet(() -> new Reading(call, Resolution.NONE));
                }
                yield new Reading(new FunctionCall.GetProductDetails(s.query()), pointed);
            }
            case FunctionCall.GetProductDetails d -> {
                Resolution seen = product(d.productRef(), ctx, activeProductId, false);
                if (seen.isNone() && namesSeveral(d.productRef())) {
                    // "tell me about the tatum" while looking at mice: of Tatum's products, the mouse, the kind searched for
                    Optional<Product> ofTheKind = plural(d.productRef()) ? Optional.empty() : ofTheKindSearched(d.productRef(), ctx)
                            .filter(p -> resolver.nameSays(p, ctx.lastQuery()));
                    if (ofTheKind.isPresent()) {
                        yield new Reading(call, new Resolution(ofTheKind.get(), List.of()));
                    }
                    // "may I see the dolls?" with no doll on screen: the dolls, not the first of them; "what costs the
                    // Sonique?" with nothing of Sonique's on screen: Sonique's products, not the first of them.
                    yield new Reading(new FunctionCall.SearchProducts(d.productRef(), null, null, null, null), Resolution.NONE);
                }
                Resolution r = orInCatalog(d.productRef(), seen, ctx);
                Reading answered = d.productRef() == null || d.productRef().isBlank() ? null : answersWhich(d, r, ctx, said);
                if (answered != null) {
                    yield answered;
                }
                // "yes that one" when the list held one product, offered with "add 1": the offer taken.
                boolean takesTheOnlyOne = said != null && ctx.shown().size() == 1 && r.product() != null
                        && r.product().id().equals(ctx.shown().getFirst()) && !r.product().id().equals(activeProductId)
                        && resolver.onlyPoints(d.productRef()) && AGREES.matcher(said.toLowerCase(Locale.ROOT)).find();
                yield takesTheOnlyOne ? new Reading(new FunctionCall.AddToCart(null, 1), r) : new Reading(call, r);
            }
            case FunctionCall.AddToCart a -> {
                Resolution onScreen = product(a.productRef(), ctx, activeProductId, false);
                boolean named = a.productRef() != null && !a.productRef().isBlank();
                Optional<Product> lookedAt = named || onScreen.product() != null ? Optional.empty() : lookedAtAlone(onScreen.choices(), ctx, cart);
                if (lookedAt.isPresent()) {
                    yield new Reading(call, new Resolution(lookedAt.get(), List.of()));
                }
                if (named && onScreen.isNone()) {
                    // "another of the helmets" with other products listed since: the cart's line its words name
                    Optional<Product> line = lineNamed(a.productRef(), cart.get(), activeProductId);
                    if (line.isPresent()) {
                        yield new Reading(call, new Resolution(line.get(), List.of()));
                    }
                    Reading byName = namedOffScreen(a);
                    if (byName != null) {
                        yield byName;
                    }
                }
                if (named && onScreen.onlyByAttributes() && ctx.pendingAdd() != null && onScreen.product() != null
                        && ctx.shown().contains(onScreen.product().id())) {
                    // "Which one do you mean?" answered "the blue one": of the few choices asked about, the one that is blue,
                    // as many as were asked for unless the answer says another count
                    yield new Reading(new FunctionCall.AddToCart(a.productRef(), a.quantity() == 1 ? ctx.pendingAdd() : a.quantity()),
                            new Resolution(onScreen.product(), List.of()));
                }
                if (named && onScreen.onlyByAttributes()) {
                    // "also Brightwell Smart LED Bulb 4-Pack x1", "the Quillmere yoga mat" with yoga blocks shown: words that
                    // are in one product's name and in no other's name it, as they do when nothing on screen shares a word.
                    Optional<Product> whole = resolver.catalogOnlyNaming(a.productRef());
                    if (whole.isPresent() && whole.get().id().equals(onScreen.product().id())) {
                        yield new Reading(call, new Resolution(whole.get(), List.of()));
                    }
                }
                if (named && onScreen.onlyByAttributes() && onScreen.product() != null && !ctx.shown().contains(onScreen.product().id())
                        && !onScreen.product().id().equals(activeProductId)) {
                    // "also 2 yoga blocks for me" with rain boots listed: the catalog's first yoga block was no pick of the
                    // shopper's; a kind the catalog has several of is listed, the add of two waiting for which
                    Reading byName = namedOffScreen(a);
                    if (byName != null) {
                        yield byName;
                    }
                }
                if (named && onScreen.onlyByAttributes() && onScreen.product() != null && onScreen.product().id().equals(activeProductId)) {
                    // "ok add the bamboo one" with the one whose details said "Material: Bamboo" in focus: seen, no guess
                    yield new Reading(call, new Resolution(onScreen.product(), List.of()));
                }
                if (named && (onScreen.isNone() || onScreen.onlyByAttributes())) {
                    yield new Reading(new FunctionCall.GetProductDetails(a.productRef()), orInCatalog(a.productRef(), onScreen, ctx));
                }
                yield new Reading(call, onScreen);
            }
            case FunctionCall.RemoveFromCart r -> {
                List<Product> alike = resolver.linesNamedAlike(r.productRef(), cart.get());
                if (!alike.isEmpty()) {
                    // "remove the Hollis" with two Hollis lines: which one is a question, never "that isn't in your cart"
                    yield new Reading(call, new Resolution(null, alike));
                }
                // "drop one" with a stapler line and a notebook line, the notebook (one of it) in focus: which line loses
                // one is a question, not the line in focus gone
                yield takesOutAWholeLineUnsaid(r, activeProductId, said, cart)
                        ? new Reading(call, new Resolution(null, resolver.shown(cart.get().stream().map(CartItem::productId).toList())))
                        : new Reading(call, Resolution.NONE);
            }
            case FunctionCall.SetQuantity q when q.productRef() != null && !q.productRef().isBlank() -> {
                // "Which one do you mean?" after an add, answered "the Monroe ones, 2 packs": one of the choices, and how
                // many of it; the add it completes, not a change to a line it has none of yet. So is a count of a product
                // on the list that no line of the cart is ("the Vale stemless one 2 sets pls" with the glasses listed), or
                // of one an earlier list showed ("I take one box of the Brooklyn stemless glasses" once they were taken out).
                Resolution r = product(q.productRef(), ctx, activeProductId, false);
                boolean listed = r.product() != null && !r.onlyByAttributes()
                        && (ctx.shown().contains(r.product().id()) || ctx.listed().contains(r.product().id()));
                boolean noLine = listed && ctx.pendingAdd() == null && noLineNamed(q.productRef(), r.product().id(), cart.get(), activeProductId);
                if (listed && (ctx.pendingAdd() != null || noLine)) {
                    yield new Reading(new FunctionCall.AddToCart(q.productRef(), q.quantity()), r);
                }
                // "and the A5 Notebook by Ledger Lab, x20" with a cart open: a product named whole, or a kind, that no line
                // is: the add of that many, as an add naming it would be read (shown to confirm when only a kind is named)
                if (r.isNone() && ctx.pendingAdd() == null && ProductResolver.saysAKind(q.productRef())
                        && resolver.resolveInCart(q.productRef(), cart.get(), activeProductId).isEmpty()) {
                    Reading asAdd = namedOffScreen(new FunctionCall.AddToCart(q.productRef(), q.quantity()));
                    if (asAdd != null) {
                        yield asAdd;
                    }
                }
                // "+ Kit metal stapler qty 2" with organizers listed (one of them "metal"): words that name one product of the
                // catalog whole, and no line of the cart, are an add of that many of it
                if (ctx.pendingAdd() == null && resolver.resolveInCart(q.productRef(), cart.get(), activeProductId).isEmpty()) {
                    Optional<Product> whole = resolver.catalogOnlyNaming(q.productRef())
                            .filter(p -> ProductResolver.lineOf(cart.get(), p.id()).isEmpty());
                    if (whole.isPresent()) {
                        yield new Reading(new FunctionCall.AddToCart(q.productRef(), q.quantity()), new Resolution(whole.get(), List.of()));
                    }
                }
                yield new Reading(call, Resolution.NONE);
            }
            default -> new Reading(call, Resolution.NONE);
        };
    }

    /**
     * "and the sleeping bag from earlier, two of them": a product said to be one seen before is the one looked at or
     * listed before whose name says it, even when the list on screen has another of that name; "another stove like the
     * one in my cart" is one more of the cart's line. Null when the message says neither, or nothing fits.
     */
    private Reading seenOrInCart(FunctionCall call, EngineContext ctx, String activeProductId, String said, Supplier<List<CartItem>> cart) {
        String ref = switch (call) {
            case FunctionCall.AddToCart a -> a.productRef();
            case FunctionCall.SetQuantity q -> q.productRef();
            case FunctionCall.GetProductDetails d -> d.productRef();
            default -> null;
        };
        if (ref == null || ref.isBlank() || said == null) {
            return null;
        }
        String t = said.toLowerCase(Locale.ROOT);
        if (call instanceof FunctionCall.AddToCart && IN_THE_CART.matcher(t).find()) {
            // "another stove like the one in my cart": the cart's line its words name, whatever the list on screen has
            Optional<Product> line = lineNamed(ref, cart.get(), activeProductId);
            if (line.isPresent()) {
                return new Reading(call, new Resolution(line.get(), List.of()));
            }
        }
        if (!FROM_EARLIER.matcher(t).find()) {
            return null;
        }
        Resolution earlier = seenBefore(ref, ctx, null, List.of()); // what is on screen too: "from earlier" says it was seen
        if (earlier.isNone()) {
            return null;
        }
        return switch (call) {
            case FunctionCall.SetQuantity q when ProductResolver.lineOf(cart.get(), earlier.product().id()).isEmpty() ->
                    new Reading(new FunctionCall.AddToCart(ref, q.quantity()), earlier);
            case FunctionCall.SetQuantity q -> null;
            default -> new Reading(call, earlier);
        };
    }

    private static final Pattern POINTS = Pattern.compile("\\b(?:it|that|this|them|those|these)\\b");

    /**
     * Whether a removal says how many and neither which line nor "it" ("drop one", "take 1 off"), with two lines or more in
     * the cart, and that many would take the line in focus out whole (or none is in focus): which line is unsaid. One fewer
     * of the two staplers just added ("remove 1") is still the staplers.
     */
    private static boolean takesOutAWholeLineUnsaid(FunctionCall.RemoveFromCart r, String activeProductId, String said,
                                                    Supplier<List<CartItem>> cart) {
        if (r.quantity() == null || r.productRef() != null && !r.productRef().isBlank() || said == null
                || POINTS.matcher(said.toLowerCase(Locale.ROOT)).find() || cart.get().size() < 2) {
            return false; // the cart is read only for a count said alone
        }
        return ProductResolver.lineOf(cart.get(), activeProductId).map(line -> line.quantity() <= r.quantity()).orElse(true);
    }

    private static final Pattern IN_THE_CART = Pattern.compile("\\b(?:one|ones|same as|like)\\s(?:(?:i\\s(?:have|put|added)\\s)?+in|from|of)\\s"
            + "(?:my|the)\\s(?:cart|basket|bag|trolley)\\b|\\bi (?:already )?+(?:added|have in (?:my|the) (?:cart|basket))\\b");
    private static final Pattern FROM_EARLIER = Pattern.compile("\\b(?:from (?:earlier|before)|(?:you )?+showed me (?:earlier|before|first)"
            + "|i (?:looked at|saw|asked (?:you )?+about) (?:earlier|before)|i asked (?:you )?+about\\b(?!\\s++(?:the|it|this|that))"
            + "|(?:the )?earlier one|again)\\b");

    /**
     * With an add waiting for which, the one shown product whose name has every word of a search that is the whole message
     * ("semi-automatic."), a hyphenated word in its parts on both sides; else null ("are any of those blackout?" asks, and
     * answers no "which one?").
     */
    private Product answersWhichByName(FunctionCall.SearchProducts s, EngineContext ctx, String said) {
        if (ctx.pendingAdd() == null || said == null || s.query() == null || s.query().isBlank() || s.minPrice() != null
                || s.maxPrice() != null || s.category() != null || s.change() != null) {
            return null;
        }
        List<String> asked = List.of(NOT_A_WORD.split(s.query().toLowerCase(Locale.ROOT).strip()));
        if (!List.of(NOT_A_WORD.split(said.toLowerCase(Locale.ROOT).strip())).equals(asked)) {
            return null;
        }
        List<Product> naming = resolver.shown(ctx.shown()).stream()
                .filter(p -> List.of(NOT_A_WORD.split(p.name().toLowerCase(Locale.ROOT))).containsAll(asked)).toList();
        return naming.size() == 1 ? naming.getFirst() : null;
    }

    /** Whether a search only asks for cheaper or pricier, with nothing else, while an add waits for a choice among those shown. */
    private static boolean answersWhichByPrice(FunctionCall.SearchProducts s, EngineContext ctx) {
        return ctx.pendingAdd() != null && ctx.shown().size() >= 2 && s.query() == null && s.category() == null
                && s.maxPrice() == null && s.minPrice() == null
                && (s.change() == FunctionCall.Change.CHEAPER || s.change() == FunctionCall.Change.PRICIER);
    }

    /** The product of the one line of {@code cart} whose name says the words {@code ref} (never by its place or a pointer). */
    private Optional<Product> lineNamed(String ref, List<CartItem> cart, String activeProductId) {
        if (resolver.onlyPoints(ref) || DIGITS.matcher(ref.strip()).matches()) {
            return Optional.empty();
        }
        return resolver.resolveInCart(ref, cart, activeProductId).flatMap(i -> resolver.shown(List.of(i.productId())).stream().findFirst())
                .filter(p -> resolver.nameSays(p, ref));
    }

    /** Whether no line of {@code cart} is the product {@code productId}, nor one the words {@code ref} name. */
    private boolean noLineNamed(String ref, String productId, List<CartItem> cart, String activeProductId) {
        return ProductResolver.lineOf(cart, productId).isEmpty()
                && (ProductResolver.picksByPrice(ref) || resolver.resolveInCart(ref, cart, activeProductId).isEmpty());
    }

    /**
     * An add naming what nothing on screen is, by words that say what it is, where the catalog has
     * several products whose names carry every word ("add it. and a lipstick please"): a kind, not a
     * product, and the shopper is shown them to pick from. Otherwise null: the product named is shown
     * to confirm (a name the shopper was never shown is not acted on, however well it fits).
     */
    private Reading namedOffScreen(FunctionCall.AddToCart a) {
        String ref = a.productRef();
        if (!ProductResolver.saysAKind(ref)) {
            return null; // "the blue one" with nothing blue shown: no kind named, nothing to search
        }
        Optional<Product> only = resolver.catalogOnlyNaming(ref);
        if (only.isPresent()) {
            // "add the Peakform yoga mat": every word said is in its name and in no other's, so it is named, not guessed.
            return new Reading(a, new Resolution(only.get(), List.of()));
        }
        // The add waits for the pick: "the nova ones" after the list completes it, with the count said.
        return resolver.catalogNamingEvery(ref).size() >= 2
                ? new Reading(new FunctionCall.SearchProducts(ref, null, null, null, null), Resolution.NONE, a.quantity()) : null;
    }

    /**
     * Whether a look that nothing on screen answers names several products of the catalog, by name or type: a kind in
     * the plural ("the dolls", "the yoga blocks"), or words no one product's name says whole ("the Sonique", "a foam
     * roller"): a list of them, as a search would show, rather than the first of them.
     */
    private boolean namesSeveral(String ref) {
        return ref != null && ProductResolver.saysAKind(ref) && resolver.catalogNamingEvery(ref).size() >= 2
                && (plural(ref) || resolver.catalogOnlyNaming(ref).isEmpty());
    }

    /** Whether the phrase's last word is a plural ("dolls", "yoga blocks"), not a word that ends in s ("glass", "dress"). */
    private static boolean plural(String ref) {
        String r = ref.strip().toLowerCase(Locale.ROOT);
        String last = r.substring(r.lastIndexOf(' ') + 1);
        return last.length() >= 4 && last.endsWith("s") && !last.endsWith("ss") && !last.endsWith("'s") && !last.endsWith("us")
                && last.chars().allMatch(Character::isLetter);
    }

    /** The product {@code ref} means on screen; with {@code catalog}, else the catalog's match whose name says it. */
    private Resolution product(String ref, EngineContext ctx, String activeProductId, boolean catalog) {
        // "which one is cheaper?" after two products were compared: the cheaper of those two, not of the whole list
        List<String> among = ctx.compared().size() >= 2 && ProductResolver.picksByPrice(ref) ? ctx.compared() : ctx.shown();
        ProductResolver.Match match = resolver.match(ref, among, activeProductId);
        Resolution onScreen;
        if (match.product().isPresent()) {
            onScreen = new Resolution(match.product().get(), List.of(), match.onlyByAttributes());
            onScreen = match.inPart() ? namedInPart(ref, onScreen) : onScreen;
        } else if (!match.tied().isEmpty() && !match.onlyByAttributes() && match.tied().stream().noneMatch(p -> resolver.nameSays(p, ref))) {
            // Tied on a word or two of a longer name ("the Peakform yoga mat" against two yoga blocks on
            // screen): none of them is what was named; the catalog's product that is, to confirm.
            onScreen = resolver.catalogMatchNaming(ref).map(p -> new Resolution(p, List.of(), true))
                    .orElseGet(() -> new Resolution(null, match.tied(), match.onlyByAttributes()));
        } else if (!match.tied().isEmpty()) {
            onScreen = salient(match.tied(), ctx, activeProductId, ref).map(p -> new Resolution(p, List.of(), match.onlyByAttributes()))
                    // the shopper is asked which; the catalog is not searched
                    .orElseGet(() -> new Resolution(null, match.tied(), match.onlyByAttributes()));
        } else if (activeProductId == null && ctx.compared().size() >= 2 && resolver.onlyPoints(ref)) {
            // "add one" after "how does the first compare to the second?": which of the two is a question.
            return new Resolution(null, resolver.shown(ctx.compared()));
        } else if (activeProductId == null && ctx.shown().size() >= 2 && resolver.onlyPoints(ref)) {
            // "add it", "add one of them" after a list, nothing in focus: which of them is a question, not a guess; unless
            // one product alone on it is what the search asked for ("how much is it" after "a wall clock" listed one wall
            // clock and a mirror), by its name or its type (two activity trackers of type "fitness tracker" are two more).
            List<Product> listed = resolver.shown(ctx.shown());
            List<Product> asked = ofTheKindAsked(listed, ctx);
            return asked.size() == 1 ? new Resolution(asked.getFirst(), List.of()) : new Resolution(null, listed);
        } else {
            onScreen = seenBefore(ref, ctx, activeProductId, ctx.shown());
        }
        return catalog ? orInCatalog(ref, onScreen, ctx) : onScreen;
    }

    /** Of {@code products}, those the last search asked for, by their name or their type; none when there was no search. */
    private List<Product> ofTheKindAsked(List<Product> products, EngineContext ctx) {
        String asked = ctx.lastQuery();
        return asked == null || asked.isBlank() ? List.of()
                : products.stream().filter(p -> resolver.nameSaysAll(p, asked) || resolver.typeSaysAll(p, asked)).toList();
    }

    /**
     * "add 1" after a list of several of the kind asked for: the one of them the shopper looked at before, when they looked
     * at one alone and it is not in the cart ("the marlow ones", a complaint, the rain boots listed again, "add 1").
     */
    private Optional<Product> lookedAtAlone(List<Product> choices, EngineContext ctx, Supplier<List<CartItem>> cart) {
        List<Product> ofTheKind = choices.size() < 2 ? List.of() : ofTheKindAsked(choices, ctx);
        if (ofTheKind.size() < 2) {
            return Optional.empty();
        }
        java.util.Set<String> inCart = cart.get().stream().map(CartItem::productId).collect(java.util.stream.Collectors.toSet());
        List<Product> lookedAt = ofTheKind.stream().filter(p -> ctx.seen().contains(p.id()) && !inCart.contains(p.id())).toList();
        return lookedAt.size() == 1 ? Optional.of(lookedAt.getFirst()) : Optional.empty();
    }

    /**
     * A name that fits nothing on the list or in focus may fit a product the shopper looked at before ("swap it for
     * the Sonique" after "and the Sonique one?" three turns ago) or was shown in an earlier list: that one, when its
     * name says it, alone, of those not in focus or in {@code onScreen}. Otherwise none, and the catalog or a question
     * answers as before.
     */
    private Resolution seenBefore(String ref, EngineContext ctx, String activeProductId, List<String> onScreen) {
        if (resolver.onlyPoints(ref)) {
            return Resolution.NONE;
        }
        if (ProductResolver.kindWithPlace(ref) != null) {
            // "the very first candle you listed at the start" with string lights on screen: the first candle of the lists
            // before it (latest first), never the first product of the list on screen
            return resolver.placeAmongKind(ref, ctx.listed()).map(p -> new Resolution(p, List.of())).orElse(Resolution.NONE);
        }
        if (ProductResolver.saysAPrice(ref)) {
            // "and the 22 dollar blue one also" once "which one?" narrowed the list to the 30 dollar ones: the one product
            // at that price of the lists before, when one alone is
            List<String> earlier = ctx.listed().stream().filter(id -> !onScreen.contains(id)).toList();
            ProductResolver.Match before = earlier.isEmpty() ? null : resolver.match(ref, earlier, null);
            return before != null && before.product().isPresent() ? new Resolution(before.product().get(), List.of()) : Resolution.NONE;
        }
        // Looked at one by one first, then listed earlier ("tell me about the Quincy one" after a search that showed
        // drawers): the one product of them its name says, alone.
        for (List<String> before : List.of(ctx.seen(), ctx.listed())) {
            List<String> earlier = before.stream().filter(id -> !id.equals(activeProductId) && !onScreen.contains(id)).toList();
            Optional<Product> named = earlier.isEmpty() ? Optional.empty() : resolver.namedAmong(ref, earlier);
            if (named.isPresent()) {
                return new Resolution(named.get(), List.of());
            }
        }
        return Resolution.NONE;
    }

    /**
     * A shown product whose name has fewer than half the words said ("the Brewtown thermal flask" when
     * the list showed a Brewtown mug) is not what was named: the catalog's match whose name says them,
     * if there is one, else the shown product as a guess to confirm, never a product to act on.
     */
    private Resolution namedInPart(String ref, Resolution onScreen) {
        return resolver.catalogMatchNaming(ref)
                .filter(p -> !p.id().equals(onScreen.product().id()))
                .map(p -> new Resolution(p, List.of(), true))
                .orElseGet(() -> new Resolution(onScreen.product(), List.of(), true));
    }

    /**
     * A product named but not on screen: the catalog's best match, if its name says what the
     * shopper said ("the Voltix plug"); a best match on other words ("the puppy's small") is a guess,
     * and the shopper is asked instead.
     */
    private Resolution orInCatalog(String ref, Resolution onScreen, EngineContext ctx) {
        if (!onScreen.isNone() || ref == null || ref.strip().length() <= 2 || DIGITS.matcher(ref.strip()).matches()) {
            return onScreen;
        }
        Optional<Product> ofTheKind = ofTheKindSearched(ref, ctx);
        if (ofTheKind.isPresent()) {
            return new Resolution(ofTheKind.get(), List.of());
        }
        if (!ProductResolver.saysAKind(ref)) {
            // "the pink one" with nothing on screen and no kind searched for: a colour alone names no product of the
            // catalog (it had shown a pink hair dryer to a shopper asking about e-readers); they are asked which
            return Resolution.NONE;
        }
        // "the first candle" with no candle shown: no product is called that; "the first aid kit" is one
        return resolver.catalogMatchNaming(ref).filter(p -> ProductResolver.kindWithPlace(ref) == null || resolver.nameSaysAll(p, ref))
                .map(p -> new Resolution(p, List.of())).orElse(Resolution.NONE);
    }

    /**
     * One word of what it looks like or who makes it ("kids", "wood", "tatum") after a search describes one of that kind:
     * "the kids one" after electric toothbrushes is a kids' toothbrush, not a kids' scooter. The catalog's first match
     * for the word with the search's words, if its name says the word.
     */
    private Optional<Product> ofTheKindSearched(String ref, EngineContext ctx) {
        if (ctx.lastQuery() == null || ctx.lastQuery().isBlank() || ref.strip().contains(" ")) {
            return Optional.empty();
        }
        return firstOfKindNaming(ref, ctx.lastQuery());
    }

    /** The catalog's first match for a word with a kind ("tatum mouse", "stillwater cutting board"), if its name says the word. */
    private Optional<Product> firstOfKindNaming(String word, String kind) {
        return search.searchProducts(word + " " + kind, null, null, 1).stream().findFirst()
                .filter(p -> resolver.nameSays(p, word));
    }

    /**
     * "The X one" asked for while a product is in focus, X one word of a name or a maker ("do you have the Stillwater one?"
     * with a Copperleaf cutting board in focus): the one of the focused product's kind that X names, as the catalog's
     * first match for X with that kind, if its name says X and it is of that kind. Empty for anything else: a search
     * that asks for others ("any other Stillwater ones?"), prices, a kind of its own ("the Stillwater knives").
     */
    private Optional<Product> ofTheKindInFocus(FunctionCall.SearchProducts s, String activeProductId, String said) {
        if (said == null || activeProductId == null || s.query() == null || s.query().isBlank() || s.query().strip().contains(" ")
                || s.minPrice() != null || s.maxPrice() != null || s.category() != null) {
            return Optional.empty();
        }
        String t = said.toLowerCase(Locale.ROOT);
        String x = s.query().strip().toLowerCase(Locale.ROOT);
        if (THE_WORD_ONE.matcher(t).results().noneMatch(m -> m.group(1).equals(x)) || WANTS_OTHERS.matcher(t).find()) {
            return Optional.empty();
        }
        Optional<Object> kind = resolver.shown(List.of(activeProductId)).stream().findFirst()
                .map(p -> p.attributes() == null ? null : p.attributes().get("type"));
        if (kind.isEmpty() || !(kind.get() instanceof String type) || type.isBlank()) {
            return Optional.empty();
        }
        return firstOfKindNaming(s.query(), type)
                .filter(p -> !p.id().equals(activeProductId) && p.attributes() != null && type.equals(p.attributes().get("type")));
    }

    /**
     * Of products that fit a name equally well, the one the conversation makes stand out, if one
     * does: the product in focus, else the only one of the kind the shopper searched for ("the pink
     * one" after a search for night lights, when the list also held a pink sofa).
     */
    private Optional<Product> salient(List<Product> tied, EngineContext ctx, String activeProductId, String ref) {
        if (ref != null && tied.stream().map(p -> resolver.wordsInName(p, ref)).distinct().count() > 1) {
            // "the stackable walnut ones" with a walnut organizer (in focus) and a stackable one tied: each has a word the
            // other lacks, so neither is the one said; asked, not the one in focus by default (it had been added)
            return Optional.empty();
        }
        Optional<Product> focused = tied.stream().filter(p -> p.id().equals(activeProductId)).findFirst();
        if (focused.isPresent()) {
            return focused;
        }
        if (ctx.lastQuery() == null) {
            return Optional.empty();
        }
        // of the kind by its type too: "the anvil ones" of "Anvil Pruning Shears" and "Anvil Bypass Pruners", both pruning
        // shears, is asked about, not the one whose name repeats the search's words
        List<Product> ofTheKind = tied.stream().filter(p -> resolver.nameSays(p, ctx.lastQuery()) || resolver.typeSaysAll(p, ctx.lastQuery())).toList();
        if (ofTheKind.size() == 1) {
            return Optional.of(ofTheKind.getFirst());
        }
        // "Yung blue po" after "sonique slim": of a Sonique Slim charger and a Sonique fitness band, both midnight blue, the
        // one the whole search names, when it is of another type than the rest (a fitness band only shares the maker's
        // name); two purple soccer balls, or two Greer candles, of one type, are still asked about
        List<Product> wholly = ofTheKind.stream().filter(p -> resolver.nameSaysAll(p, ctx.lastQuery())).toList();
        if (wholly.size() == 1 && ofTheKind.stream().filter(p -> !p.id().equals(wholly.getFirst().id()))
                .allMatch(p -> ProductResolver.typeOf(p) != null && !ProductResolver.typeOf(p).equals(ProductResolver.typeOf(wholly.getFirst())))) {
            return Optional.of(wholly.getFirst());
        }
        // A chatty search ("a night light for my daughter's room um something pink maybe") says its kind
        // among other words: the one product whose name shares the most of them, if one does.
        return ofTheKind.isEmpty() ? resolver.sharesMostWords(tied, ctx.lastQuery(), ref) : Optional.empty();
    }

    /** The shown product(s) a search points at, or null when it is a search. */
    private Resolution pointsAtShown(FunctionCall.SearchProducts s, EngineContext ctx, String activeProductId, String said) {
        if (said == null || ctx.shown().isEmpty() || s.minPrice() != null || s.maxPrice() != null || s.category() != null) {
            return null;
        }
        String t = said.toLowerCase(Locale.ROOT);
        if (!POINTING.matcher(t).find() || WANTS_OTHERS.matcher(t).find()) {
            return null;
        }
        Resolution onScreen = product(s.query(), ctx, activeProductId, false);
        return onScreen.isNone() ? null : onScreen;
    }
}
