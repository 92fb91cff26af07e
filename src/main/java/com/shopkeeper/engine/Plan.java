package com.shopkeeper.engine;

import com.shopkeeper.llm.ToolCall;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the model proposed for a turn, as the engine will carry it out: the calls to make (at most
 * {@link #MAX_CALLS}), or none and what to say. Kept in the turn ledger with the first step, so that a
 * turn taken up again (a retry, a redelivery after a crash or a deploy) goes on with the same calls
 * instead of asking the model again, whose second answer might differ.
 *
 * @param intent what the model understood (a function's wire name, greeting, help, other), or null
 * @param text   the model's words for the shopper, when it made no call
 * @param calls  the calls, in order
 * @param fallback null when the configured model made the plan, else why the offline understanding
 *               made it instead ({@link Understanding}); marked on the transitions it leads to
 */
record Plan(String intent, String text, List<ToolCall> calls, String fallback) {

    /** A model may chain a few calls in one turn ("add the second one and show my cart"). */
    static final int MAX_CALLS = 3;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    Plan {
        calls = calls == null ? List.of() : List.copyOf(calls.subList(0, Math.min(calls.size(), MAX_CALLS)));
    }

    /** How many steps the turn has: one per call, or the one answer. */
    int steps() {
        return calls.isEmpty() ? 1 : calls.size();
    }

    String write() {
        return JSON.writeValueAsString(this);
    }

    static Plan read(String json) {
        try {
            return JSON.readValue(json, Plan.class);
        } catch (JacksonException e) {
            throw new IllegalStateException("a turn's stored plan cannot be read", e);
        }
    }
}
