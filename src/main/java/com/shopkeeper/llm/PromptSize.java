package com.shopkeeper.llm;

import com.shopkeeper.conversation.Event;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * An ESTIMATE of the input tokens one request costs, by part, for benchmarks and budgets: about four
 * characters per token (English text and JSON on current Claude and GPT tokenizers; it is within
 * roughly 20 %, more off for other languages), plus a few tokens of framing per message and per
 * tool. Exact counts come back in {@link Usage} after the call; counting exactly beforehand would
 * need a network call or a tokenizer per model, which this deliberately avoids.
 *
 * <p>Use it to compare gated and all-tools turns:
 * {@code PromptSize.of(request).total()} against {@code PromptSize.of(request, TransitionTable.modelFunctions()).total()}.
 */
public record PromptSize(int system, int tools, int context, int history, int userText) {

    static final int CHARS_PER_TOKEN = 4;
    static final int PER_MESSAGE = 4;
    static final int PER_TOOL = 8;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The request as the engine built it, offered its own tools. */
    public static PromptSize of(LlmRequest request) {
        return of(request, request.tools());
    }

    /** The same turn, as if offered {@code tools} instead (e.g. {@code TransitionTable.modelFunctions()}: no gating). */
    public static PromptSize of(LlmRequest request, List<Event> tools) {
        int toolTokens = 0;
        for (FunctionCalls.ToolSpec spec : FunctionCalls.specs(tools)) {
            String schema = JSON.writeValueAsString(Map.of("name", spec.name(), "description", spec.description(),
                    "input_schema", spec.inputSchema()));
            toolTokens += tokens(schema) + PER_TOOL;
        }
        int historyTokens = 0;
        for (LlmRequest.ChatTurn turn : request.history()) {
            historyTokens += tokens(turn.text()) + PER_MESSAGE;
        }
        return new PromptSize(tokens(request.system()) + PER_MESSAGE, toolTokens, tokens(request.context()),
                historyTokens, tokens(request.userText()) + PER_MESSAGE);
    }

    /** About how many tokens {@code text} is: its length over four, rounded up. */
    public static int tokens(String text) {
        return text == null ? 0 : (text.length() + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
    }

    public int total() {
        return system + tools + context + history + userText;
    }

    /** The part a provider can cache across turns (tools and system prompt come first in the prompt). */
    public int cacheablePrefix() {
        return system + tools;
    }
}
