package com.shopkeeper.llm;

import java.util.List;

/**
 * A language model behind the bot (the specification's LLM Provider Interface). Chosen by
 * {@code shopkeeper.llm.provider}: {@code offline} (default, no key), {@code anthropic}, {@code openai}.
 * The model only proposes: it answers with text and/or calls to the tools it was offered; the
 * engine gates and executes them. It never sets prices, totals or state.
 */
public interface LlmProvider {

    /** "offline", "anthropic", "openai": for metrics and logs. */
    String name();

    /** One model turn for the shopper's latest message, offered only {@code request.tools()}. */
    LlmReply generateResponse(LlmRequest request);

    /**
     * Turns one of the model's tool calls into a typed call, checking the name against the tools
     * offered and the arguments against the function's schema.
     *
     * @throws MalformedCallException when the model produced something that is not a valid call
     */
    default FunctionCall executeFunctionCall(ToolCall call, LlmRequest request) {
        return FunctionCalls.parse(call, request.tools());
    }

    /** Vectors for texts (product search, intent similarity); in-process, whatever the provider. */
    List<float[]> getEmbeddings(List<String> texts);
}
