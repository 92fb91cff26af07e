package com.shopkeeper.llm.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.shopkeeper.conversation.Event;
import com.shopkeeper.conversation.State;
import com.shopkeeper.llm.FunctionCall;
import com.shopkeeper.llm.LlmProvider;
import com.shopkeeper.llm.LlmReply;
import com.shopkeeper.llm.LlmRequest;
import com.shopkeeper.llm.RemoteLlmProviderContract;
import com.shopkeeper.llm.ToolCall;
import com.shopkeeper.llm.Turns;
import com.shopkeeper.llm.Usage;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The provider contract against WireMock over real HTTP, with stubs shaped like Chat Completions
 * (wiremock-stubs/openai); then the Chat Completions layout, and a local server (Ollama) without a key.
 */
class OpenAiLlmProviderTest extends RemoteLlmProviderContract {

    private static final String KEY = "sk-test-0123";
    private static final String PATH = "/v1/chat/completions";
    private static WireMockServer wireMock;

    @BeforeAll
    static void startWireMock() {
        wireMock = new WireMockServer(options().dynamicPort().usingFilesUnderDirectory("wiremock-stubs/openai"));
        wireMock.start();
    }

    @AfterAll
    static void stopWireMock() {
        wireMock.stop();
    }

    @Override
    protected LlmProvider newProvider(String key, Duration timeout) {
        return provider(key, wireMock.baseUrl() + "/v1", timeout);
    }

    private OpenAiLlmProvider provider(String key, String baseUrl, Duration timeout) {
        var properties = new OpenAiProperties(key, "gpt-4o-mini", baseUrl, timeout, 3, Duration.ofSeconds(10), 512,
                new BigDecimal("0.15"), new BigDecimal("0.60"), new BigDecimal("0.075"));
        return new OpenAiLlmProvider(properties, sleeper);
    }

    @Override protected WireMockServer api() { return wireMock; }
    @Override protected String turnPath() { return PATH; }
    @Override protected String apiKey() { return KEY; }
    @Override protected String refusedKey() { return "sk-refused"; }
    @Override protected String expectedName() { return "openai"; }
    @Override protected String expectedUsageModel() { return "gpt-4o-mini"; }

    @Override
    protected List<String> offeredTools(JsonNode body) {
        return body.get("tools").valueStream().map(t -> t.at("/function/name").asString()).toList();
    }

    @Override
    protected ToolCall stubbedSearchCall() {
        return new ToolCall("call_Jf8Y1qQ2Xw3bH4vK5mN6pR7s", "search_products", "{\"query\":\"blue sofa\",\"max_price\":499.99}");
    }

    @Override protected String stubbedSearchText() { return ""; }

    /** 1300 prompt tokens, none cached, 25 out: (1300 * 0.15 + 25 * 0.60) / 1e6 = (195 + 15) / 1e6. */
    @Override
    protected Usage stubbedPlainUsage() {
        return new Usage("gpt-4o-mini", 1300, 25, 0, 0, new BigDecimal("0.00021"));
    }

    /**
     * 2242 prompt tokens of which 1792 cached: 450 uncached; 23 out:
     * (450 * 0.15 + 1792 * 0.075 + 23 * 0.60) / 1e6 = (67.5 + 134.4 + 13.8) / 1e6.
     */
    @Override
    protected Usage stubbedSearchUsage() {
        return new Usage("gpt-4o-mini", 450, 23, 1792, 0, new BigDecimal("0.0002157"));
    }

    @Override protected Duration stubbedRetryAfter() { return Duration.ofSeconds(1); }
    @Override protected String serverErrorOnce() { return "unavailable once"; }
    @Override protected String serverErrorAlways() { return "always unavailable"; }
    @Override protected String serverErrorReason() { return "unavailable (503)"; }
    @Override protected String stubbedMalformedArguments() { return "{\"product\": \"the blue one\", \"quantity\": "; }
    @Override protected String malformedRefusal() { return "add_to_cart arguments are not JSON"; }

    @Test
    void toolsGoAsFunctionsWithTheSharedSchemasInJson() {
        provider().generateResponse(Turns.browsing(SEARCH));

        JsonNode tools = onlyRequestBody().get("tools");
        assertThat(tools.valueStream().map(t -> t.get("type").asString())).containsOnly("function");
        assertThat(tools.at("/0/function/description").asString()).startsWith("Search the shop's catalog");
        assertThat(tools.at("/0/function/parameters/type").asString()).isEqualTo("object");
        // A search refines with no query ("any cheaper?"): nothing of it is required, and how it changes the list is an enum.
        assertThat(tools.at("/0/function/parameters").has("required")).isFalse();
        assertThat(tools.at("/0/function/parameters/properties/change/enum").valueStream().map(JsonNode::asString))
                .containsExactly("cheaper", "pricier", "others");
        assertThat(tools.at("/2/function/parameters/properties/quantity/maximum").asInt()).isEqualTo(com.shopkeeper.llm.FunctionCalls.MAX_QUANTITY);
        wireMock.verify(postRequestedFor(urlPathEqualTo(PATH)).withHeader("Content-Type", equalTo("application/json")));
    }

    @Test
    void systemComesFirstAndTheTurnsContextGoesIntoTheLastUserMessage() {
        provider().generateResponse(Turns.withHistory("the second one", List.of(
                Turns.bot("Welcome to Casa Demo!"),
                Turns.shopper("sofas please"),
                Turns.bot("1. Oslo sofa"),
                Turns.bot("2. Bergen sofa"))));

        JsonNode messages = onlyRequestBody().get("messages");
        assertThat(messages.valueStream().map(m -> m.get("role").asString()))
                .containsExactly("system", "assistant", "user", "assistant", "user");
        assertThat(messages.at("/0/content").asString()).isEqualTo(Turns.SYSTEM);
        assertThat(messages.at("/3/content").asString()).isEqualTo("1. Oslo sofa\n2. Bergen sofa");
        assertThat(messages.at("/4/content").asString())
                .isEqualTo("<context>\n" + Turns.CONTEXT + "\n</context>\n\nthe second one");
    }

    @Test
    void aLocalServerNeedsNoKeyAndMayReportNoCacheDetails() {
        try (OpenAiLlmProvider ollama = provider(null, wireMock.baseUrl() + "/ollama/v1/", Duration.ofSeconds(5))) {
            LlmRequest request = new LlmRequest(Turns.SYSTEM, Turns.CONTEXT, List.of(), "what's in my cart?", State.CART,
                    List.of(Event.VIEW_CART, Event.REMOVE_FROM_CART, Event.CREATE_ORDER));

            LlmReply reply = ollama.generateResponse(request);

            assertThat(ollama.executeFunctionCall(reply.toolCalls().getFirst(), request))
                    .isEqualTo(new FunctionCall.ViewCart());
            assertThat(reply.usage().inputTokens()).isEqualTo(980);
            assertThat(reply.usage().cacheReadTokens()).isZero();
        }
        wireMock.verify(postRequestedFor(urlPathEqualTo("/ollama/v1/chat/completions"))
                .withHeader("Authorization", absent()));
    }
}
