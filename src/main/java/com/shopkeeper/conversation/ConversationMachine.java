package com.shopkeeper.conversation;

import com.shopkeeper.conversation.TransitionTable.Decision;
import com.shopkeeper.conversation.TransitionTable.Row;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.statemachine.StateContext;
import org.springframework.statemachine.StateMachine;
import org.springframework.statemachine.config.StateMachineBuilder;
import org.springframework.statemachine.config.configurers.StateConfigurer;
import org.springframework.statemachine.support.DefaultStateMachineContext;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The conversation machine: spring-statemachine, built from {@link TransitionTable} and nothing
 * else. Callers see only {@link #fire}: it restores a machine to the conversation's persisted
 * state, sends the event with the facts the guards read, and reports which row was taken or why
 * the call was refused. Persisting the outcome is the caller's (one transaction with the
 * transition log and the side effects).
 *
 * <p>spring-statemachine is in maintenance mode; nothing outside this class knows it is there, so
 * it can be swapped for a plain reading of the table ({@link TransitionTable#decide}) without
 * touching callers.
 */
@Component
public class ConversationMachine {

    private static final String FACTS = "facts";
    private static final String TAKEN = "taken";

    /**
     * Idle machines by the state they stand in. Building a machine costs far more than resetting
     * one, and resetting (stop, reset, start) costs more than the event itself, so a machine
     * already standing in the conversation's state is taken as it is: after an event it is put
     * back under the state it ended in.
     */
    private final Map<State, Queue<StateMachine<State, Event>>> idle = idleQueues();

    public Decision fire(State current, Event event, Facts facts) {
        StateMachine<State, Event> machine = idle.get(current).poll();
        if (machine == null) {
            machine = anyIdle().orElseGet(ConversationMachine::build);
            restore(machine, current);
        } else {
            machine.getExtendedState().getVariables().clear();
        }
        boolean reusable = false;
        try {
            var message = MessageBuilder.withPayload(event).setHeader(FACTS, facts).build();
            machine.sendEvent(Mono.just(message)).blockLast();
            Row taken = (Row) machine.getExtendedState().getVariables().get(TAKEN);
            if (taken == null) {
                // A denied guard still reports ACCEPTED: whether a row was taken is what counts.
                List<Row> candidates = TransitionTable.rows(current, event);
                reusable = machine.getState().getId() == current;
                return new Decision.Refused(candidates.isEmpty() ? Refusal.NOT_ALLOWED_NOW
                        : candidates.getFirst().guard().refusal(facts));
            }
            if (machine.getState().getId() != taken.to()) {
                throw new IllegalStateException("machine ended in " + machine.getState().getId() + " but the row says " + taken.to());
            }
            reusable = true;
            return new Decision.Applied(taken);
        } finally {
            if (reusable) {
                idle.get(machine.getState().getId()).offer(machine);
            } // else: a machine in an unexpected state is dropped, never reused
        }
    }

    private Optional<StateMachine<State, Event>> anyIdle() {
        for (Queue<StateMachine<State, Event>> queue : idle.values()) {
            StateMachine<State, Event> machine = queue.poll();
            if (machine != null) {
                return Optional.of(machine);
            }
        }
        return Optional.empty();
    }

    private static Map<State, Queue<StateMachine<State, Event>>> idleQueues() {
        Map<State, Queue<StateMachine<State, Event>>> queues = new EnumMap<>(State.class);
        for (State s : State.values()) {
            queues.put(s, new ConcurrentLinkedQueue<>());
        }
        return Collections.unmodifiableMap(queues);
    }

    private static void restore(StateMachine<State, Event> machine, State state) {
        machine.stopReactively().block();
        machine.getExtendedState().getVariables().clear();
        machine.getStateMachineAccessor().doWithAllRegions(access ->
                access.resetStateMachineReactively(new DefaultStateMachineContext<>(state, null, null, null)).block());
        machine.startReactively().block();
    }

    static StateMachine<State, Event> build() {
        try {
            StateMachineBuilder.Builder<State, Event> builder = StateMachineBuilder.builder();
            builder.configureConfiguration().withConfiguration().autoStartup(false);
            StateConfigurer<State, Event> states = builder.configureStates().withStates().initial(State.INITIAL);
            for (State s : State.values()) {
                states.state(s);
            }
            var transitions = builder.configureTransitions();
            for (Row row : TransitionTable.rows()) {
                if (row.from() == row.to()) {
                    transitions.withInternal().source(row.from()).event(row.event())
                            .guard(ctx -> row.guard().test(facts(ctx))).action(ctx -> taken(ctx, row));
                } else {
                    transitions.withExternal().source(row.from()).target(row.to()).event(row.event())
                            .guard(ctx -> row.guard().test(facts(ctx))).action(ctx -> taken(ctx, row));
                }
            }
            return builder.build();
        } catch (Exception e) {
            throw new IllegalStateException("cannot build the conversation machine from the transition table", e);
        }
    }

    private static Facts facts(StateContext<State, Event> ctx) {
        Object facts = ctx.getMessageHeader(FACTS);
        return facts instanceof Facts f ? f : Facts.NONE;
    }

    private static void taken(StateContext<State, Event> ctx, Row row) {
        ctx.getExtendedState().getVariables().put(TAKEN, row);
    }
}
