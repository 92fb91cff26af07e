package com.shopkeeper.llm;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.shopkeeper.conversation.Event;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a reply understood, in the label scheme shoppers' messages are labelled in
 * (src/test/resources/nlu/LABELS.md): one intent and its slots for the first request, and each later
 * request of the same message in {@code then}, in order.
 *
 * <p>The scheme names things as a person labelling messages would, not as the functions do: the
 * {@code product} argument is {@code product_ref}, a request for a person is {@code help} with
 * {@code human: true}, and a shop question is {@code shop_question}. A refinement's direction
 * ({@code change}: cheaper, pricier, others) has no slot in it: "any cheaper?" is
 * {@code {"refine": true}} there; the call itself still carries it (see {@link #calls(LlmReply, JsonMapper)}). A product
 * named by its place among a kind ("second lamp") is its place ("2"), as the scheme writes every place in a list.
 */
public record Reading(String intent, ObjectNode slots, @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Reading> then) {

    /** Arguments a call carries that are not slots of the label scheme. */
    private static final List<String> NOT_SLOTS = List.of("change");

    /** What each call in {@code reply} was asked to do, with its arguments as sent. */
    public static List<Map<String, Object>> calls(LlmReply reply, JsonMapper json) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ToolCall call : reply.toolCalls()) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("name", call.name());
            c.put("arguments", arguments(call, json));
            out.add(c);
        }
        return out;
    }

    /** {@code reply} in the label scheme. */
    public static Reading of(LlmReply reply, JsonMapper json) {
        List<Reading> requests = new ArrayList<>();
        for (ToolCall call : reply.toolCalls()) {
            requests.add(of(call, json));
        }
        if (requests.isEmpty()) {
            ObjectNode none = json.createObjectNode();
            if (Event.ASK_FOR_PERSON.wireName().equals(reply.intent())) {
                none.put("human", true);
            }
            return new Reading(intent(reply.intent()), none, List.of());
        }
        Reading first = requests.get(0);
        // The reply's own intent names the first request (the offline provider's "shop_question" is the
        // answer_shop_question call); a reply whose intent a provider did not report is its first call.
        String intent = reply.intent() == null ? first.intent() : intent(reply.intent());
        return new Reading(intent, first.slots(), List.copyOf(requests.subList(1, requests.size())));
    }

    private static Reading of(ToolCall call, JsonMapper json) {
        ObjectNode slots = json.createObjectNode();
        arguments(call, json).properties().forEach(e -> {
            if (e.getKey().equals("product")) {
                slots.set("product_ref", productRef(e.getValue(), json));
            } else if (!NOT_SLOTS.contains(e.getKey())) {
                slots.set(e.getKey(), e.getValue());
            }
        });
        if (Event.ASK_FOR_PERSON.wireName().equals(call.name())) {
            slots.put("human", true);
        }
        return new Reading(intent(call.name()), slots, List.of());
    }

    /**
     * A product named by its place among a kind ("the second lamp": {@code "second lamp"}, so that the engine can find the
     * second lamp in an earlier list when the one on screen has none) is, in the label scheme, the place: {@code "2"}.
     */
    private static JsonNode productRef(JsonNode ref, JsonMapper json) {
        return ref.isString() ? ProductPlace.placeOf(ref.asString()).<JsonNode>map(json.getNodeFactory()::stringNode).orElse(ref) : ref;
    }

    /** The call's arguments; none when a model sent some that are not a JSON object (a reading, not an error). */
    private static JsonNode arguments(ToolCall call, JsonMapper json) {
        String raw = call.argumentsJson() == null || call.argumentsJson().isBlank() ? "{}" : call.argumentsJson();
        try {
            JsonNode args = json.readTree(raw);
            return args.isObject() ? args : json.createObjectNode();
        } catch (tools.jackson.core.JacksonException e) {
            return json.createObjectNode();
        }
    }

    /** A function or intent name as the label scheme has it. */
    private static String intent(String name) {
        if (Event.ASK_FOR_PERSON.wireName().equals(name)) {
            return LlmReply.HELP;
        }
        if (Event.ANSWER_SHOP_QUESTION.wireName().equals(name)) {
            return "shop_question";
        }
        return name;
    }
}
