package com.shopkeeper.engine;

import com.shopkeeper.cart.Cart;
import com.shopkeeper.catalog.Product;
import com.shopkeeper.conversation.Conversation;
import com.shopkeeper.conversation.ConversationMachine;
import com.shopkeeper.conversation.Event;
import com.shopkeeper.conversation.Refusal;
import com.shopkeeper.conversation.State;
import com.shopkeeper.conversation.TransitionTable;
import com.shopkeeper.conversation.TransitionTable.Decision;
import com.shopkeeper.conversation.Turn;
import com.shopkeeper.llm.FunctionCall;
import com.shopkeeper.llm.LlmReply;
import com.shopkeeper.llm.LlmRequest;
import com.shopkeeper.llm.MalformedCallException;
import com.shopkeeper.llm.ToolCall;
import com.shopkeeper.messaging.InboundMessage;
import com.shopkeeper.messaging.MessageProcessor;
import com.shopkeeper.shopper.ShopperRepository;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Service;

/**
 * One turn of a conversation, with the conversation already locked by the worker and the shopper's
 * message recorded: ask the model (offered only the functions the state allows) unless the turn
 * already has its plan, then carry out the plan's steps from where the turn ledger says. Each step
 * is gated through the machine; its call is carried out by its handler ({@link CallExecutor}) and
 * written down by the {@link StepLedger} in one transaction with the state, the context, the
 * transition log and the replies: a turn taken up again never applies a step twice. The model never
 * decides prices, totals or state.
 */
@Service
@ConditionalOnProperty(name = "shopkeeper.processor", havingValue = "engine", matchIfMissing = true)
class ConversationEngine implements MessageProcessor {

    private static final Logger log = LoggerFactory.getLogger(ConversationEngine.class);
    /** Turns in a row the bot could not make sense of before a person takes over. */
    static final int MISSES_BEFORE_A_PERSON = 2;

    private final Understanding understanding;
    private final ConversationMachine machine;
    private final CallExecutor calls;
    private final StepLedger steps;
    private final PromptBuilder prompts;
    private final ReplyWriter replies;
    private final ShopperRepository shoppers;
    private final EngineMetrics metrics;
    private final EngineProperties props;

    ConversationEngine(Understanding understanding, ConversationMachine machine, CallExecutor calls, StepLedger steps,
                       PromptBuilder prompts, ReplyWriter replies, ShopperRepository shoppers, EngineMetrics metrics,
                       EngineProperties props) {
        this.understanding = understanding;
        this.machine = machine;
        this.calls = calls;
        this.steps = steps;
        this.prompts = prompts;
        this.replies = replies;
        this.shoppers = shoppers;
        this.metrics = metrics;
        this.props = props;
    }

    @Override
    public Conversation process(Turn turn, InboundMessage message, Conversation conversation) {
        long started = System.nanoTime();
        long llmNanos = 0;
        Plan plan;
        Cart cart = null;
        if (turn.plan() != null) {
            plan = Plan.read(turn.plan());
        } else {
            if (turn.stepsDone() > 0) {
                throw new IllegalStateException("turn of message " + turn.messageId() + " has steps but no plan");
            }
            metrics.turn(conversation.state());
            if (conversation.state() == State.HANDOFF) {
                // A person from the shop has the conversation: the message is on record for them, the bot is quiet.
                return steps.quiet(turn, conversation).conversation();
            }
            if (!message.order().isEmpty()) {
                // A cart sent from the shop's catalog is its call, as a tap is: nothing to understand, the table still decides.
                plan = new Plan(Event.ADD_LINES.wireName(), null, List.of(CatalogOrder.call(turn.messageId(), message.order())), null);
                return carryOut(turn, plan, conversation, calls.cart(conversation.id()), message.text(), started, 0);
            }
            if (message.text().isBlank()) {
                if (message.media().isEmpty()) {
                    return miss(turn, 0, null, conversation, replies.didNotUnderstand()).conversation();
                }
                say(turn, conversation, "Thanks for the picture! I can only read text for now: tell me what you're looking for.");
                return conversation;
            }
            // The cart is read once for the prompt and the first call's guards.
            cart = calls.cart(conversation.id());
            Optional<Tap.Meaning> tapped = Tap.of(message.choice(), "tap-" + turn.messageId());
            if (tapped.isPresent()) {
                // A tapped button or list row is its call: nothing to understand, the table still decides.
                metrics.tap();
                plan = switch (tapped.get()) {
                    case Tap.Meaning.Call c -> new Plan(c.call().name(), null,
                            throughTheCart(List.of(c.call()), conversation.state(), turn, cart.isEmpty()), null);
                    case Tap.Meaning.KeepBrowsing k -> new Plan(LlmReply.OTHER, replies.keepBrowsing(), List.of(), null);
                };
                return carryOut(turn, plan, conversation, cart, message.text(), started, 0);
            }
            LlmRequest request = prompts.build(conversation, message.text(), cart, turn.messageId());
            long llmStarted = System.nanoTime();
            Understanding.Understood understood = understanding.understand(request, conversation.id());
            llmNanos = System.nanoTime() - llmStarted;
            if (understood.reply() == null) {
                return miss(turn, 0, null, conversation, replies.unavailable()).conversation();
            }
            plan = plan(understood.reply(), request, conversation.state(), turn, understood.fallback(), cart.isEmpty());
        }
        return carryOut(turn, plan, conversation, cart, message.text(), started, llmNanos);
    }

    /** The plan's steps from where the ledger says, each gated, applied or refused, and written down. */
    private Conversation carryOut(Turn turn, Plan plan, Conversation conversation, Cart cart, String said, long started,
                                  long llmNanos) {
        Conversation current = conversation;
        for (int index = turn.stepsDone(); index < plan.steps(); index++) {
            StepLedger.Step step = step(turn, index, plan, current, index == 0 ? cart : null, said);
            turn = step.turn();
            current = step.conversation();
            if (turn.status() != Turn.Status.RECEIVED) {
                break;
            }
        }
        metrics.engineOverhead(Duration.ofNanos(Math.max(0, System.nanoTime() - started - llmNanos)));
        return current;
    }

    /**
     * The model's answer as steps. With no call, one that the model understood and this state
     * allows, but that was not offered because it could only repeat what the context says (an empty
     * cart, no order yet; PromptBuilder.offered), is made as called: the shopper hears what the call
     * says ("your cart is empty") whichever model understood them.
     */
    private static Plan plan(LlmReply reply, LlmRequest request, State state, Turn turn, String fallback, boolean cartEmpty) {
        List<ToolCall> toolCalls = reply.toolCalls();
        if (toolCalls.isEmpty()) {
            Optional<Event> wanted = wanted(reply.intent());
            if (wanted.isPresent() && TransitionTable.allows(state, wanted.get()) && !request.tools().contains(wanted.get())) {
                toolCalls = List.of(new ToolCall("engine-" + turn.messageId(), wanted.get().wireName(), "{}"));
            } else if (wanted.isPresent() && reply.text() == null && !cartEmpty
                    && TransitionTable.throughTheCart(state, wanted.get()).isPresent()) {
                // "checkout" while looking at a list: understood, but this state does not offer it.
                toolCalls = List.of(new ToolCall("engine-" + turn.messageId(), wanted.get().wireName(), "{}"));
            }
        }
        return new Plan(reply.intent(), reply.text(), throughTheCart(toolCalls, state, turn, cartEmpty), fallback);
    }

    /**
     * The calls with a look at the cart before each that only the cart allows ("checkout" or "remove
     * the lamp" while browsing, with something in the cart): the table's own way there, each step
     * gated as usual, rather than a refusal that tells the shopper to ask for the cart first. With
     * an empty cart there is nothing to look at: the calls as they are.
     */
    private static List<ToolCall> throughTheCart(List<ToolCall> calls, State state, Turn turn, boolean cartEmpty) {
        if (cartEmpty) {
            return calls;
        }
        List<ToolCall> out = new java.util.ArrayList<>(calls.size() + 1);
        State s = state;
        for (ToolCall call : calls) {
            Optional<Event> event = Event.ofWireName(call.name()).filter(Event::isFunction);
            State at = s;
            Optional<Event> detour = event.flatMap(e -> TransitionTable.throughTheCart(at, e));
            if (detour.isPresent()) {
                out.add(new ToolCall("engine-cart-" + turn.messageId() + "-" + out.size(), detour.get().wireName(), "{}"));
                s = TransitionTable.likelyNext(s, detour.get());
            }
            out.add(call);
            if (event.isPresent()) {
                s = TransitionTable.likelyNext(s, event.get());
            }
        }
        return out;
    }

    private static Optional<Event> wanted(String intent) {
        return intent == null ? Optional.empty() : Event.ofWireName(intent).filter(Event::isFunction);
    }

    /** A turn of one step that only answers (no plan, nothing to gate). */
    private void say(Turn turn, Conversation conversation, String text) {
        steps.answered(turn, 0, null, conversation, text);
    }

    /** Step {@code index} of the plan: gated, applied or refused, and counted in the ledger with its replies. */
    private StepLedger.Step step(Turn turn, int index, Plan plan, Conversation conversation, Cart knownCart, String said) {
        String planJson = index == 0 ? plan.write() : null;
        boolean last = index == plan.steps() - 1;
        if (plan.calls().isEmpty()) {
            Optional<Event> wanted = wanted(plan.intent());
            if (wanted.isPresent() && !TransitionTable.allows(conversation.state(), wanted.get())) {
                // The model understood a call that this state does not allow: refuse it on the edge it tried.
                return refuse(turn, index, planJson, conversation, wanted.get(), Refusal.NOT_ALLOWED_NOW, null);
            }
            if (missed(plan)) {
                return miss(turn, index, planJson, conversation, replies.didNotUnderstand());
            }
            return steps.answered(turn, index, planJson, conversation, chat(plan, conversation));
        }
        ToolCall toolCall = plan.calls().get(index);
        Optional<Event> named = Event.ofWireName(toolCall.name()).filter(Event::isFunction);
        if (named.isPresent() && !TransitionTable.allows(conversation.state(), named.get())) {
            return refuse(turn, index, planJson, conversation, named.get(), Refusal.NOT_ALLOWED_NOW, null);
        }
        FunctionCall proposed;
        try {
            // A catalog order's call is the engine's own, read here; any other goes through the model's
            // parser, which refuses add_lines: a model can never put lines in the cart by sku.
            proposed = CatalogOrder.madeFor(toolCall, turn.messageId()) ? CatalogOrder.read(toolCall)
                    : understanding.call(toolCall, new LlmRequest("", "", List.of(), "", conversation.state(),
                    TransitionTable.allowedFunctions(conversation.state())));
        } catch (MalformedCallException e) {
            metrics.malformed();
            log.info("conversation={} malformed call from the model: {}", conversation.id(), e.getMessage());
            if (e instanceof MalformedCallException.OutOfRange && named.isPresent()) {
                return refuse(turn, index, planJson, conversation, named.get(), Refusal.BAD_QUANTITY, null); // "500 units": the range, said
            }
            return miss(turn, index, planJson, conversation, replies.malformed());
        }
        EngineContext ctx = EngineContext.read(conversation.context());
        References.Reading reading = calls.read(proposed, ctx, conversation, plan.calls().size() == 1 ? said : null);
        FunctionCall call = reading.call();
        CallExecutor.Prepared prepared = calls.prepare(conversation, reading, ctx, knownCart);
        if (!prepared.choices().isEmpty()) {
            // A look that narrows the choices of an add still waiting ("idk the red one" after "Which one do you mean?")
            // keeps it waiting: the answer to the next question completes it.
            boolean narrows = call instanceof FunctionCall.GetProductDetails
                    && prepared.choices().stream().allMatch(p -> ctx.shown().contains(p.id()));
            Integer pendingAdd = call instanceof FunctionCall.AddToCart a ? a.quantity() : narrows ? ctx.pendingAdd() : null;
            // "remove the Hollis" with two Hollis lines: the remove waits for which line, all of it (0) or the count said
            Integer pendingRemove = call instanceof FunctionCall.RemoveFromCart r ? (r.quantity() == null ? 0 : r.quantity())
                    : narrows ? ctx.pendingRemove() : null;
            return askWhich(turn, index, planJson, conversation, call.event(), prepared.choices(), ctx.withPending(pendingAdd, pendingRemove));
        }
        if (restates(plan, index, conversation, call, prepared)) {
            return steps.restated(turn, index, planJson, conversation, last);
        }
        Decision decision = machine.fire(conversation.state(), call.event(), prepared.facts());
        if (decision instanceof Decision.Refused refused) {
            return refuse(turn, index, planJson, conversation, call.event(), refused.reason(), prepared);
        }
        Decision.Applied applied = (Decision.Applied) decision;
        List<String> compares = compares(plan, index, conversation, prepared);
        EngineContext running = ctx.withCompared(List.of()); // what the turn before weighed is read; this step says what it weighs
        try {
            if (CallExecutor.reachesOut(call)) {
                // It calls an outside service (the payment provider): outside the transaction, so
                // that a slow network never holds the database's write lock; its own writes commit
                // on their own (and make it safe to repeat: a link already made is reused), and the
                // step is recorded after.
                CallExecutor.Effect effect = calls.execute(conversation, prepared, running).waitingToAdd(reading.pendingAdd());
                return steps.applied(turn, index, plan, last, conversation, call, applied.to(), () -> effect);
            }
            return steps.applied(turn, index, plan, last, conversation, call, applied.to(),
                    () -> calls.execute(conversation, prepared, running).waitingToAdd(reading.pendingAdd()).comparing(compares));
        } catch (CallExecutor.LateRefusal late) {
            return refuse(turn, index, planJson, conversation, call.event(), late.reason, prepared);
        }
    }

    /**
     * Whether an add says again, in other words, what the add just before it in the same message added: "add the voltix
     * one please, the smart plug", "add the mug set verde, the sage green" name one product twice, and one is added, not
     * two. Only an add of one, by words of its own ("another one" is one more), of the product the add before it left in
     * focus.
     */
    private static boolean restates(Plan plan, int index, Conversation c, FunctionCall call, CallExecutor.Prepared prepared) {
        if (!(call instanceof FunctionCall.AddToCart a) || a.quantity() != 1 || a.productRef() == null || a.productRef().isBlank()
                || index == 0 || prepared.product() == null || !prepared.product().id().equals(c.activeProductId())) {
            return false;
        }
        ToolCall before = plan.calls().get(index - 1);
        return before.name().equals(Event.ADD_TO_CART.wireName()) && !before.argumentsJson().contains("\"" + a.productRef() + "\"");
    }

    /**
     * The products a look weighs against the one looked at just before it in the same turn ("how does the first
     * compare to the second?": two looks), else none. A comparison chooses neither, so neither stays in focus.
     */
    private static List<String> compares(Plan plan, int index, Conversation c, CallExecutor.Prepared prepared) {
        boolean looksAgain = prepared.call() instanceof FunctionCall.GetProductDetails && index > 0
                && plan.calls().get(index - 1).name().equals(Event.GET_PRODUCT_DETAILS.wireName());
        return looksAgain && c.activeProductId() != null && prepared.product() != null
                && !prepared.product().id().equals(c.activeProductId()) ? List.of(c.activeProductId(), prepared.product().id()) : List.of();
    }

    /**
     * Two or more shown products fit the name (issue 14, item 3): a numbered choice of them and
     * nothing else. They become the list a number refers to; the state stays.
     */
    private StepLedger.Step askWhich(Turn turn, int index, String planJson, Conversation c, Event event, List<Product> choices,
                                     EngineContext ctx) {
        EngineContext narrowed = ctx.withSearch(choices.stream().map(Product::id).toList(), ctx.lastQuery(), ctx.lastCategory(),
                ctx.lastMinPrice(), ctx.lastMaxPrice()).withPending(ctx.pendingAdd(), ctx.pendingRemove());
        return steps.askedWhich(turn, index, planJson, c, event, narrowed,
                com.shopkeeper.messaging.Reply.text(replies.whichOne(choices)).withChoices(replies.whichOneChoices(choices)));
    }

    /** A refused call: logged on the edge it tried, answered with what the shopper can do instead; the turn ends. */
    private StepLedger.Step refuse(Turn turn, int index, String planJson, Conversation c, Event event, Refusal reason,
                                  CallExecutor.Prepared prepared) {
        boolean cartEmpty = prepared == null ? calls.cart(c.id()).isEmpty() : prepared.cartEmpty();
        String text = reason == Refusal.NOTHING_TO_ADD && prepared != null && prepared.call() instanceof FunctionCall.AddLines lines
                // A catalog order of which nothing can go in: which lines, and why.
                ? replies.nothingAdded(LinesCall.Sorting.of(lines, prepared.products(), prepared.cart()), cartEmpty)
                : replies.refusal(reason, event, c.state(), cartEmpty, prepared == null ? null : prepared.product());
        return steps.refused(turn, index, planJson, c, event, reason, text);
    }

    /** A plan that says nothing the shopper can use: no call, not a greeting or help, and no words of the model's. */
    private static boolean missed(Plan plan) {
        String intent = plan.intent() == null ? LlmReply.OTHER : plan.intent();
        return !intent.equals(LlmReply.GREETING) && !intent.equals(LlmReply.HELP) && (plan.text() == null || plan.text().isBlank());
    }

    /**
     * A turn the bot could not make sense of. The second in a row hands the shopper to a person
     * (issue 16): the table's HANDED_OVER, logged with why; the bot then stays quiet until an admin
     * hands the conversation back.
     */
    private StepLedger.Step miss(Turn turn, int index, String planJson, Conversation c, String text) {
        int misses = EngineContext.read(c.context()).misses() + 1;
        if (misses >= MISSES_BEFORE_A_PERSON
                && machine.fire(c.state(), Event.HANDED_OVER, com.shopkeeper.conversation.Facts.NONE) instanceof Decision.Applied applied) {
            metrics.handedOver("bot_failed");
            return steps.moved(turn, index, planJson, c, Event.HANDED_OVER, applied.to(), "bot failed twice in a row",
                    replies.handedOverAfterMisses());
        }
        return steps.missed(turn, index, planJson, c, text, misses);
    }

    private String chat(Plan plan, Conversation conversation) {
        String intent = plan.intent() == null ? LlmReply.OTHER : plan.intent();
        return switch (intent) {
            case LlmReply.GREETING -> replies.greeting(shoppers.find(conversation.userId()).map(s -> s.name()).orElse(null),
                    props.shopName());
            case LlmReply.HELP -> replies.help();
            default -> plan.text() == null || plan.text().isBlank() ? replies.didNotUnderstand() : plan.text().strip();
        };
    }
}
