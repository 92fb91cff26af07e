package com.shopkeeper.llm;

import com.shopkeeper.conversation.Event;
import com.shopkeeper.conversation.State;
import com.shopkeeper.llm.LlmRequest.ChatTurn;
import com.shopkeeper.llm.LlmRequest.ChatTurn.Speaker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Requests as the engine builds them, for provider tests. */
public final class Turns {

    public static final String SYSTEM = "You are the shop assistant of Casa Demo. Answer briefly. Never invent prices.";
    public static final String CONTEXT = "state=BROWSING cart=empty last_results=none";
    /** What BROWSING offers (a subset: the request must carry only these). */
    public static final List<Event> BROWSING_TOOLS = List.of(Event.SEARCH_PRODUCTS, Event.GET_PRODUCT_DETAILS,
            Event.ADD_TO_CART, Event.VIEW_CART);

    private Turns() {
    }

    /** The shopper says {@code text} while browsing, with no history. */
    public static LlmRequest browsing(String text) {
        return new LlmRequest(SYSTEM, CONTEXT, List.of(), text, State.BROWSING, BROWSING_TOOLS);
    }

    public static LlmRequest withHistory(String text, List<ChatTurn> history) {
        return new LlmRequest(SYSTEM, CONTEXT, history, text, State.BROWSING, BROWSING_TOOLS);
    }

    public static ChatTurn shopper(String text) {
        return new ChatTurn(Speaker.SHOPPER, text);
    }

    public static ChatTurn bot(String text) {
        return new ChatTurn(Speaker.BOT, text);
    }

    /** Records the waits a {@link RetryPolicy} asks for, and waits none of them. */
    public static final class RecordingSleeper implements RetryPolicy.Sleeper {
        public final List<Duration> waits = new ArrayList<>();

        @Override
        public void sleep(Duration duration) {
            waits.add(duration);
        }
    }
}
