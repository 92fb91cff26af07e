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
 * (understood but not called), {@code text:hello}, {@code timeout}; several calls in one turn as
 * {@code calls:add_to_cart {"product":"1"} | view_cart {}}; and it can be told to time out or
 * make a malformed call on ordinary words ({@link #failOn}). It counts how often each text was asked
 * about, and remembers the last request
 * each shopper's turn produced, to check what was offered. Public: the insight tests script shoppers with it too.
 */
public class ScriptedLlm implements LlmProvider {

    final Map<String, LlmRequest> lastRequestByText = new ConcurrentHashMap<>();
    /** Ordinary shopper words the model fails on: the turn then goes to the offline understanding. */
    final Map<String, Failure> failures = new ConcurrentHashMap<>();

    enum Failure { TIMEOUT, MALFORMED_CALL }

    /** From now on the model fails this way on exactly {@code text}. */
    void failOn(String text, Failure failure) {
        failures.put(text, failure);
    }
    final Map<String, java.util.concurrent.atomic.AtomicInteger> askedByText = new ConcurrentHashMap<>();
    /** Calls the model makes on exactly a text the shopper sends ("semi-automatic."), for words that must stand alone. */
    final Map<String, String> callsByText = new ConcurrentHashMap<>();

    /** From now on the model answers exactly {@code text} with {@code call} ("search_products {...}"). */
    void on(String text, String call) {
        callsByText.put(text, call);
    }

    @Override
    public String name() {
        return "scripted";
    }

    @Override
    public LlmReply generateResponse(LlmRequest request) {
        String text = request.userText().strip();
        lastRequestByText.put(text, request);
        askedByText.computeIfAbsent(text, t -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
        Usage usage = new Usage("script-1", 100, 10, 0, 0, java.math.BigDecimal.ZERO);
        if (text.equals("timeout") || failures.get(text) == Failure.TIMEOUT) {
            throw new LlmUnavailableException("scripted timeout");
        }
        if (failures.get(text) == Failure.MALFORMED_CALL) {
            return new LlmReply(null, List.of(new ToolCall("toolu_1", "add_to_cart", "{\"quantity\":\"lots\"}")),
                    "add_to_cart", null, usage);
        }
        if (callsByText.containsKey(text)) {
            ToolCall call = toolCall(callsByText.get(text), 1);
            return new LlmReply(null, List.of(call), call.name(), null, usage);
        }
        if (text.startsWith("call:")) {
            // "call:... -- details on the robe?": the call, then words the shopper is taken to have said with it
            int words = text.indexOf(" -- ");
            ToolCall call = toolCall(text.substring(5, words < 0 ? text.length() : words), 1);
            return new LlmReply(null, List.of(call), call.name(), null, usage);
        }
        if (text.startsWith("calls:")) {
            String[] parts = text.substring(6).split("\\s*\\|\\s*");
            List<ToolCall> calls = new java.util.ArrayList<>();
            for (int i = 0; i < parts.length; i++) {
                calls.add(toolCall(parts[i].strip(), i + 1));
            }
            return new LlmReply(null, calls, calls.getFirst().name(), null, usage);
        }
        if (text.startsWith("intent:")) {
            return new LlmReply(null, List.of(), text.substring(7), 0.9, usage);
        }
        return new LlmReply(text.startsWith("text:") ? text.substring(5) : null, List.of(),
                text.equals("hi") ? LlmReply.GREETING : LlmReply.OTHER, null, usage);
    }

    private static ToolCall toolCall(String call, int n) {
        int space = call.indexOf(' ');
        String name = space < 0 ? call : call.substring(0, space);
        String args = space < 0 ? "{}" : call.substring(space + 1);
        return new ToolCall("toolu_" + n, name, args);
    }

    @Override
    public List<float[]> getEmbeddings(List<String> texts) {
        throw new UnsupportedOperationException("not used by these tests");
    }
}
