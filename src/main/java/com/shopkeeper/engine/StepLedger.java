package com.shopkeeper.engine;

import com.shopkeeper.conversation.Conversation;
import com.shopkeeper.conversation.ConversationRepository;
import com.shopkeeper.conversation.Event;
import com.shopkeeper.conversation.Refusal;
import com.shopkeeper.conversation.State;
import com.shopkeeper.conversation.Transition;
import com.shopkeeper.conversation.TransitionLog;
import com.shopkeeper.conversation.Turn;
import com.shopkeeper.conversation.TurnRepository;
import com.shopkeeper.llm.FunctionCall;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How a step of a turn is written down, each in one transaction: the conversation's state and
 * memory, the transition log, the replies and the turn ledger's count land together or not at all,
 * so a turn taken up again never applies a step twice ({@link ConversationEngine} decides; this
 * records).
 */
@Component
class StepLedger {

    private static final Logger log = LoggerFactory.getLogger(StepLedger.class);

    /** Where a step left the turn and the conversation. */
    record Step(Turn turn, Conversation conversation) {
    }

    private final ConversationRepository conversations;
    private final TurnRepository turns;
    private final TransitionLog transitions;
    private final EngineMetrics metrics;
    private final TransactionTemplate tx;

    StepLedger(ConversationRepository conversations, TurnRepository turns, TransitionLog transitions, EngineMetrics metrics,
               TransactionTemplate tx) {
        this.conversations = conversations;
        this.turns = turns;
        this.transitions = transitions;
        this.metrics = metrics;
        this.tx = tx;
    }

    /** A step that only answers (nothing to gate, nothing changed); the last of its turn. */
    Step answered(Turn turn, int index, String planJson, Conversation c, String text) {
        return tx.execute(s -> {
            Conversation after = withoutPendingAdd(c, 0);
            return new Step(turns.step(turn, index, planJson, List.of(reply(text)), true), after);
        });
    }

    /** A step that says again what the step before it did ("add the voltix one, the smart plug"): counted, nothing changed. */
    Step restated(Turn turn, int index, String planJson, Conversation c, boolean last) {
        return tx.execute(s -> new Step(turns.step(turn, index, planJson, List.of(), last), c));
    }

    /** A turn the bot could not make sense of: answered, and counted ({@code misses} in a row, this one included). */
    Step missed(Turn turn, int index, String planJson, Conversation c, String text, int misses) {
        return tx.execute(s -> {
            Conversation after = withoutPendingAdd(c, misses);
            return new Step(turns.step(turn, index, planJson, List.of(reply(text)), true), after);
        });
    }

    /** A message while a person has the conversation: recorded, and the bot says nothing. */
    Step quiet(Turn turn, Conversation c) {
        return tx.execute(s -> new Step(turns.step(turn, 0, null, List.of(), true), c));
    }

    /**
     * An outside move the engine itself makes (the bot failed the shopper twice: a person takes
     * over), logged with its reason and answered with {@code text}; the turn ends.
     */
    Step moved(Turn turn, int index, String planJson, Conversation c, Event event, State to, String reason, String text) {
        return tx.execute(s -> {
            EngineContext ctx = EngineContext.read(c.context()).withPendingAdd(null).withMisses(0);
            Conversation saved = conversations.save(c.withState(to).withContext(ctx.write()));
            transitions.append(c.id(), c.state(), event.wireName(), to, Transition.Outcome.APPLIED, reason, turn.messageId());
            conversations.askForPerson(c.id(), reason);
            if (to == State.HANDOFF) {
                conversations.handoffReason(c.id(), reason);
            }
            metrics.applied(event, c.state(), to);
            log.info("conversation={} {} -[{}]-> {} ({})", c.id(), c.state(), event.wireName(), to, reason);
            return new Step(turns.step(turn, index, planJson, List.of(reply(text)), true), saved);
        });
    }

    /**
     * An add that waited for "which one?" waits one turn only: a turn that answered something else
     * (refused, or only talked) drops it, so a later "the first one" is a look, not an add. The
     * count of turns missed in a row is set too ({@code misses}; null keeps it).
     */
    private Conversation withoutPendingAdd(Conversation c, Integer misses) {
        EngineContext ctx = EngineContext.read(c.context());
        int count = misses == null ? ctx.misses() : misses;
        return ctx.pendingAdd() == null && ctx.pendingRemove() == null && ctx.misses() == count ? c
                : conversations.save(c.withContext(ctx.withPendingAdd(null).withMisses(count).write()));
    }

    /**
     * An applied call: the state, the engine's memory, the transition log (marked when the offline
     * understanding stood in for the model, or when a person is needed), the replies and the count.
     * {@code effect} runs inside the transaction; a call that reached an outside service passes the
     * effect it already had.
     */
    Step applied(Turn turn, int index, Plan plan, boolean last, Conversation c, FunctionCall call, State to,
                 Supplier<CallExecutor.Effect> effect) {
        return tx.execute(status -> {
            CallExecutor.Effect e = effect.get();
            String planJson = index == 0 ? plan.write() : null;
            // Whatever ran, an add that waited for "which one?" no longer does, unless the call is that add's own
            // search of the kind ("add 2 yoga blocks": the list, and the pick completes the add).
            Conversation saved = conversations.save(c.withState(to)
                    .withContext(e.context().withPendingAdd(e.pendingAdd()).withMisses(0).withSeen(e.activeProductId()).write())
                    .withActiveProduct(e.activeProductId()));
            transitions.append(c.id(), c.state(), call.event().wireName(), to, Transition.Outcome.APPLIED,
                    reason(plan.fallback(), e.flag()), turn.messageId());
            if (e.flag() != null) {
                conversations.askForPerson(c.id(), e.flag());
            }
            if (to == State.HANDOFF) {
                conversations.handoffReason(c.id(), e.flag() != null ? e.flag() : call.event().wireName());
            }
            Turn stepped = turns.step(turn, index, planJson,
                    e.replies().stream().map(r -> Turn.Reply.of(r.text(), r.mediaUrls(), r.choices())).toList(), last);
            metrics.applied(call.event(), c.state(), to);
            log.info("conversation={} {} -[{}]-> {}", c.id(), c.state(), call.event().wireName(), to);
            return new Step(stepped, saved);
        });
    }

    /**
     * A refused call, logged on the edge it tried and answered with {@code text}; the turn ends. The
     * conversation's last activity was set when the pipeline took the message.
     */
    Step refused(Turn turn, int index, String planJson, Conversation c, Event event, Refusal reason, String text) {
        Step step = tx.execute(s -> {
            Conversation after = withoutPendingAdd(c, null);
            transitions.append(c.id(), c.state(), event.wireName(), c.state(), Transition.Outcome.REFUSED, reason.code(),
                    turn.messageId());
            return new Step(turns.step(turn, index, planJson, List.of(reply(text)), true), after);
        });
        metrics.refused(event, reason);
        log.info("conversation={} {} -[{}]-> refused: {}", c.id(), c.state(), event.wireName(), reason.code());
        return step;
    }

    /** A numbered question between shown products: they become the list a number refers to; the state stays. */
    Step askedWhich(Turn turn, int index, String planJson, Conversation c, Event event, EngineContext narrowed,
                    com.shopkeeper.messaging.Reply question) {
        Step step = tx.execute(s -> {
            Conversation updated = conversations.save(c.withContext(narrowed.write()));
            transitions.append(c.id(), c.state(), event.wireName(), c.state(), Transition.Outcome.REFUSED,
                    Refusal.AMBIGUOUS_PRODUCT.code(), turn.messageId());
            return new Step(turns.step(turn, index, planJson,
                    List.of(Turn.Reply.of(question.text(), List.of(), question.choices())), true), updated);
        });
        metrics.refused(event, Refusal.AMBIGUOUS_PRODUCT);
        return step;
    }

    private static Turn.Reply reply(String text) {
        return Turn.Reply.of(text, List.of());
    }

    private static String reason(String fallback, String flag) {
        return fallback == null ? flag : flag == null ? fallback : flag + "; " + fallback;
    }
}
