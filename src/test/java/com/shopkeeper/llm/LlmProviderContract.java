package com.shopkeeper.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.shopkeeper.conversation.Event;
import com.shopkeeper.conversation.State;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What every {@link LlmProvider} does, whatever model is behind it: a call it proposes for an offered
 * function parses to the typed call, a call to a function not offered never runs, a malformed call is a
 * {@link MalformedCallException} (the engine then answers politely), and every reply says what it used.
 * Each provider's test extends this (the network ones through {@link RemoteLlmProviderContract}, which adds
 * retries, timeouts and pricing against WireMock) and keeps only its stubs and its own cases.
 *
 * <p>How long each call took is not the provider's to record: the engine times every call the same way,
 * whichever provider answers ({@code shopkeeper.llm.latency}).
 */
public abstract class LlmProviderContract {

    /** A shopper looking for something with a price limit: a search, for every provider and every stub. */
    protected static final String SEARCH = "Do you have blue sofas under 500?";

    /** The provider under test, ready for a turn. */
    protected abstract LlmProvider provider();

    /** The value of {@code shopkeeper.llm.provider} that selects it; metrics and logs are tagged with it. */
    protected abstract String expectedName();

    /** The model its usage is recorded under. */
    protected abstract String expectedUsageModel();

    /**
     * Whether a call the model makes to a function it was not offered comes back as the model made it
     * (a network model may do that: the gate is {@link LlmProvider#executeFunctionCall}), rather than
     * never being proposed at all (a provider that reads the offered tools itself).
     */
    protected abstract boolean passesOnUnofferedCalls();

    @Test
    void itIsNamedAsTheSettingThatSelectsIt() {
        assertThat(provider().name()).isEqualTo(expectedName());
    }

    @Test
    void aSearchIsOneToolCallWhoseArgumentsParseToTheTypedCall() {
        LlmRequest request = Turns.browsing(SEARCH);

        LlmReply reply = provider().generateResponse(request);

        assertThat(reply.toolCalls()).singleElement()
                .satisfies(call -> assertThat(call.name()).isEqualTo("search_products"));
        assertThat(reply.intent()).isEqualTo("search_products");
        FunctionCall call = provider().executeFunctionCall(reply.toolCalls().getFirst(), request);
        assertThat(call).isInstanceOfSatisfying(FunctionCall.SearchProducts.class, search -> {
            assertThat(search.query()).containsIgnoringCase("blue sofa");
            assertThat(search.maxPrice()).isPositive().isLessThanOrEqualTo(new BigDecimal("500"));
            assertThat(search.minPrice()).isNull();
        });
    }

    @Test
    void aCallToAFunctionNotOfferedNeverRuns() {
        LlmRequest cartOnly = new LlmRequest(Turns.SYSTEM, Turns.CONTEXT, List.of(), "Do you have blue sofas?",
                State.CART, List.of(Event.VIEW_CART));

        LlmReply reply = provider().generateResponse(cartOnly);

        List<ToolCall> unoffered = reply.toolCalls().stream().filter(c -> !c.name().equals("view_cart")).toList();
        if (passesOnUnofferedCalls()) {
            assertThat(unoffered).as("the model's search, passed on as it made it").isNotEmpty();
        } else {
            assertThat(unoffered).as("calls to functions not offered").isEmpty();
        }
        for (ToolCall call : unoffered) {
            assertThatThrownBy(() -> provider().executeFunctionCall(call, cartOnly))
                    .isInstanceOf(MalformedCallException.class)
                    .hasMessage(call.name() + " was not offered");
        }
        assertThatThrownBy(() -> provider().executeFunctionCall(
                new ToolCall("contract-1", "search_products", "{\"query\":\"sofa\"}"), cartOnly))
                .isInstanceOf(MalformedCallException.class)
                .hasMessage("search_products was not offered");
    }

    @Test
    void withNoToolsOfferedNothingItAnswersCanRun() {
        LlmRequest none = new LlmRequest(Turns.SYSTEM, Turns.CONTEXT, List.of(), SEARCH, State.BROWSING, List.of());

        LlmReply reply = provider().generateResponse(none);

        for (ToolCall call : reply.toolCalls()) {
            assertThatThrownBy(() -> provider().executeFunctionCall(call, none))
                    .isInstanceOf(MalformedCallException.class)
                    .hasMessageEndingWith("was not offered");
        }
    }

    @Test
    void aMalformedCallIsAMalformedCallExceptionNeverACall() {
        LlmRequest request = Turns.browsing("add the blue one");
        Map<ToolCall, String> refusals = new LinkedHashMap<>();
        refusals.put(new ToolCall("c1", "transfer_money", "{}"), "unknown function transfer_money");
        refusals.put(new ToolCall("c2", "add_to_cart", "{\"product\": \"the blue one\", \"quantity\": "),
                "add_to_cart arguments are not JSON");
        refusals.put(new ToolCall("c3", "add_to_cart", "[1, 2]"), "add_to_cart arguments are not an object");
        refusals.put(new ToolCall("c4", "add_to_cart", "{\"quantity\": \"lots\"}"), "quantity must be a whole number");
        refusals.put(new ToolCall("c5", "add_to_cart", "{\"quantity\": 999}"), "quantity must be between 1 and 99");
        // A search that names nothing to look for and changes nothing of the last one has nothing to run.
        refusals.put(new ToolCall("c6", "search_products", "{\"limit\": 3}"), "query is required");
        refusals.put(new ToolCall("c7", "search_products", "{\"refine\": true, \"change\": \"sideways\"}"),
                "change must be one of [cheaper, pricier, others]");
        refusals.forEach((call, message) -> assertThatThrownBy(() -> provider().executeFunctionCall(call, request))
                .as(call.name() + " " + call.argumentsJson())
                .isInstanceOf(MalformedCallException.class)
                .hasMessage(message));
    }

    @Test
    void everyReplySaysWhatItUsed() {
        for (String text : List.of(SEARCH, "hello")) {
            Usage usage = provider().generateResponse(Turns.browsing(text)).usage();

            assertThat(usage).as(text).isNotNull();
            assertThat(usage.model()).as(text).isEqualTo(expectedUsageModel());
            assertThat(List.of(usage.inputTokens(), usage.outputTokens(), usage.cacheReadTokens(), usage.cacheWriteTokens()))
                    .as(text).allSatisfy(tokens -> assertThat(tokens).isNotNegative());
            assertThat(usage.costUsd()).as(text).isNotNegative();
        }
    }
}
