package com.shopkeeper.llm;

import com.shopkeeper.conversation.TransitionTable;
import com.shopkeeper.conversation.State;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * NLU QA for the shop owner: what the configured model understands from a message, without touching
 * any conversation. Every function is offered, whatever the state, so the answer shows the model's
 * reading rather than what the state would let it do; the state is still passed as context.
 */
@RestController
@RequestMapping("/api/admin/nlu")
@Tag(name = "NLU", description = "What the configured language model understands")
class NluController {

    static final int MAX_TEXT = 4_999;

    private final LlmProvider provider;
    private final JsonMapper json;

    NluController(LlmProvider provider, JsonMapper json) {
        this.provider = provider;
        this.json = json;
    }

    record ParseRequest(@NotBlank @Size(max = MAX_TEXT) String text, String state) {
    }

    /** {@code slots} carries the call's arguments, with {@code product} reported as {@code product_ref}. */
    record ParseResult(String intent, JsonNode slots, Double confidence, String provider) {
    }

    @PostMapping("/parse")
    @Operation(summary = "Intent, slots and confidence for a shopper message in a state (default BROWSING); changes nothing")
    ParseResult parse(@Valid @RequestBody ParseRequest request) {
        State state = state(request.state());
        LlmReply reply = provider.generateResponse(new LlmRequest("", "", List.of(), request.text(), state, TransitionTable.modelFunctions()));
        ObjectNode slots = json.createObjectNode();
        for (ToolCall call : reply.toolCalls()) {
            String raw = call.argumentsJson() == null || call.argumentsJson().isBlank() ? "{}" : call.argumentsJson();
            JsonNode args = json.readTree(raw);
            args.properties().forEach(e -> slots.set(e.getKey().equals("product") ? "product_ref" : e.getKey(), e.getValue()));
        }
        return new ParseResult(reply.intent(), slots, reply.confidence(), provider.name());
    }

    private static State state(String name) {
        if (name == null || name.isBlank()) {
            return State.INITIAL;
        }
        try {
            return State.valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown state '" + truncate(name) + "'; one of "
                    + Arrays.toString(State.values()) + ".", e);
        }
    }

    private static String truncate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
