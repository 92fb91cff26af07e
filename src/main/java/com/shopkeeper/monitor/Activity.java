package com.shopkeeper.monitor;

import com.shopkeeper.conversation.Event;
import com.shopkeeper.conversation.State;
import com.shopkeeper.conversation.TransitionTable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The machine at work: conversations standing in each state now, and the traffic along each edge
 * over a window. A refused call is counted on the edge it tried ({@code to} is where the table
 * would have taken it; for a call the state does not allow at all, where that call leads from
 * elsewhere), so the visualizer can draw it where the shopper tried to go.
 */
record Activity(Instant from, Instant to, long windowSeconds, Map<State, Integer> counts, List<Edge> edges) {

    record Edge(String from, String event, String to, String outcome, String reason, long count, double perMinute) {
    }

    static double perMinute(long count, Duration window) {
        double minutes = window.toMillis() / 60_000.0;
        return minutes <= 0 ? 0 : Math.round(count / minutes * 100) / 100.0;
    }

    /** Where a call of {@code event} in {@code from} was headed, per the table. */
    static State triedTarget(State from, String event) {
        return Event.ofWireName(event).map(e -> {
            var here = TransitionTable.rows(from, e);
            if (!here.isEmpty()) {
                return here.getFirst().to();
            }
            return TransitionTable.rows().stream().filter(r -> r.event() == e).map(TransitionTable.Row::to)
                    .findFirst().orElse(from);
        }).orElse(from);
    }
}
