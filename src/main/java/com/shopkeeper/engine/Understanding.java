package com.shopkeeper.engine;

import com.shopkeeper.conversation.Event;
import com.shopkeeper.conversation.TransitionTable;
import com.shopkeeper.llm.FunctionCall;
import com.shopkeeper.llm.FunctionCalls;
import com.shopkeeper.llm.LlmProvider;
import com.shopkeeper.llm.LlmReply;
import com.shopkeeper.llm.LlmRequest;
import com.shopkeeper.llm.LlmUnavailableException;
import com.shopkeeper.llm.MalformedCallException;
import com.shopkeeper.llm.OfflineUnderstanding;
import com.shopkeeper.llm.ToolCall;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What the shopper's message means, from the configured model, or from the offline understanding
 * when the model cannot say (issue 14, item 6: degrade, don't stop). The model's calls are checked
 * here, before anything is carried out: one that is not a call at all (an unknown function,
 * arguments that are not the function's) sends the whole turn to the offline understanding, as a
 * timeout or an unreachable model does. Each fallback is counted
 * ({@code shopkeeper.llm.fallbacks{provider, cause}}) and marked on the transitions it leads to.
 */
@Component
class Understanding {

    /** Why a turn was understood offline; the words the transition log shows. */
    static final String MODEL_UNAVAILABLE = "offline: model unavailable";
    static final String MALFORMED_CALL = "offline: model's call malformed";

    private static final Logger log = LoggerFactory.getLogger(Understanding.class);
    private static final List<Event> ALL_FUNCTIONS = TransitionTable.modelFunctions();
    private static final String OFFLINE = "offline";

    private final LlmProvider llm;
    private final OfflineUnderstanding offline;
    private final EngineMetrics metrics;

    Understanding(LlmProvider llm, OfflineUnderstanding offline, EngineMetrics metrics) {
        this.llm = llm;
        this.offline = offline;
        this.metrics = metrics;
    }

    /**
     * @param reply    what to do, or null when neither the model nor the offline understanding could say
     * @param fallback null when the model answered, else why the offline understanding did
     */
    record Understood(LlmReply reply, String fallback) {
    }

    /** One of a plan's calls as a typed call, checked against the functions {@code request} offers. */
    FunctionCall call(ToolCall call, LlmRequest request) {
        return llm.executeFunctionCall(call, request);
    }

    Understood understand(LlmRequest request, String conversationId) {
        long started = System.nanoTime();
        LlmReply reply;
        try {
            reply = llm.generateResponse(request);
            metrics.llmCall(llm.name(), reply.usage(), Duration.ofNanos(System.nanoTime() - started), "ok");
        } catch (LlmUnavailableException e) {
            metrics.llmCall(llm.name(), null, Duration.ofNanos(System.nanoTime() - started), "unavailable");
            log.warn("conversation={} LLM unavailable ({}); understood offline", conversationId, e.getMessage());
            return offline(request, MODEL_UNAVAILABLE, "model_unavailable");
        }
        if (OFFLINE.equals(llm.name())) {
            // Nothing to fall back on: a call it got wrong (a quantity past the limit, passed on as said) is
            // refused where it is carried out, with a reply that says why.
            return new Understood(reply, null);
        }
        for (ToolCall call : reply.toolCalls()) {
            try {
                FunctionCalls.parse(call, ALL_FUNCTIONS); // the table, not this, judges what the state allows
            } catch (MalformedCallException e) {
                metrics.malformed();
                log.info("conversation={} malformed call from the model: {}; understood offline", conversationId, e.getMessage());
                return offline(request, MALFORMED_CALL, "malformed_call");
            }
        }
        return new Understood(reply, null);
    }

    private Understood offline(LlmRequest request, String mark, String cause) {
        if (OFFLINE.equals(llm.name())) {
            return new Understood(null, mark); // the offline understanding itself failed: nothing to fall back on
        }
        metrics.fallback(llm.name(), cause);
        try {
            return new Understood(offline.understand(request), mark);
        } catch (RuntimeException e) {
            log.error("the offline understanding failed too", e);
            return new Understood(null, mark);
        }
    }
}
