package com.shopkeeper.llm.anthropic;

import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.shopkeeper.llm.LlmProvider;
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
 * The provider contract against WireMock over real HTTP, with stubs shaped like the Messages API
 * (wiremock-stubs/anthropic); then how the prompt is laid out for Anthropic's prompt cache.
 */
class AnthropicLlmProviderTest extends RemoteLlmProviderContract {

    private static final String KEY = "sk-ant-test-0123";
    private static WireMockServer wireMock;

    @BeforeAll
    static void startWireMock() {
        wireMock = new WireMockServer(options().dynamicPort().usingFilesUnderDirectory("wiremock-stubs/anthropic"));
        wireMock.start();
    }

    @AfterAll
    static void stopWireMock() {
        wireMock.stop();
    }

    @Override
    protected LlmProvider newProvider(String key, Duration timeout) {
        var properties = new AnthropicProperties(key, "claude-sonnet-4-5", wireMock.baseUrl(), timeout, 3,
                Duration.ofSeconds(10), 512, new BigDecimal("3.00"), new BigDecimal("15.00"), new BigDecimal("3.75"),
                new BigDecimal("0.30"));
        return new AnthropicLlmProvider(properties, sleeper);
    }

    @Override protected WireMockServer api() { return wireMock; }
    @Override protected String turnPath() { return "/v1/messages"; }
    @Override protected String apiKey() { return KEY; }
    @Override protected String refusedKey() { return "sk-ant-refused"; }
    @Override protected String expectedName() { return "anthropic"; }
    @Override protected String expectedUsageModel() { return "claude-sonnet-4-5"; }

    @Override
    protected List<String> offeredTools(JsonNode body) {
        return body.get("tools").valueStream().map(t -> t.get("name").asString()).toList();
    }

    @Override
    protected ToolCall stubbedSearchCall() {
        return new ToolCall("toolu_01A09q90qw90lq917835lq9", "search_products", "{\"query\":\"blue sofa\",\"max_price\":499.99}");
    }

    @Override protected String stubbedSearchText() { return "Let me find blue sofas under 500 for you."; }

    /** 388 input, 27 output, 1830 written to the cache, none read: (388 * 3 + 27 * 15 + 1830 * 3.75) / 1e6. */
    @Override
    protected Usage stubbedPlainUsage() {
        return new Usage("claude-sonnet-4-5", 388, 27, 0, 1830, new BigDecimal("0.0084315"));
    }

    /** 412 input, 61 output, 1830 read from the cache: (412 * 3 + 61 * 15 + 1830 * 0.30) / 1e6 = (1236 + 915 + 549) / 1e6. */
    @Override
    protected Usage stubbedSearchUsage() {
        return new Usage("claude-sonnet-4-5", 412, 61, 1830, 0, new BigDecimal("0.0027"));
    }

    @Override protected Duration stubbedRetryAfter() { return Duration.ofSeconds(2); }
    @Override protected String serverErrorOnce() { return "overloaded once"; }
    @Override protected String serverErrorAlways() { return "always overloaded"; }
    @Override protected String serverErrorReason() { return "overloaded (529)"; }
    @Override protected String stubbedMalformedArguments() { return "{\"product\":\"the blue one\",\"quantity\":\"lots\"}"; }
    @Override protected String malformedRefusal() { return "quantity must be a whole number"; }

    @Test
    void theSystemPromptAndTheLastToolAreMarkedForCachingAndTheSchemasAreStrict() {
        provider().generateResponse(Turns.browsing(SEARCH));

        JsonNode body = onlyRequestBody();
        assertThat(body.get("system")).hasSize(1);
        assertThat(body.at("/system/0/text").asString()).isEqualTo(Turns.SYSTEM);
        assertThat(body.at("/system/0/cache_control/type").asString()).isEqualTo("ephemeral");
        JsonNode tools = body.get("tools");
        assertThat(tools.get(3).at("/cache_control/type").asString()).isEqualTo("ephemeral");
        assertThat(tools.get(0).has("cache_control")).isFalse();
        assertThat(tools.get(1).has("cache_control")).isFalse();
        assertThat(tools.get(0).at("/input_schema/type").asString()).isEqualTo("object");
        // A search refines with no query ("any cheaper?"): nothing of it is required, and how it changes the list is an enum.
        assertThat(tools.get(0).at("/input_schema").has("required")).isFalse();
        assertThat(tools.get(0).at("/input_schema/properties/change/enum").valueStream().map(JsonNode::asString))
                .containsExactly("cheaper", "pricier", "others");
        assertThat(tools.get(0).at("/input_schema/properties/max_price/type").asString()).isEqualTo("number");
        assertThat(tools.get(0).at("/input_schema/additionalProperties").asBoolean(true)).isFalse();
        wireMock.verify(postRequestedFor(urlPathEqualTo("/v1/messages"))
                .withHeader("anthropic-version", matching("\\d{4}-\\d{2}-\\d{2}")));
    }

    @Test
    void historyAlternatesAndTheTurnsContextGoesIntoTheLastUserMessage() {
        provider().generateResponse(Turns.withHistory("the second one", List.of(
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
}
