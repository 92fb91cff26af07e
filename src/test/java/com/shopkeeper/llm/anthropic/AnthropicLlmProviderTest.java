package com.shopkeeper.llm.anthropic;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.shopkeeper.conversation.Event;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Against WireMock over real HTTP, with stubs shaped like the Messages API (wiremock-stubs/anthropic). */
class AnthropicLlmProviderTest {

    private static final String KEY = "sk-ant-test-0123";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static WireMockServer wireMock;

    private final Turns.RecordingSleeper sleeper = new Turns.RecordingSleeper();
    private AnthropicLlmProvider provider;

    @BeforeAll
    static void startWireMock() {
        wireMock = new WireMockServer(options().dynamicPort().usingFilesUnderDirectory("wiremock-stubs/anthropic"));
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
        provider = provider(KEY, Duration.ofSeconds(5), 3);
    }

    @AfterEach
    void closeProvider() {
        provider.close();
    }

    private AnthropicLlmProvider provider(String key, Duration timeout, int maxRetries) {
        var properties = new AnthropicProperties(key, "claude-sonnet-4-5", wireMock.baseUrl(), timeout, maxRetries,
                Duration.ofSeconds(10), 512, new BigDecimal("3.00"), new BigDecimal("15.00"), new BigDecimal("3.75"),
                new BigDecimal("0.30"));
        return new AnthropicLlmProvider(properties, sleeper);
    }

    private JsonNode onlyRequestBody() {
        var requests = wireMock.findAll(postRequestedFor(urlPathEqualTo("/v1/messages")));
        assertThat(requests).hasSize(1);
        return JSON.readTree(requests.getFirst().getBodyAsString());
    }

    @Test
    void toolUseBecomesAToolCallThatParsesToTheTypedCall() {
        LlmRequest request = Turns.browsing("Do you have blue sofas under 500?");

        LlmReply reply = provider.generateResponse(request);

        assertThat(reply.toolCalls()).containsExactly(new ToolCall("toolu_01A09q90qw90lq917835lq9", "search_products",
                "{\"query\":\"blue sofa\",\"max_price\":499.99}"));
        assertThat(reply.intent()).isEqualTo("search_products");
        assertThat(reply.confidence()).isNull();
        assertThat(reply.text()).isEqualTo("Let me find blue sofas under 500 for you.");
        FunctionCall call = provider.executeFunctionCall(reply.toolCalls().getFirst(), request);
        assertThat(call).isInstanceOfSatisfying(FunctionCall.SearchProducts.class, search -> {
            assertThat(search.query()).isEqualTo("blue sofa");
            assertThat(search.maxPrice()).isEqualByComparingTo("499.99");
        });
    }

    @Test
    void requestOffersOnlyTheAllowedToolsAndMarksSystemAndLastToolForCaching() {
        provider.generateResponse(Turns.browsing("Do you have blue sofas under 500?"));

        JsonNode body = onlyRequestBody();
        assertThat(body.get("model").asString()).isEqualTo("claude-sonnet-4-5");
        assertThat(body.get("max_tokens").asInt()).isEqualTo(512);
        assertThat(body.get("system")).hasSize(1);
        assertThat(body.at("/system/0/text").asString()).isEqualTo(Turns.SYSTEM);
        assertThat(body.at("/system/0/cache_control/type").asString()).isEqualTo("ephemeral");
        JsonNode tools = body.get("tools");
        assertThat(tools.valueStream().map(t -> t.get("name").asString()))
                .containsExactly("search_products", "get_product_details", "add_to_cart", "view_cart");
        assertThat(tools.get(3).at("/cache_control/type").asString()).isEqualTo("ephemeral");
        assertThat(tools.get(0).has("cache_control")).isFalse();
        assertThat(tools.get(1).has("cache_control")).isFalse();
        assertThat(tools.get(0).at("/input_schema/type").asString()).isEqualTo("object");
        assertThat(tools.get(0).at("/input_schema/required/0").asString()).isEqualTo("query");
        assertThat(tools.get(0).at("/input_schema/properties/max_price/type").asString()).isEqualTo("number");
        assertThat(tools.get(0).at("/input_schema/additionalProperties").asBoolean(true)).isFalse();
        wireMock.verify(postRequestedFor(urlPathEqualTo("/v1/messages"))
                .withHeader("Authorization", equalTo("Bearer " + KEY))
                .withHeader("anthropic-version", matching("\\d{4}-\\d{2}-\\d{2}")));
    }

    @Test
    void historyAlternatesAndTheTurnsContextGoesIntoTheLastUserMessage() {
        provider.generateResponse(Turns.withHistory("the second one", List.of(
                Turns.bot("Welcome to Casa Demo!"),
                Turns.shopper("sofas please"),
                Turns.bot("1. Oslo sofa"),
                Turns.bot("2. Bergen sofa"))));

        JsonNode messages = onlyRequestBody().get("messages");
        assertThat(messages.valueStream().map(m -> m.get("role").asString()))
                .containsExactly("user", "assistant", "user", "assistant", "user");
        assertThat(messages.at("/0/content/0/text").asString()).isEqualTo(AnthropicLlmProvider.EARLIER);
        assertThat(messages.at("/3/content").valueStream().map(b -> b.get("text").asString()))
                .containsExactly("1. Oslo sofa", "2. Bergen sofa");
        JsonNode last = messages.get(4).get("content");
        assertThat(last.at("/0/text").asString()).isEqualTo("<context>\n" + Turns.CONTEXT + "\n</context>");
        assertThat(last.at("/1/text").asString()).isEqualTo("the second one");
        assertThat(last.at("/0").has("cache_control")).isFalse();
    }

    @Test
    void noToolsOfferedSendsNoToolList() {
        provider.generateResponse(new LlmRequest(Turns.SYSTEM, Turns.CONTEXT, List.of(), "hello",
                com.shopkeeper.conversation.State.BROWSING, List.of()));

        assertThat(onlyRequestBody().has("tools")).isFalse();
    }

    @Test
    void textAnswerHasNoCallsAndItsUsageIsPricedExactly() {
        LlmReply reply = provider.generateResponse(Turns.browsing("hello"));

        assertThat(reply.text()).startsWith("Hello! I can help you find furniture");
        assertThat(reply.toolCalls()).isEmpty();
        assertThat(reply.intent()).isEqualTo(LlmReply.OTHER);
        // 388 input, 27 output, 1830 written to the cache, none read
        assertThat(reply.usage().model()).isEqualTo("claude-sonnet-4-5");
        assertThat(reply.usage().inputTokens()).isEqualTo(388);
        assertThat(reply.usage().outputTokens()).isEqualTo(27);
        assertThat(reply.usage().cacheWriteTokens()).isEqualTo(1830);
        assertThat(reply.usage().cacheReadTokens()).isZero();
        // (388 * 3 + 27 * 15 + 1830 * 3.75) / 1e6 = (1164 + 405 + 6862.5) / 1e6
        assertThat(reply.usage().costUsd()).isEqualByComparingTo("0.0084315");
    }

    @Test
    void cacheReadTokensArePricedAtTheCacheReadPrice() {
        LlmReply reply = provider.generateResponse(Turns.browsing("Do you have blue sofas under 500?"));

        assertThat(reply.usage().inputTokens()).isEqualTo(412);
        assertThat(reply.usage().cacheReadTokens()).isEqualTo(1830);
        assertThat(reply.usage().cacheWriteTokens()).isZero();
        // (412 * 3 + 61 * 15 + 1830 * 0.30) / 1e6 = (1236 + 915 + 549) / 1e6
        assertThat(reply.usage().costUsd()).isEqualByComparingTo("0.0027");
    }

    @Test
    void overloadedOnceIsRetriedWithBackoff() {
        LlmReply reply = provider.generateResponse(Turns.browsing("overloaded once"));

        assertThat(reply.text()).startsWith("Hello!");
        wireMock.verify(2, postRequestedFor(urlPathEqualTo("/v1/messages")));
        assertThat(sleeper.waits).singleElement()
                .satisfies(wait -> assertThat(wait).isBetween(Duration.ofMillis(375), Duration.ofMillis(500)));
    }

    @Test
    void rateLimitedOnceWaitsWhatRetryAfterAsks() {
        LlmReply reply = provider.generateResponse(Turns.browsing("rate limited once"));

        assertThat(reply.text()).startsWith("Hello!");
        wireMock.verify(2, postRequestedFor(urlPathEqualTo("/v1/messages")));
        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void staysOverloadedThroughEveryRetryThenIsUnavailable() {
        assertThatThrownBy(() -> provider.generateResponse(Turns.browsing("always overloaded")))
                .isInstanceOf(LlmUnavailableException.class)
                .hasMessage("anthropic: overloaded (529), gave up after 4 attempts");

        wireMock.verify(4, postRequestedFor(urlPathEqualTo("/v1/messages")));
        assertThat(sleeper.waits).hasSize(3);
        // exponential: about 0.5, 1, 2 s, each less up to a quarter of jitter
        assertThat(sleeper.waits.get(2)).isBetween(Duration.ofMillis(1500), Duration.ofMillis(2000));
    }

    @Test
    void retryAfterLongerThanTheShopperCanWaitGivesUpAtOnce() {
        assertThatThrownBy(() -> provider.generateResponse(Turns.browsing("rate limited for long")))
                .isInstanceOf(LlmUnavailableException.class)
                .hasMessageContaining("rate limited (429), asked to wait 120 s");

        wireMock.verify(1, postRequestedFor(urlPathEqualTo("/v1/messages")));
        assertThat(sleeper.waits).isEmpty();
    }

    @Test
    void timeoutIsUnavailableAndNotRetried() {
        try (AnthropicLlmProvider impatient = provider(KEY, Duration.ofMillis(300), 3)) {
            assertThatThrownBy(() -> impatient.generateResponse(Turns.browsing("slow answer")))
                    .isInstanceOf(LlmUnavailableException.class)
                    .hasMessage("anthropic: timed out after 300 ms");
        }
        wireMock.verify(1, postRequestedFor(urlPathEqualTo("/v1/messages")));
    }

    @Test
    void refusedKeyIsUnavailableAndNotRetried() {
        try (AnthropicLlmProvider refused = provider("sk-ant-refused", Duration.ofSeconds(5), 3)) {
            assertThatThrownBy(() -> refused.generateResponse(Turns.browsing("hello")))
                    .isInstanceOf(LlmUnavailableException.class)
                    .hasMessage("anthropic: key refused (401)")
                    .hasMessageNotContaining("sk-ant-refused");
        }
        wireMock.verify(1, postRequestedFor(urlPathEqualTo("/v1/messages")));
    }

    @Test
    void malformedToolInputIsPassedThroughAndRefusedWhenExecuted() {
        LlmRequest request = Turns.browsing("add lots of the blue one");

        LlmReply reply = provider.generateResponse(request);

        assertThat(reply.toolCalls()).singleElement().satisfies(call -> {
            assertThat(call.name()).isEqualTo("add_to_cart");
            assertThat(call.argumentsJson()).isEqualTo("{\"product\":\"the blue one\",\"quantity\":\"lots\"}");
        });
        assertThat(reply.text()).isEmpty();
        assertThatThrownBy(() -> provider.executeFunctionCall(reply.toolCalls().getFirst(), request))
                .isInstanceOf(MalformedCallException.class)
                .hasMessage("quantity must be a whole number");
    }

    @Test
    void aCallToAFunctionNotOfferedIsRefusedWhenExecuted() {
        LlmRequest cartOnly = new LlmRequest(Turns.SYSTEM, Turns.CONTEXT, List.of(), "Do you have blue sofas?",
                com.shopkeeper.conversation.State.CART, List.of(Event.VIEW_CART));

        LlmReply reply = provider.generateResponse(cartOnly);

        assertThatThrownBy(() -> provider.executeFunctionCall(reply.toolCalls().getFirst(), cartOnly))
                .isInstanceOf(MalformedCallException.class)
                .hasMessage("search_products was not offered");
    }

    @Test
    void embeddingsComeFromElsewhere() {
        assertThatThrownBy(() -> provider.getEmbeddings(List.of("sofa")))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
