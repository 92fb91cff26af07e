package com.shopkeeper.llm;

import com.shopkeeper.conversation.Event;
import com.shopkeeper.conversation.State;
import java.util.List;

/**
 * Everything the model sees in one turn. {@code system} is static (cacheable); {@code context} is the
 * per-turn summary (state, cart, last shown results, active product); {@code history} the last few
 * messages within the token budget; {@code tools} only the functions the current state allows.
 */
public record LlmRequest(String system,
                         String context,
                         List<ChatTurn> history,
                         String userText,
                         State state,
                         List<Event> tools) {

    public LlmRequest {
        history = List.copyOf(history);
        tools = List.copyOf(tools);
    }

    /** One earlier message. */
    public record ChatTurn(Speaker speaker, String text) {
        public enum Speaker { SHOPPER, BOT }
    }
}
