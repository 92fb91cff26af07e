package com.shopkeeper.llm;

import java.util.List;

/**
 * The model's answer to one turn: text for the shopper and/or tool calls. {@code intent} and
 * {@code confidence} are what the model understood (a function name, or greeting / help / other);
 * providers that do not report a confidence give null.
 */
public record LlmReply(String text,
                       List<ToolCall> toolCalls,
                       String intent,
                       Double confidence,
                       Usage usage) {

    public LlmReply {
        toolCalls = List.copyOf(toolCalls);
    }

    public static final String GREETING = "greeting";
    public static final String HELP = "help";
    public static final String OTHER = "other";
}
