package com.shopkeeper.llm.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.shopkeeper.conversation.Event;
import com.shopkeeper.conversation.State;
import com.shopkeeper.llm.FunctionCall;
import com.shopkeeper.llm.LlmReply;
import com.shopkeeper.llm.LlmRequest;
import com.shopkeeper.llm.LlmUnavailableException;
import com.shopkeeper.llm.MalformedCallException;
import com.shopkeeper.llm.ToolCall;
import com.shopkeeper.llm.Turns;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Against WireMock over real HTTP, with stubs shaped like Chat Completions (wiremock-stubs/openai). */
class OpenAiLlmProviderTest {

    private static final String KEY = "sk-test-0123";
    private static final String PATH = "/v1/chat/completions";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static WireMockServer wireMock;

    private final Turns.RecordingSleeper sleeper = new Turns.RecordingSleeper();
    private OpenAiLlmProvider provider;

    @BeforeAll
    static void startWireMock() {
        wireMock = new WireMockServer(options().dynamicPort().usingFilesUnderDirectory("wiremock-stubs/openai"));
        wireMock.start();
    }

    @AfterAll
    static void stopWireMock() {
        wireMock.stop();
    }

    @BeforeEach
    void setUp() {
        wireMock.resetRequests();
        wireMock.resetScenarios();
        provider = provider(KEY, wireMock.baseUrl() + "/v1", Duration.ofSeconds(5));
    }

    private OpenAiLlmProvider provider(String key, String baseUrl, Duration timeout) {
        var properties = new OpenAiProperties(key, "gpt-4o-mini", baseUrl, timeout, 3, Duration.ofSeconds(10), 512,
                new BigDecimal("0.15"), new BigDecimal("0.60"), new BigDecimal("0.075"));
        return new OpenAiLlmProvider(properties, sleeper);
    }

    private JsonNode onlyRequestBody(String path) {
        var requests = wireMock.findAll(postRequestedFor(urlPathEqualTo(path)));
        assertThat(requests).hasSize(1);
        return JSON.readTree(requests.getFirst().getBodyAsString());
    }

    @Test
    void toolCallsBecomeToolCallsThatParseToTheTypedCall() {
        LlmRequest request = Turns.browsing("Do you have blue sofas under 500?");

        LlmReply reply = provider.generateResponse(request);

        assertThat(reply.toolCalls()).containsExactly(new ToolCall("call_Jf8Y1qQ2Xw3bH4vK5mN6pR7s", "search_products",
                "{\"query\":\"blue sofa\",\"max_price\":499.99}"));
        assertThat(reply.intent()).isEqualTo("search_products");
        assertThat(reply.confidence()).isNull();
        assertThat(reply.text()).isEmpty();
        FunctionCall call = provider.executeFunctionCall(reply.toolCalls().getFirst(), request);
        assertThat(call).isInstanceOfSatisfying(FunctionCall.SearchProducts.class, search -> {
            assertThat(search.query()).isEqualTo("blue sofa");
            assertThat(search.maxPrice()).isEqualByComparingTo("499.99");
        });
    }

    @Test
    void requestOffersOnlyTheAllowedToolsAsFunctions() {
        provider.generateResponse(Turns.browsing("Do you have blue sofas under 500?"));

        JsonNode body = onlyRequestBody(PATH);
        assertThat(body.get("model").asString()).isEqualTo("gpt-4o-mini");
        assertThat(body.get("max_tokens").asInt()).isEqualTo(512);
        JsonNode tools = body.get("tools");
        assertThat(tools.valueStream().map(t -> t.get("type").asString())).containsOnly("function");
        assertThat(tools.valueStream().map(t -> t.at("/function/name").asString()))
                .containsExactly("search_products", "get_product_details", "add_to_cart", "view_cart");
        assertThat(tools.at("/0/function/description").asString()).startsWith("Search the shop's catalog");
        assertThat(tools.at("/0/function/parameters/type").asString()).isEqualTo("object");
        assertThat(tools.at("/0/function/parameters/required/0").asString()).isEqualTo("query");
        assertThat(tools.at("/2/function/parameters/properties/quantity/maximum").asInt()).isEqualTo(20);
        wireMock.verify(postRequestedFor(urlPathEqualTo(PATH))
                .withHeader("Authorization", equalTo("Bearer " + KEY))
                .withHeader("Content-Type", equalTo("application/json")));
    }

    @Test
    void systemComesFirstAndTheTurnsContextGoesIntoTheLastUserMessage() {
        provider.generateResponse(Turns.withHistory("the second one", List.of(
                Turns.bot("Welcome to Casa Demo!"),
                Turns.shopper("sofas please"),
                Turns.bot("1. Oslo sofa"),
                Turns.bot("2. Bergen sofa"))));

        JsonNode messages = onlyRequestBody(PATH).get("messages");
        assertThat(messages.valueStream().map(m -> m.get("role").asString()))
                .containsExactly("system", "assistant", "user", "assistant", "user");
        assertThat(messages.at("/0/content").asString()).isEqualTo(Turns.SYSTEM);
        assertThat(messages.at("/3/content").asString()).isEqualTo("1. Oslo sofa\n2. Bergen sofa");
        assertThat(messages.at("/4/content").asString())
                .isEqualTo("<context>\n" + Turns.CONTEXT + "\n</context>\n\nthe second one");
    }

    @Test
    void noToolsOfferedSendsNoToolList() {
        provider.generateResponse(new LlmRequest(Turns.SYSTEM, Turns.CONTEXT, List.of(), "hello", State.BROWSING,
                List.of()));

        assertThat(onlyRequestBody(PATH).has("tools")).isFalse();
    }

    @Test
    void plainAnswerHasNoCallsAndItsUsageIsPricedExactly() {
        LlmReply reply = provider.generateResponse(Turns.browsing("hello"));

        assertThat(reply.text()).startsWith("Hello! I can help you find furniture");
        assertThat(reply.toolCalls()).isEmpty();
        assertThat(reply.intent()).isEqualTo(LlmReply.OTHER);
        assertThat(reply.usage().model()).isEqualTo("gpt-4o-mini");
        assertThat(reply.usage().inputTokens()).isEqualTo(1300);
        assertThat(reply.usage().outputTokens()).isEqualTo(25);
        assertThat(reply.usage().cacheReadTokens()).isZero();
        // (1300 * 0.15 + 25 * 0.60) / 1e6 = (195 + 15) / 1e6
        assertThat(reply.usage().costUsd()).isEqualByComparingTo("0.00021");
    }

    @Test
    void cachedPromptTokensArePricedAtTheCachedPrice() {
        LlmReply reply = provider.generateResponse(Turns.browsing("Do you have blue sofas under 500?"));

        // 2242 prompt tokens of which 1792 cached: 450 uncached
        assertThat(reply.usage().inputTokens()).isEqualTo(450);
        assertThat(reply.usage().cacheReadTokens()).isEqualTo(1792);
        assertThat(reply.usage().cacheWriteTokens()).isZero();
        // (450 * 0.15 + 1792 * 0.075 + 23 * 0.60) / 1e6 = (67.5 + 134.4 + 13.8) / 1e6
        assertThat(reply.usage().costUsd()).isEqualByComparingTo("0.0002157");
    }

    @Test
    void rateLimitedOnceWaitsWhatRetryAfterAsks() {
        LlmReply reply = provider.generateResponse(Turns.browsing("rate limited once"));

        assertThat(reply.text()).startsWith("Hello!");
        wireMock.verify(2, postRequestedFor(urlPathEqualTo(PATH)));
        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void unavailableOnceIsRetriedWithBackoff() {
        LlmReply reply = provider.generateResponse(Turns.browsing("unavailable once"));

        assertThat(reply.text()).startsWith("Hello!");
        wireMock.verify(2, postRequestedFor(urlPathEqualTo(PATH)));
        assertThat(sleeper.waits).singleElement()
                .satisfies(wait -> assertThat(wait).isBetween(Duration.ofMillis(375), Duration.ofMillis(500)));
    }

    @Test
    void staysUnavailableThroughEveryRetryThenIsUnavailable() {
        assertThatThrownBy(() -> provider.generateResponse(Turns.browsing("always unavailable")))
                .isInstanceOf(LlmUnavailableException.class)
                .hasMessage("openai: unavailable (503), gave up after 4 attempts");

        wireMock.verify(4, postRequestedFor(urlPathEqualTo(PATH)));
        assertThat(sleeper.waits).hasSize(3);
    }

    @Test
    void timeoutIsUnavailableAndNotRetried() {
        OpenAiLlmProvider impatient = provider(KEY, wireMock.baseUrl() + "/v1", Duration.ofMillis(300));

        assertThatThrownBy(() -> impatient.generateResponse(Turns.browsing("slow answer")))
                .isInstanceOf(LlmUnavailableException.class)
                .hasMessage("openai: timed out after 300 ms");
        wireMock.verify(1, postRequestedFor(urlPathEqualTo(PATH)));
    }

    @Test
    void refusedKeyIsUnavailableAndNotRetried() {
        OpenAiLlmProvider refused = provider("sk-refused", wireMock.baseUrl() + "/v1", Duration.ofSeconds(5));

        assertThatThrownBy(() -> refused.generateResponse(Turns.browsing("hello")))
                .isInstanceOf(LlmUnavailableException.class)
                .hasMessage("openai: key refused (401)");
        wireMock.verify(1, postRequestedFor(urlPathEqualTo(PATH)));
    }

    @Test
    void malformedArgumentsArePassedThroughAndRefusedWhenExecuted() {
        LlmRequest request = Turns.browsing("add lots of the blue one");

        LlmReply reply = provider.generateResponse(request);

        assertThat(reply.toolCalls()).singleElement().satisfies(call -> {
            assertThat(call.name()).isEqualTo("add_to_cart");
            assertThat(call.argumentsJson()).isEqualTo("{\"product\": \"the blue one\", \"quantity\": ");
        });
        assertThatThrownBy(() -> provider.executeFunctionCall(reply.toolCalls().getFirst(), request))
                .isInstanceOf(MalformedCallException.class)
                .hasMessage("add_to_cart arguments are not JSON");
    }

    @Test
    void aLocalServerNeedsNoKeyAndMayReportNoCacheDetails() {
        OpenAiLlmProvider ollama = provider(null, wireMock.baseUrl() + "/ollama/v1/", Duration.ofSeconds(5));
        LlmRequest request = new LlmRequest(Turns.SYSTEM, Turns.CONTEXT, List.of(), "what's in my cart?", State.CART,
                List.of(Event.VIEW_CART, Event.REMOVE_FROM_CART, Event.CREATE_ORDER));

        LlmReply reply = ollama.generateResponse(request);

        assertThat(ollama.executeFunctionCall(reply.toolCalls().getFirst(), request))
                .isEqualTo(new FunctionCall.ViewCart());
        assertThat(reply.usage().inputTokens()).isEqualTo(980);
        assertThat(reply.usage().cacheReadTokens()).isZero();
        wireMock.verify(postRequestedFor(urlPathEqualTo("/ollama/v1/chat/completions"))
                .withHeader("Authorization", absent()));
    }

    @Test
    void embeddingsComeFromElsewhere() {
        assertThatThrownBy(() -> provider.getEmbeddings(List.of("sofa")))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
