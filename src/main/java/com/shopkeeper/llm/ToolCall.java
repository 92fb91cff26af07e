package com.shopkeeper.llm;

/** A tool call as the model made it: its id (to answer it), the function name and the raw JSON arguments. */
public record ToolCall(String id, String name, String argumentsJson) {
}
