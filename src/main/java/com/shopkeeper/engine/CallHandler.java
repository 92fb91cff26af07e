package com.shopkeeper.engine;

import com.shopkeeper.conversation.Facts;
import com.shopkeeper.llm.FunctionCall;

/**
 * One function call's own work (issue 14, item 7), in the two halves {@link CallExecutor} runs:
 * {@link #prepare} only reads (what the call refers to, the facts its guard needs); {@link #execute}
 * runs after the machine allowed it, inside the turn's transaction, and answers what it did. Whether
 * the call may run at all is the transition table's business, never a handler's.
 */
interface CallHandler<C extends FunctionCall> {

    /** The call this handler carries out. */
    Class<C> handles();

    /** What the call refers to and the facts about it; the cart's and the order's facts are already in {@code facts}. */
    default CallExecutor.Target prepare(C call, Situation s, References.Resolution r, Facts.Builder facts) {
        return CallExecutor.Target.NONE;
    }

    CallExecutor.Effect execute(C call, Situation s, CallExecutor.Prepared p);
}
