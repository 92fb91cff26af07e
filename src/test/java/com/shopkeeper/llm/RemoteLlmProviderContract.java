package com.shopkeeper.llm;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.shopkeeper.conversation.State;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link LlmProviderContract} for a provider that calls a model over HTTP, against WireMock stubs shaped
 * like its API ({@code wiremock-stubs/<provider>/}): the request offers only the allowed tools, a tool call
 * comes back as the model made it, usage is priced exactly, and {@link RetryPolicy} holds (rate limits and
 * server errors retried with the waits asked for or a backoff, never longer than the shopper can wait; a
 * timeout or a refused key not retried, and either ends in {@link LlmUnavailableException}).
 *
 * <p>The subclass names what its stubs answer to which words; every stub set answers {@link #SEARCH} with a
 * {@code search_products} call for "blue sofa" under 499.99, "hello" with a plain "Hello! I can help you
 * find furniture…", "rate limited once", "rate limited for long" (a retry-after of 120 s), "slow answer"
 * (after 3 s) and "add lots of the blue one" with a malformed {@code add_to_cart}.
 */
public abstract class RemoteLlmProviderContract extends LlmProviderContract {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The waits the retry policy asks for, recorded instead of slept. */
    protected final Turns.RecordingSleeper sleeper = new Turns.RecordingSleeper();
    private LlmProvider provider;

    /** The stubbed API. */
    protected abstract WireMockServer api();

    /** The path each turn is posted to. */
    protected abstract String turnPath();

    /**
     * A provider for the stubs with this key and timeout, waiting through {@link #sleeper}: 512 max tokens,
     * 3 retries, and no wait longer than 10 s.
     */
    protected abstract LlmProvider newProvider(String apiKey, Duration timeout);

    /** The key the stubs take. */
    protected abstract String apiKey();

    /** A key the stubs refuse with 401. */
    protected abstract String refusedKey();

    /** The names of the tools a request body offers, in order. */
    protected abstract List<String> offeredTools(JsonNode requestBody);

    /** The stub's search call, exactly as its model makes it. */
    protected abstract ToolCall stubbedSearchCall();

    /** The text the stub's model writes beside its search call. */
    protected abstract String stubbedSearchText();

    /** What the stub's plain answer to "hello" used and costs. */
    protected abstract Usage stubbedPlainUsage();

    /** What the stub's search answer used and costs, part of its prompt read from the cache. */
    protected abstract Usage stubbedSearchUsage();

    /** The wait the stub's rate limit asks for. */
    protected abstract Duration stubbedRetryAfter();

    /** Words the stub answers once with a retryable server error, then with "Hello!". */
    protected abstract String serverErrorOnce();

    /** Words the stub answers with that server error every time. */
    protected abstract String serverErrorAlways();

    /** How the provider describes that server error, e.g. "overloaded (529)". */
    protected abstract String serverErrorReason();

    /** The arguments of the stub's malformed add_to_cart, as its model wrote them. */
    protected abstract String stubbedMalformedArguments();

    /** Why the shared parser refuses them. */
    protected abstract String malformedRefusal();

    @Override
    protected final LlmProvider provider() {
        return provider;
    }

    @Override
    protected final boolean passesOnUnofferedCalls() {
        return true;
    }

    @BeforeEach
    void freshStubsAndProvider() {
        api().resetRequests();
        api().resetScenarios();
        provider = newProvider(apiKey(), Duration.ofSeconds(5));
    }

    @AfterEach
    void closeProvider() throws Exception {
        close(provider);
    }

    private static void close(LlmProvider provider) throws Exception {
        if (provider instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    /** How many turns reached the stubbed API. */
    protected int turnsPosted() {
        return api().findAll(postRequestedFor(urlPathEqualTo(turnPath()))).size();
    }

    /** The body of the one turn posted. */
    protected JsonNode onlyRequestBody() {
        var requests = api().findAll(postRequestedFor(urlPathEqualTo(turnPath())));
        assertThat(requests).hasSize(1);
        return JSON.readTree(requests.getFirst().getBodyAsString());
    }

    private static void assertUsage(Usage actual, Usage expected) {
        assertThat(actual.model()).isEqualTo(expected.model());
        assertThat(actual.inputTokens()).as("input").isEqualTo(expected.inputTokens());
        assertThat(actual.outputTokens()).as("output").isEqualTo(expected.outputTokens());
        assertThat(actual.cacheReadTokens()).as("cache read").isEqualTo(expected.cacheReadTokens());
        assertThat(actual.cacheWriteTokens()).as("cache write").isEqualTo(expected.cacheWriteTokens());
        assertThat(actual.costUsd()).as("cost").isEqualByComparingTo(expected.costUsd());
    }

    @Test
    void theModelsToolCallComesBackAsItMadeItWithNoConfidence() {
        LlmRequest request = Turns.browsing(SEARCH);

        LlmReply reply = provider().generateResponse(request);

        assertThat(reply.toolCalls()).containsExactly(stubbedSearchCall());
        assertThat(reply.confidence()).isNull();
        assertThat(reply.text()).isEqualTo(stubbedSearchText());
        assertThat(provider().executeFunctionCall(reply.toolCalls().getFirst(), request))
                .isInstanceOfSatisfying(FunctionCall.SearchProducts.class, search -> {
                    assertThat(search.query()).isEqualTo("blue sofa");
                    assertThat(search.maxPrice()).isEqualByComparingTo("499.99");
                });
    }

    @Test
    void theRequestOffersOnlyTheAllowedToolsWithTheModelAndTheKey() {
        provider().generateResponse(Turns.browsing(SEARCH));

        JsonNode body = onlyRequestBody();
        assertThat(body.get("model").asString()).isEqualTo(expectedUsageModel());
        assertThat(body.get("max_tokens").asInt()).isEqualTo(512);
        assertThat(offeredTools(body)).containsExactly("search_products", "get_product_details", "add_to_cart", "view_cart");
        api().verify(postRequestedFor(urlPathEqualTo(turnPath())).withHeader("Authorization", equalTo("Bearer " + apiKey())));
    }

    @Test
    void noToolsOfferedSendsNoToolList() {
        provider().generateResponse(new LlmRequest(Turns.SYSTEM, Turns.CONTEXT, List.of(), "hello", State.BROWSING,
                List.of()));

        assertThat(onlyRequestBody().has("tools")).isFalse();
    }

    @Test
    void aPlainAnswerHasNoCallsAndItsUsageIsPricedExactly() {
        LlmReply reply = provider().generateResponse(Turns.browsing("hello"));

        assertThat(reply.text()).startsWith("Hello! I can help you find furniture");
        assertThat(reply.toolCalls()).isEmpty();
        assertThat(reply.intent()).isEqualTo(LlmReply.OTHER);
        assertUsage(reply.usage(), stubbedPlainUsage());
    }

    @Test
    void cachedPromptTokensArePricedAtTheCachePrice() {
        assertUsage(provider().generateResponse(Turns.browsing(SEARCH)).usage(), stubbedSearchUsage());
    }

    @Test
    void rateLimitedOnceWaitsWhatRetryAfterAsks() {
        LlmReply reply = provider().generateResponse(Turns.browsing("rate limited once"));

        assertThat(reply.text()).startsWith("Hello!");
        assertThat(turnsPosted()).isEqualTo(2);
        assertThat(sleeper.waits).containsExactly(stubbedRetryAfter());
    }

    @Test
    void aServerErrorOnceIsRetriedAfterABackoff() {
        LlmReply reply = provider().generateResponse(Turns.browsing(serverErrorOnce()));

        assertThat(reply.text()).startsWith("Hello!");
        assertThat(turnsPosted()).isEqualTo(2);
        assertThat(sleeper.waits).singleElement()
                .satisfies(wait -> assertThat(wait).isBetween(Duration.ofMillis(375), Duration.ofMillis(500)));
    }

    @Test
    void aServerErrorThroughEveryRetryEndsUnavailable() {
        assertThatThrownBy(() -> provider().generateResponse(Turns.browsing(serverErrorAlways())))
                .isInstanceOf(LlmUnavailableException.class)
                .hasMessage(expectedName() + ": " + serverErrorReason() + ", gave up after 4 attempts");

        assertThat(turnsPosted()).isEqualTo(4);
        assertThat(sleeper.waits).hasSize(3);
        // exponential: about 0.5, 1, 2 s, each less up to a quarter of jitter
        assertThat(sleeper.waits.get(2)).isBetween(Duration.ofMillis(1500), Duration.ofMillis(2000));
    }

    @Test
    void aRetryAfterLongerThanTheShopperCanWaitGivesUpAtOnce() {
        assertThatThrownBy(() -> provider().generateResponse(Turns.browsing("rate limited for long")))
                .isInstanceOf(LlmUnavailableException.class)
                .hasMessage(expectedName() + ": rate limited (429), asked to wait 120 s, more than 10 s");

        assertThat(turnsPosted()).isEqualTo(1);
        assertThat(sleeper.waits).isEmpty();
    }

    @Test
    void aTimeoutIsUnavailableAndNotRetried() throws Exception {
        LlmProvider impatient = newProvider(apiKey(), Duration.ofMillis(300));
        try {
            assertThatThrownBy(() -> impatient.generateResponse(Turns.browsing("slow answer")))
                    .isInstanceOf(LlmUnavailableException.class)
                    .hasMessage(expectedName() + ": timed out after 300 ms");
        } finally {
            close(impatient);
        }
        assertThat(turnsPosted()).isEqualTo(1);
    }

    @Test
    void aRefusedKeyIsUnavailableAndNotRetried() throws Exception {
        LlmProvider refused = newProvider(refusedKey(), Duration.ofSeconds(5));
        try {
            assertThatThrownBy(() -> refused.generateResponse(Turns.browsing("hello")))
                    .isInstanceOf(LlmUnavailableException.class)
                    .hasMessage(expectedName() + ": key refused (401)")
                    .hasMessageNotContaining(refusedKey());
        } finally {
            close(refused);
        }
        assertThat(turnsPosted()).isEqualTo(1);
    }

    @Test
    void aMalformedCallIsPassedOnAsWrittenAndRefusedWhenExecuted() {
        LlmRequest request = Turns.browsing("add lots of the blue one");

        LlmReply reply = provider().generateResponse(request);

        assertThat(reply.toolCalls()).singleElement().satisfies(call -> {
            assertThat(call.name()).isEqualTo("add_to_cart");
            assertThat(call.argumentsJson()).isEqualTo(stubbedMalformedArguments());
        });
        assertThat(reply.text()).isEmpty();
        assertThatThrownBy(() -> provider().executeFunctionCall(reply.toolCalls().getFirst(), request))
                .isInstanceOf(MalformedCallException.class)
                .hasMessage(malformedRefusal());
    }

    @Test
    void embeddingsComeFromTheInProcessModelNotTheVendor() {
        assertThatThrownBy(() -> provider().getEmbeddings(List.of("sofa")))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
