package com.shopkeeper.llm.anthropic;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonMissing;
import com.anthropic.core.JsonValue;
import com.anthropic.core.ObjectMappers;
import com.anthropic.core.http.Headers;
import com.anthropic.errors.AnthropicInvalidDataException;
import com.anthropic.errors.AnthropicIoException;
import com.anthropic.errors.AnthropicRetryableException;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.models.messages.CacheControlEphemeral;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.TextBlockParam;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolUseBlock;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.shopkeeper.llm.EmbeddingModel;
import com.shopkeeper.llm.FunctionCalls;
import com.shopkeeper.llm.LlmProvider;
import com.shopkeeper.llm.LlmReply;
import com.shopkeeper.llm.LlmRequest;
import com.shopkeeper.llm.LlmRequest.ChatTurn.Speaker;
import com.shopkeeper.llm.LlmUnavailableException;
import com.shopkeeper.llm.ModelText;
import com.shopkeeper.llm.RetryPolicy;
import com.shopkeeper.llm.TokenPrices;
import com.shopkeeper.llm.ToolCall;
import com.shopkeeper.llm.Usage;
import java.io.InterruptedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claude through the official SDK (Messages API, tool use). The prompt is laid out for Anthropic's
 * prompt cache, whose prefix runs tools, then system, then messages: the tool list and the static
 * system prompt each end with a {@code cache_control} breakpoint, and everything that changes per turn
 * (the engine's context summary, the shopper's words) goes last, in the final user message.
 *
 * <p>Retries are ours ({@link RetryPolicy}), not the SDK's: its own are switched off.
 */
public class AnthropicLlmProvider implements LlmProvider, AutoCloseable {

    private final EmbeddingModel embeddings;

    private static final Logger log = LoggerFactory.getLogger(AnthropicLlmProvider.class);
    // Shown only when history starts with the bot: the Messages API wants a user turn first.
    static final String EARLIER = "(earlier in this conversation)";

    private final AnthropicClient client;
    private final AnthropicProperties properties;
    private final TokenPrices prices;
    private final RetryPolicy retry;

    AnthropicLlmProvider(AnthropicProperties properties, RetryPolicy.Sleeper sleeper) {
        this(properties, sleeper, null);
    }

    /** With the application's in-process embedding model behind {@link #getEmbeddings}. */
    AnthropicLlmProvider(AnthropicProperties properties, RetryPolicy.Sleeper sleeper, EmbeddingModel embeddings) {
        this.embeddings = embeddings;
        this.properties = properties;
        this.prices = properties.prices();
        this.retry = RetryPolicy.standard(name(), properties.maxRetries(), properties.maxRetryWait(), sleeper);
        this.client = AnthropicOkHttpClient.builder()
                .apiKey(properties.apiKey())
                .baseUrl(properties.baseUrl())
                .timeout(properties.timeout())
                .maxRetries(0)
                .build();
    }

    @Override
    public String name() {
        return "anthropic";
    }

    @Override
    public LlmReply generateResponse(LlmRequest request) {
        MessageCreateParams params = params(request);
        Message message = retry.call(() -> client.messages().create(params), this::classify);
        return reply(message);
    }

    MessageCreateParams params(LlmRequest request) {
        CacheControlEphemeral cache = CacheControlEphemeral.builder().build();
        MessageCreateParams.Builder params = MessageCreateParams.builder()
                .model(properties.model())
                .maxTokens(properties.maxTokens())
                .systemOfTextBlockParams(List.of(TextBlockParam.builder()
                        .text(request.system())
                        .cacheControl(cache)
                        .build()));
        List<FunctionCalls.ToolSpec> specs = FunctionCalls.specs(request.tools());
        for (int i = 0; i < specs.size(); i++) {
            params.addTool(tool(specs.get(i), i == specs.size() - 1 ? cache : null));
        }
        addMessages(params, request);
        return params.build();
    }

    private static Tool tool(FunctionCalls.ToolSpec spec, CacheControlEphemeral cache) {
        Tool.InputSchema.Builder schema = Tool.InputSchema.builder();
        spec.inputSchema().forEach((key, value) -> {
            switch (key) {
                case "type" -> { } // the SDK writes "type": "object" itself
                case "properties" -> {
                    Tool.InputSchema.Properties.Builder properties = Tool.InputSchema.Properties.builder();
                    ((Map<?, ?>) value).forEach((name, property) ->
                            properties.putAdditionalProperty((String) name, JsonValue.from(property)));
                    schema.properties(properties.build());
                }
                case "required" -> schema.required(((List<?>) value).stream().map(String.class::cast).toList());
                default -> schema.putAdditionalProperty(key, JsonValue.from(value));
            }
        });
        Tool.Builder tool = Tool.builder()
                .name(spec.name())
                .description(spec.description())
                .inputSchema(schema.build());
        if (cache != null) {
            tool.cacheControl(cache); // a null would be sent as "cache_control": null
        }
        return tool.build();
    }

    /**
     * History as alternating user / assistant messages (consecutive turns of one speaker merged), then
     * the final user message: the per-turn context block, then the shopper's words.
     */
    private static void addMessages(MessageCreateParams.Builder params, LlmRequest request) {
        List<Turn> turns = new ArrayList<>();
        for (LlmRequest.ChatTurn turn : request.history()) {
            append(turns, turn.speaker() == Speaker.SHOPPER, turn.text());
        }
        if (!turns.isEmpty() && !turns.getFirst().user()) {
            turns.addFirst(new Turn(true, new ArrayList<>(List.of(EARLIER))));
        }
        if (request.context() != null && !request.context().isBlank()) {
            append(turns, true, "<context>\n" + request.context().strip() + "\n</context>");
        }
        append(turns, true, request.userText());
        for (Turn turn : turns) {
            List<ContentBlockParam> blocks = turn.texts().stream().map(ContentBlockParam::ofText).toList();
            if (turn.user()) {
                params.addUserMessageOfContentBlockParams(blocks);
            } else {
                params.addAssistantMessageOfContentBlockParams(blocks);
            }
        }
    }

    private record Turn(boolean user, List<String> texts) {
    }

    private static void append(List<Turn> turns, boolean user, String text) {
        if (text == null || text.isBlank()) {
            return; // the API refuses empty text blocks
        }
        if (!turns.isEmpty() && turns.getLast().user() == user) {
            turns.getLast().texts().add(text);
        } else {
            turns.add(new Turn(user, new ArrayList<>(List.of(text))));
        }
    }

    private LlmReply reply(Message message) {
        StringBuilder text = new StringBuilder();
        List<ToolCall> calls = new ArrayList<>();
        for (ContentBlock block : message.content()) {
            block.text().ifPresent(t -> text.append(text.isEmpty() ? "" : "\n").append(t.text()));
            block.toolUse().ifPresent(t -> calls.add(toolCall(t)));
        }
        com.anthropic.models.messages.Usage u = message.usage();
        Usage usage = prices.usage(properties.model(), u.inputTokens(), u.outputTokens(),
                u.cacheReadInputTokens().orElse(0L), u.cacheCreationInputTokens().orElse(0L));
        log.debug("llm=anthropic stop={} toolCalls={} input={} output={} cacheRead={} cacheWrite={}",
                ModelText.of(message.stopReason().map(Object::toString).orElse("none")), calls.size(), usage.inputTokens(),
                usage.outputTokens(), usage.cacheReadTokens(), usage.cacheWriteTokens());
        String intent = calls.isEmpty() ? LlmReply.OTHER : calls.getFirst().name();
        return new LlmReply(text.toString(), calls, intent, null, usage);
    }

    /**
     * Passed on as the model wrote it, even when it is not a valid call: {@code executeFunctionCall}
     * is where a bad one becomes a {@link com.shopkeeper.llm.MalformedCallException}.
     */
    private static ToolCall toolCall(ToolUseBlock block) {
        JsonValue input = block._input();
        String json;
        try {
            json = input instanceof JsonMissing ? "" : ObjectMappers.jsonMapper().writeValueAsString(input);
        } catch (JsonProcessingException e) {
            throw new LlmUnavailableException("anthropic: tool input could not be written as JSON", e);
        }
        return new ToolCall(block.id(), block.name(), json);
    }

    private RetryPolicy.Failure classify(RuntimeException error) {
        return switch (error) {
            case AnthropicServiceException e -> serviceFailure(e.statusCode(), e.headers());
            case AnthropicIoException e when e.getCause() instanceof InterruptedIOException ->
                    RetryPolicy.Failure.permanent("timed out after " + properties.timeout().toMillis() + " ms");
            case AnthropicIoException e -> RetryPolicy.Failure.retryable("connection failed", Optional.empty());
            case AnthropicRetryableException e -> RetryPolicy.Failure.retryable("retryable client error", Optional.empty());
            case AnthropicInvalidDataException e -> RetryPolicy.Failure.permanent("unreadable answer");
            default -> throw error;
        };
    }

    static RetryPolicy.Failure serviceFailure(int status, Headers headers) {
        String reason = describe(status);
        String shouldRetry = first(headers, "x-should-retry");
        boolean retryable = shouldRetry != null ? shouldRetry.equals("true")
                : status == 408 || status == 409 || status == 429 || status >= 500;
        if (!retryable) {
            return RetryPolicy.Failure.permanent(reason);
        }
        return RetryPolicy.Failure.retryable(reason, RetryPolicy.retryAfter(first(headers, "retry-after-ms"),
                first(headers, "retry-after"), Instant.now()));
    }

    static String describe(int status) {
        return switch (status) {
            case 400 -> "request refused (400)";
            case 401, 403 -> "key refused (" + status + ")";
            case 404 -> "no such model or endpoint (404)";
            case 408 -> "request timeout (408)";
            case 413 -> "request too large (413)";
            case 429 -> "rate limited (429)";
            case 529 -> "overloaded (529)";
            default -> status >= 500 ? "server error (" + status + ")" : "HTTP " + status;
        };
    }

    private static String first(Headers headers, String name) {
        List<String> values = headers.values(name);
        return values.isEmpty() ? null : values.getFirst();
    }

    /** Embeddings come from the in-process model, whichever provider talks. */
    @Override
    public List<float[]> getEmbeddings(List<String> texts) {
        // The model's vendor embeddings are not used: search and intents share the in-process model.
        if (embeddings == null) {
            throw new UnsupportedOperationException("no in-process embedding model was given");
        }
        return embeddings.embedAll(texts);
    }

    @Override
    public void close() {
        client.close();
    }
}
