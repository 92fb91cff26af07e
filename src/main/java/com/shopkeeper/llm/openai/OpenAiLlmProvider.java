package com.shopkeeper.llm.openai;

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
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Any OpenAI-compatible Chat Completions endpoint with tools: OpenAI, Ollama, vLLM, a llama.cpp
 * server. Plain {@link RestClient} and JSON rather than an SDK, so a base URL is all it takes, and
 * the small differences between servers (a missing usage block, arguments sent as an object rather
 * than a string) are read leniently.
 *
 * <p>The stable part of the prompt (tools, system prompt) comes first and the per-turn context rides
 * in the last user message, so OpenAI's automatic prefix caching can reuse it.
 */
public class OpenAiLlmProvider implements LlmProvider, AutoCloseable {

    private final EmbeddingModel embeddings;

    private static final Logger log = LoggerFactory.getLogger(OpenAiLlmProvider.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final java.util.regex.Pattern TRAILING_SLASHES = java.util.regex.Pattern.compile("(?<!/)/++$");

    private final OpenAiProperties properties;
    private final TokenPrices prices;
    private final RetryPolicy retry;
    private final RestClient http;
    private final HttpClient client;

    OpenAiLlmProvider(OpenAiProperties properties, RetryPolicy.Sleeper sleeper) {
        this(properties, sleeper, null);
    }

    /** With the application's in-process embedding model behind {@link #getEmbeddings}. */
    OpenAiLlmProvider(OpenAiProperties properties, RetryPolicy.Sleeper sleeper, EmbeddingModel embeddings) {
        this.embeddings = embeddings;
        this.properties = properties;
        this.prices = properties.prices();
        this.retry = RetryPolicy.standard(name(), properties.maxRetries(), properties.maxRetryWait(), sleeper);
        // HTTP/1.1: local servers speak nothing else, and the JDK's h2c upgrade on plain http confuses some.
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.timeout())
                .build();
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(client);
        factory.setReadTimeout(properties.timeout());
        RestClient.Builder builder = RestClient.builder()
                .baseUrl(TRAILING_SLASHES.matcher(properties.baseUrl()).replaceAll(""))
                .requestFactory(factory)
                .defaultHeader(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
                .defaultHeader(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE);
        if (properties.hasApiKey()) {
            builder.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + properties.apiKey());
        }
        this.http = builder.build();
    }

    @Override
    public String name() {
        return "openai";
    }

    @Override
    public LlmReply generateResponse(LlmRequest request) {
        String body = JSON.writeValueAsString(body(request));
        String answer = retry.call(() -> http.post().uri("/chat/completions").body(body).retrieve().body(String.class),
                this::classify);
        try {
            return reply(JSON.readTree(answer == null ? "" : answer));
        } catch (JacksonException | IllegalStateException e) {
            throw new LlmUnavailableException("openai: unreadable answer", e);
        }
    }

    ObjectNode body(LlmRequest request) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", properties.model());
        body.put("max_tokens", properties.maxTokens());
        ArrayNode messages = body.putArray("messages");
        messages.addObject().put("role", "system").put("content", request.system());
        String pendingRole = null;
        StringBuilder pending = new StringBuilder();
        for (LlmRequest.ChatTurn turn : request.history()) {
            if (turn.text() == null || turn.text().isBlank()) {
                continue;
            }
            String role = turn.speaker() == Speaker.SHOPPER ? "user" : "assistant";
            if (!role.equals(pendingRole) && pendingRole != null) {
                messages.addObject().put("role", pendingRole).put("content", pending.toString());
                pending.setLength(0);
            }
            pending.append(pending.isEmpty() ? "" : "\n").append(turn.text());
            pendingRole = role;
        }
        StringBuilder last = new StringBuilder();
        if (request.context() != null && !request.context().isBlank()) {
            last.append("<context>\n").append(request.context().strip()).append("\n</context>\n\n");
        }
        last.append(request.userText());
        if ("user".equals(pendingRole)) {
            last.insert(0, pending.append("\n"));
        } else if (pendingRole != null) {
            messages.addObject().put("role", pendingRole).put("content", pending.toString());
        }
        messages.addObject().put("role", "user").put("content", last.toString());
        List<FunctionCalls.ToolSpec> specs = FunctionCalls.specs(request.tools());
        if (!specs.isEmpty()) { // some servers refuse an empty tool list
            ArrayNode tools = body.putArray("tools");
            for (FunctionCalls.ToolSpec spec : specs) {
                ObjectNode function = tools.addObject().put("type", "function").putObject("function");
                function.put("name", spec.name()).put("description", spec.description());
                function.set("parameters", JSON.valueToTree(spec.inputSchema()));
            }
        }
        return body;
    }

    private LlmReply reply(JsonNode answer) {
        JsonNode message = answer.path("choices").path(0).path("message");
        if (!message.isObject()) {
            throw new IllegalStateException("no choices[0].message");
        }
        List<ToolCall> calls = new ArrayList<>();
        for (JsonNode call : message.path("tool_calls")) {
            JsonNode function = call.path("function");
            JsonNode arguments = function.path("arguments");
            // OpenAI sends the arguments as a JSON string; some local servers send the object itself.
            String json = arguments.isString() ? arguments.asString()
                    : arguments.isMissingNode() || arguments.isNull() ? "" : JSON.writeValueAsString(arguments);
            calls.add(new ToolCall(call.path("id").asString(""), function.path("name").asString(""), json));
        }
        JsonNode content = message.path("content");
        String text = content.isString() ? content.asString() : "";
        JsonNode u = answer.path("usage");
        long prompt = u.path("prompt_tokens").asLong(0);
        long cached = u.path("prompt_tokens_details").path("cached_tokens").asLong(0);
        long completion = u.path("completion_tokens").asLong(0);
        // inputTokens counts the uncached part only, as Anthropic reports it: prompt = input + cache read.
        Usage usage = prices.usage(properties.model(), Math.max(prompt - cached, 0), completion, cached, 0);
        log.debug("llm=openai finish={} toolCalls={} input={} output={} cacheRead={}",
                ModelText.of(answer.path("choices").path(0).path("finish_reason").asString("none")), calls.size(),
                usage.inputTokens(), usage.outputTokens(), usage.cacheReadTokens());
        String intent = calls.isEmpty() ? LlmReply.OTHER : calls.getFirst().name();
        return new LlmReply(text, calls, intent, null, usage);
    }

    private RetryPolicy.Failure classify(RuntimeException error) {
        return switch (error) {
            case RestClientResponseException e -> httpFailure(e.getStatusCode().value(), e.getResponseHeaders());
            case ResourceAccessException e when isTimeout(e) ->
                    RetryPolicy.Failure.permanent("timed out after " + properties.timeout().toMillis() + " ms");
            case ResourceAccessException e -> RetryPolicy.Failure.retryable("connection failed", Optional.empty());
            default -> throw error;
        };
    }

    private static boolean isTimeout(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof HttpTimeoutException || t instanceof InterruptedIOException) {
                return true;
            }
        }
        return false;
    }

    static RetryPolicy.Failure httpFailure(int status, HttpHeaders headers) {
        String reason = switch (status) {
            case 400 -> "request refused (400)";
            case 401, 403 -> "key refused (" + status + ")";
            case 404 -> "no such model or endpoint (404)";
            case 408 -> "request timeout (408)";
            case 429 -> "rate limited (429)";
            case 503 -> "unavailable (503)";
            default -> status >= 500 ? "server error (" + status + ")" : "HTTP " + status;
        };
        HttpHeaders h = headers == null ? new HttpHeaders() : headers;
        String shouldRetry = h.getFirst("x-should-retry");
        boolean retryable = shouldRetry != null ? shouldRetry.equals("true")
                : status == 408 || status == 409 || status == 429 || status >= 500;
        if (!retryable) {
            return RetryPolicy.Failure.permanent(reason);
        }
        return RetryPolicy.Failure.retryable(reason,
                RetryPolicy.retryAfter(h.getFirst("retry-after-ms"), h.getFirst("retry-after"), Instant.now()));
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
