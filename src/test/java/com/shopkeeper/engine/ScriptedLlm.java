package com.shopkeeper.engine;

import com.shopkeeper.llm.LlmProvider;
import com.shopkeeper.llm.LlmReply;
import com.shopkeeper.llm.LlmRequest;
import com.shopkeeper.llm.LlmUnavailableException;
import com.shopkeeper.llm.ToolCall;
import com.shopkeeper.llm.Usage;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A model that does what the shopper's message tells it to, so that engine tests can say exactly
 * which call "the model" proposes: {@code call:add_to_cart {"product":"2"}}, {@code intent:create_order}
 * (understood but not called), {@code text:hello}, {@code timeout}. It remembers the last request
 * each shopper's turn produced, to check what was offered. Public: the insight tests script shoppers with it too.
 */
public class ScriptedLlm implements LlmProvider {

    final Map<String, LlmRequest> lastRequestByText = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return "scripted";
    }

    @Override
    public LlmReply generateResponse(LlmRequest request) {
        String text = request.userText().strip();
        lastRequestByText.put(text, request);
        Usage usage = new Usage("script-1", 100, 10, 0, 0, java.math.BigDecimal.ZERO);
        if (text.equals("timeout")) {
            throw new LlmUnavailableException("scripted timeout");
        }
        if (text.startsWith("call:")) {
            String rest = text.substring(5);
            int space = rest.indexOf(' ');
            String name = space < 0 ? rest : rest.substring(0, space);
            String args = space < 0 ? "{}" : rest.substring(space + 1);
            return new LlmReply(null, List.of(new ToolCall("toolu_1", name, args)), name, null, usage);
        }
        if (text.startsWith("intent:")) {
            return new LlmReply(null, List.of(), text.substring(7), 0.9, usage);
        }
        return new LlmReply(text.startsWith("text:") ? text.substring(5) : null, List.of(),
                text.equals("hi") ? LlmReply.GREETING : LlmReply.OTHER, null, usage);
    }

    @Override
    public List<float[]> getEmbeddings(List<String> texts) {
        throw new UnsupportedOperationException("not used by these tests");
    }
}
