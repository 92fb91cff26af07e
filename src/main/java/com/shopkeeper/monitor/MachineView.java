package com.shopkeeper.monitor;

import com.shopkeeper.conversation.Guard;
import com.shopkeeper.conversation.State;
import com.shopkeeper.conversation.TransitionTable;
import java.util.Arrays;
import java.util.List;

/**
 * {@link TransitionTable} as JSON: every row, in the table's order. {@code guard} is null when the
 * row has none; {@code kind} tells the LLM's functions from outside events (payments, admins);
 * {@code offered}: when a function is put before the model (null for outside events).
 */
record MachineView(List<String> states, String initial, List<Row> transitions) {

    record Row(String from, String event, String to, String guard, String kind, String offered) {
    }

    static MachineView of(List<TransitionTable.Row> rows) {
        return new MachineView(Arrays.stream(State.values()).map(Enum::name).toList(), State.INITIAL.name(),
                rows.stream().map(r -> new Row(r.from().name(), r.event().wireName(), r.to().name(),
                        r.guard() == Guard.NONE ? null : r.guard().label(),
                        r.event().isFunction() ? "function" : "outside",
                        r.event().isFunction() ? r.offered().name().toLowerCase(java.util.Locale.ROOT) : null)).toList());
    }
}
