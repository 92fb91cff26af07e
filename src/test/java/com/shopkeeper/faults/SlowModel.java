package com.shopkeeper.faults;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A stand-in for an OpenAI-compatible model server ({@code POST /v1/chat/completions}) that answers
 * slowly, as a real model does under load: each call takes a random time between {@code min} and
 * {@code max}, so that a stop or a crash lands with turns in flight. What it answers is decided by
 * the shopper's last line alone: {@code add 2 SK-000123} is {@code add_to_cart(product, quantity)},
 * {@code cart} is {@code view_cart}, anything else a friendly text. It only calls a tool it was
 * offered, as a well-behaved model does.
 */
final class SlowModel implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern ADD = Pattern.compile("(?i)add (\\d+) (\\S+)");

    private final HttpServer server;
    private final long minMs;
    private final long maxMs;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong calls = new AtomicLong();

    private SlowModel(HttpServer server, Duration min, Duration max) {
        this.server = server;
        this.minMs = min.toMillis();
        this.maxMs = max.toMillis();
    }

    static SlowModel start(Duration min, Duration max) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
            SlowModel model = new SlowModel(server, min, max);
            server.createContext("/v1/chat/completions", model::handle);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return model;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the stand-in model server", e);
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** Calls being answered right now (the instances' turns waiting on the model). */
    int inFlight() {
        return inFlight.get();
    }

    long calls() {
        return calls.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        inFlight.incrementAndGet();
        calls.incrementAndGet();
        try (exchange) {
            JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
            String answer = JSON.writeValueAsString(answer(request));
            Thread.sleep(ThreadLocalRandom.current().nextLong(minMs, maxMs + 1));
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (IOException | InterruptedException e) {
            // the instance that asked is gone: nobody to answer
        } finally {
            inFlight.decrementAndGet();
        }
    }

    static ObjectNode answer(JsonNode request) {
        String said = lastLine(request);
        Set<String> offered = new HashSet<>();
        for (JsonNode tool : request.path("tools")) {
            offered.add(tool.path("function").path("name").asString(""));
        }
        ObjectNode message = JSON.createObjectNode().put("role", "assistant");
        Matcher add = ADD.matcher(said);
        if (add.matches() && offered.contains("add_to_cart")) {
            ObjectNode args = JSON.createObjectNode().put("product", add.group(2)).put("quantity", Integer.parseInt(add.group(1)));
            toolCall(message, "add_to_cart", args);
        } else if (said.equalsIgnoreCase("cart") && offered.contains("view_cart")) {
            toolCall(message, "view_cart", JSON.createObjectNode());
        } else {
            message.put("content", "Hello! Tell me what you'd like to add to your cart.");
        }
        ObjectNode answer = JSON.createObjectNode().put("id", "chatcmpl-standin").put("object", "chat.completion")
                .put("created", System.currentTimeMillis() / 1000).put("model", request.path("model").asString("gpt-4o-mini"));
        answer.putArray("choices").addObject().put("index", 0).put("finish_reason",
                message.has("tool_calls") ? "tool_calls" : "stop").set("message", message);
        answer.putObject("usage").put("prompt_tokens", 300).put("completion_tokens", 20).put("total_tokens", 320);
        return answer;
    }

    private static void toolCall(ObjectNode message, String name, ObjectNode args) {
        message.putNull("content");
        ObjectNode call = message.putArray("tool_calls").addObject().put("id", "call_" + Long.toHexString(System.nanoTime()))
                .put("type", "function");
        call.putObject("function").put("name", name).put("arguments", JSON.writeValueAsString(args));
    }

    /**
     * What the shopper said this turn: the last line of the last user message (the engine puts the
     * turn's context and any earlier unanswered lines above it).
     */
    private static String lastLine(JsonNode request) {
        JsonNode messages = request.path("messages");
        String content = messages.isEmpty() ? "" : messages.get(messages.size() - 1).path("content").asString("");
        String[] lines = content.strip().split("\n");
        return lines[lines.length - 1].strip();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
