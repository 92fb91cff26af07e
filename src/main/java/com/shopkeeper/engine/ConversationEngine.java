package com.shopkeeper.engine;

import com.shopkeeper.cart.CartLine;
import com.shopkeeper.conversation.Conversation;
import com.shopkeeper.conversation.ConversationMachine;
import com.shopkeeper.conversation.ConversationRepository;
import com.shopkeeper.conversation.Event;
import com.shopkeeper.conversation.Message;
import com.shopkeeper.conversation.MessageRepository;
import com.shopkeeper.conversation.Refusal;
import com.shopkeeper.conversation.State;
import com.shopkeeper.conversation.Transition;
import com.shopkeeper.conversation.TransitionLog;
import com.shopkeeper.conversation.TransitionTable;
import com.shopkeeper.conversation.TransitionTable.Decision;
import com.shopkeeper.llm.FunctionCall;
import com.shopkeeper.llm.LlmProvider;
import com.shopkeeper.llm.LlmReply;
import com.shopkeeper.llm.LlmRequest;
import com.shopkeeper.llm.LlmUnavailableException;
import com.shopkeeper.llm.MalformedCallException;
import com.shopkeeper.llm.ToolCall;
import com.shopkeeper.messaging.InboundMessage;
import com.shopkeeper.messaging.MessageProcessor;
import com.shopkeeper.messaging.Reply;
import com.shopkeeper.shopper.ShopperRepository;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.exception.IntegrityConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One shopper message, end to end, with the conversation already locked by the worker: record it,
 * ask the model (offered only the functions the state allows), gate each proposed call through the
 * machine, execute what is allowed, persist the state, the context and the transition log in one
 * transaction, and answer. The model never decides prices, totals or state.
 */
@Service
@ConditionalOnProperty(name = "shopkeeper.processor", havingValue = "engine", matchIfMissing = true)
class ConversationEngine implements MessageProcessor {

    private static final Logger log = LoggerFactory.getLogger(ConversationEngine.class);
    /** A model may chain a few calls in one turn ("add the second one and show my cart"). */
    private static final int MAX_CALLS_PER_TURN = 3;

    private final LlmProvider llm;
    private final ConversationMachine machine;
    private final ConversationRepository conversations;
    private final MessageRepository messages;
    private final TransitionLog transitions;
    private final ShopperRepository shoppers;
    private final CallExecutor calls;
    private final PromptBuilder prompts;
    private final ReplyWriter replies;
    private final EngineMetrics metrics;
    private final EngineProperties props;
    private final TransactionTemplate tx;

    ConversationEngine(LlmProvider llm, ConversationMachine machine, ConversationRepository conversations,
                       MessageRepository messages, TransitionLog transitions, ShopperRepository shoppers,
                       CallExecutor calls, PromptBuilder prompts, ReplyWriter replies,
                       EngineMetrics metrics, EngineProperties props, TransactionTemplate tx) {
        this.llm = llm;
        this.machine = machine;
        this.conversations = conversations;
        this.messages = messages;
        this.transitions = transitions;
        this.shoppers = shoppers;
        this.calls = calls;
        this.prompts = prompts;
        this.replies = replies;
        this.metrics = metrics;
        this.props = props;
        this.tx = tx;
    }

    @Override
    public Outcome process(InboundMessage message, Conversation conversation) {
        long started = System.nanoTime();
        Optional<Message> recorded = record(conversation.id(), message);
        if (recorded.isEmpty()) {
            log.info("conversation={} message already processed, skipped", conversation.id());
            return Outcome.replies(conversation, List.of());
        }
        String messageId = recorded.get().id();
        metrics.turn(conversation.state());

        Conversation current = conversation;
        List<Reply> out = new ArrayList<>();
        long llmNanos = 0;
        if (message.text().isBlank()) {
            out.add(Reply.text(message.media().isEmpty() ? replies.didNotUnderstand()
                    : "Thanks for the picture! I can only read text for now: tell me what you're looking for."));
        } else {
            // The cart is read once for the prompt and the first call's guards.
            List<CartLine> cart = calls.cartLines(current.id());
            LlmRequest request = prompts.build(current, message.text(), cart);
            long llmStarted = System.nanoTime();
            LlmReply reply;
            try {
                reply = llm.generateResponse(request);
                metrics.llmCall(llm.name(), reply.usage(), Duration.ofNanos(System.nanoTime() - llmStarted), "ok");
            } catch (LlmUnavailableException e) {
                metrics.llmCall(llm.name(), null, Duration.ofNanos(System.nanoTime() - llmStarted), "unavailable");
                log.warn("conversation={} LLM unavailable ({}); state kept", conversation.id(), e.getMessage());
                return answer(current, List.of(Reply.text(replies.unavailable())), started, System.nanoTime() - llmStarted);
            }
            llmNanos = System.nanoTime() - llmStarted;
            Step turn = handle(current, request, reply, messageId, cart);
            out.addAll(turn.replies());
            current = turn.conversation();
        }
        return answer(current, out, started, llmNanos);
    }

    /** A recorded message is dealt with once the bot answered it; until then a redelivery takes it up again. */
    @Override
    public boolean dealtWith(Message recorded) {
        return messages.answeredAfter(recorded.conversationId(), recorded.id());
    }

    /** The model's answer, acted on: the replies, and the conversation as it now stands. */
    private Step handle(Conversation conversation, LlmRequest request, LlmReply reply, String messageId,
                        List<CartLine> cart) {
        List<Reply> out = new ArrayList<>();
        List<ToolCall> toolCalls = reply.toolCalls();
        if (toolCalls.isEmpty()) {
            Optional<Event> wanted = reply.intent() == null ? Optional.empty()
                    : Event.ofWireName(reply.intent()).filter(Event::isFunction);
            if (wanted.isPresent() && !TransitionTable.allows(conversation.state(), wanted.get())) {
                // The model understood a call that this state does not allow: refuse it on the edge it tried.
                out.add(Reply.text(refuse(conversation, wanted.get(), Refusal.NOT_ALLOWED_NOW, messageId, null)));
                return new Step(conversation, out, false);
            }
            if (wanted.isEmpty() || request.tools().contains(wanted.get())) {
                out.add(Reply.text(chat(reply, conversation)));
                return new Step(conversation, out, false);
            }
            // Allowed here but not offered, because it could only repeat what the context says (an
            // empty cart, no order yet; PromptBuilder.offered): run it as called, so that the shopper
            // hears what the call says ("your cart is empty") whichever model understood them.
            toolCalls = List.of(new ToolCall("engine-" + messageId, wanted.get().wireName(), "{}"));
        }
        Conversation current = conversation;
        List<CartLine> knownCart = cart;
        for (ToolCall toolCall : toolCalls.stream().limit(MAX_CALLS_PER_TURN).toList()) {
            Optional<Event> named = Event.ofWireName(toolCall.name()).filter(Event::isFunction);
            if (named.isPresent() && !TransitionTable.allows(current.state(), named.get())) {
                out.add(Reply.text(refuse(current, named.get(), Refusal.NOT_ALLOWED_NOW, messageId, null)));
                break;
            }
            FunctionCall call;
            try {
                call = llm.executeFunctionCall(toolCall,
                        new LlmRequest(request.system(), request.context(), request.history(), request.userText(),
                                current.state(), TransitionTable.allowedFunctions(current.state())));
            } catch (MalformedCallException e) {
                metrics.malformed();
                log.info("conversation={} malformed call from the model: {}", current.id(), e.getMessage());
                out.add(Reply.text(replies.malformed()));
                break;
            }
            Step step = step(current, call, messageId, knownCart);
            knownCart = null; // a call may have changed the cart: the next one reads it again
            out.addAll(step.replies());
            current = step.conversation();
            if (step.refused()) {
                break;
            }
        }
        return new Step(current, out, false);
    }

    private record Step(Conversation conversation, List<Reply> replies, boolean refused) {
    }

    /** Gate one call through the machine and, if allowed, run it and persist everything in one transaction. */
    private Step step(Conversation conversation, FunctionCall call, String messageId, List<CartLine> knownCart) {
        EngineContext ctx = EngineContext.read(conversation.context());
        CallExecutor.Prepared prepared = calls.prepare(conversation, call, ctx, knownCart);
        Decision decision = machine.fire(conversation.state(), call.event(), prepared.facts());
        if (decision instanceof Decision.Refused refused) {
            String text = refuse(conversation, call.event(), refused.reason(), messageId, prepared);
            return new Step(conversation, List.of(Reply.text(text)), true);
        }
        Decision.Applied applied = (Decision.Applied) decision;
        try {
            if (CallExecutor.reachesOut(call)) {
                // It calls an outside service (the payment provider): outside the transaction, so
                // that a slow network never holds the database's write lock; its own writes commit
                // on their own, and the step is recorded after.
                CallExecutor.Effect effect = calls.execute(conversation, prepared, ctx);
                return tx.execute(status -> persist(conversation, call, applied.to(), effect, messageId));
            }
            return tx.execute(status -> persist(conversation, call, applied.to(), calls.execute(conversation, prepared, ctx),
                    messageId));
        } catch (CallExecutor.LateRefusal late) {
            String text = refuse(conversation, call.event(), late.reason, messageId, prepared);
            return new Step(conversation, List.of(Reply.text(text)), true);
        }
    }

    /** An applied call's step: the state, the engine's memory and the transition log, in the caller's transaction. */
    private Step persist(Conversation conversation, FunctionCall call, State to, CallExecutor.Effect effect, String messageId) {
        Conversation saved = conversations.save(conversation.withState(to)
                .withContext(effect.context().write()).withActiveProduct(effect.activeProductId()));
        transitions.append(conversation.id(), conversation.state(), call.event().wireName(), to,
                Transition.Outcome.APPLIED, null, messageId);
        metrics.applied(call.event(), conversation.state(), to);
        log.info("conversation={} {} -[{}]-> {}", conversation.id(), conversation.state(), call.event().wireName(), to);
        return new Step(saved, effect.replies(), false);
    }

    private String refuse(Conversation c, Event event, Refusal reason, String messageId, CallExecutor.Prepared prepared) {
        // One transaction, as for an applied call (the log's numbering and its after-commit event).
        // The conversation's last activity was set when the pipeline took the message.
        tx.executeWithoutResult(s -> transitions.append(c.id(), c.state(), event.wireName(), c.state(),
                Transition.Outcome.REFUSED, reason.code(), messageId));
        metrics.refused(event, reason);
        log.info("conversation={} {} -[{}]-> refused: {}", c.id(), c.state(), event.wireName(), reason.code());
        boolean cartEmpty = prepared == null ? calls.cartLines(c.id()).isEmpty() : prepared.cartEmpty();
        return replies.refusal(reason, event, c.state(), cartEmpty, prepared == null ? null : prepared.product());
    }

    private String chat(LlmReply reply, Conversation conversation) {
        String intent = reply.intent() == null ? LlmReply.OTHER : reply.intent();
        return switch (intent) {
            case LlmReply.GREETING -> replies.greeting(shoppers.find(conversation.userId()).map(s -> s.name()).orElse(null),
                    props.shopName());
            case LlmReply.HELP -> replies.help();
            default -> reply.text() == null || reply.text().isBlank() ? replies.didNotUnderstand() : reply.text().strip();
        };
    }

    /**
     * Records the shopper's message, once ever. A redelivered message (a worker died mid-turn, or the
     * turn failed and is retried) that was recorded but never answered is processed again; one that
     * was answered is skipped. A first delivery is one statement: the insert, whose unique platform
     * message id is the check; only a message already there is looked up.
     */
    private Optional<Message> record(String conversationId, InboundMessage message) {
        try {
            return Optional.of(messages.append(conversationId, Message.Role.USER, message.text(), message.platformMessageId()));
        } catch (IntegrityConstraintViolationException | DuplicateKeyException seenBefore) {
            if (message.platformMessageId() == null) {
                throw seenBefore; // not a message seen before: some other constraint
            }
            Optional<Message> seen = messages.findByPlatformMessageId(message.platformMessageId());
            if (seen.isEmpty() || !seen.get().conversationId().equals(conversationId)) {
                return Optional.empty(); // recorded by another delivery at the same moment, which answers it
            }
            return messages.answeredAfter(conversationId, seen.get().id()) ? Optional.empty() : seen;
        }
    }

    /**
     * Records the replies; the engine's own time is the turn's minus the model's. (The pipeline
     * refreshes the conversation cache after every processor, this one included.)
     */
    private Outcome answer(Conversation conversation, List<Reply> out, long started, long llmNanos) {
        for (Reply r : out) {
            messages.append(conversation.id(), Message.Role.ASSISTANT, r.text(), null);
        }
        metrics.engineOverhead(Duration.ofNanos(Math.max(0, System.nanoTime() - started - llmNanos)));
        return new Outcome(out, conversation);
    }
}
