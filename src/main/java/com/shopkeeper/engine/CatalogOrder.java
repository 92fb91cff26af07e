package com.shopkeeper.engine;

import com.shopkeeper.conversation.Event;
import com.shopkeeper.llm.FunctionCall;
import com.shopkeeper.llm.MalformedCallException;
import com.shopkeeper.llm.ToolCall;
import com.shopkeeper.messaging.InboundMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A cart the shopper sent from the shop's WhatsApp catalog (an order message, issue 16) as the one
 * call it stands for: add_lines, made here, never by a model (the table never offers it, and
 * {@code FunctionCalls.parse} refuses it). Like a tap, it needs no language understanding and is
 * still gated by the transition table. The call is stored with the turn's plan, so that a turn
 * taken up again goes on with the same lines; its id names the message it was made for, and only
 * that id is read back as an order ({@link #madeFor}).
 */
final class CatalogOrder {

    private static final String PREFIX = "order-";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private CatalogOrder() {
    }

    /** The call for an order's lines, one line per sku (a sku listed twice counts once, its quantities added). */
    static ToolCall call(String messageId, List<InboundMessage.OrderLine> order) {
        Map<String, Integer> bySku = new LinkedHashMap<>();
        for (InboundMessage.OrderLine line : order) {
            bySku.merge(line.sku().strip(), line.quantity(), (a, b) -> (int) Math.min(Integer.MAX_VALUE, (long) a + b));
        }
        List<Map<String, Object>> lines = new ArrayList<>();
        bySku.forEach((sku, quantity) -> lines.add(Map.of("sku", sku, "quantity", quantity)));
        return new ToolCall(PREFIX + messageId, Event.ADD_LINES.wireName(), JSON.writeValueAsString(Map.of("lines", lines)));
    }

    /** Whether {@code call} is the order call made for this message (a model's call never is). */
    static boolean madeFor(ToolCall call, String messageId) {
        return Event.ADD_LINES.wireName().equals(call.name()) && (PREFIX + messageId).equals(call.id());
    }

    static FunctionCall.AddLines read(ToolCall call) {
        try {
            List<FunctionCall.AddLines.Line> lines = new ArrayList<>();
            for (JsonNode line : JSON.readTree(call.argumentsJson()).path("lines")) {
                lines.add(new FunctionCall.AddLines.Line(line.path("sku").asString(), line.path("quantity").asInt()));
            }
            return new FunctionCall.AddLines(lines);
        } catch (JacksonException e) {
            throw new MalformedCallException("a stored order's lines cannot be read");
        }
    }
}
