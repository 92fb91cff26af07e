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
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

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

    /**
     * {@code intent}, {@code slots} and {@code then} are the message in the label scheme of the NLU
     * evaluation sets ({@link Reading}); {@code calls} are the function calls as the model made them.
     */
    record ParseResult(String intent, JsonNode slots, List<Reading> then, List<Map<String, Object>> calls,
                       Double confidence, String provider) {
    }

    @PostMapping("/parse")
    @Operation(summary = "Intent, slots and confidence for a shopper message in a state (default BROWSING); changes nothing")
    ParseResult parse(@Valid @RequestBody ParseRequest request) {
        State state = state(request.state());
        LlmReply reply = provider.generateResponse(new LlmRequest("", "", List.of(), request.text(), state, TransitionTable.modelFunctions()));
        Reading reading = Reading.of(reply, json);
        return new ParseResult(reading.intent(), reading.slots(), reading.then(), Reading.calls(reply, json),
                reply.confidence(), provider.name());
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
