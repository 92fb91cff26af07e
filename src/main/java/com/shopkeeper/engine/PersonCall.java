package com.shopkeeper.engine;

import com.shopkeeper.conversation.Facts;
import com.shopkeeper.llm.FunctionCall;
import com.shopkeeper.messaging.Reply;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The shopper asked for a person (issue 16): the table takes the conversation to HANDOFF, the bot
 * says so once, the conversation is flagged for the shop, and the bot stays quiet until an admin
 * hands it back.
 */
@Component
class PersonCall implements CallHandler<FunctionCall.AskForPerson> {

    private final ReplyWriter replies;
    private final EngineMetrics metrics;

    PersonCall(ReplyWriter replies, EngineMetrics metrics) {
        this.replies = replies;
        this.metrics = metrics;
    }

    @Override
    public Class<FunctionCall.AskForPerson> handles() {
        return FunctionCall.AskForPerson.class;
    }

    @Override
    public CallExecutor.Target prepare(FunctionCall.AskForPerson call, Situation s, References.Resolution r, Facts.Builder facts) {
        return CallExecutor.Target.NONE;
    }

    @Override
    public CallExecutor.Effect execute(FunctionCall.AskForPerson call, Situation s, CallExecutor.Prepared p) {
        metrics.handedOver("shopper_asked");
        return new CallExecutor.Effect(List.of(Reply.text(replies.personAsked())), s.ctx(), s.activeProductId(),
                CallExecutor.NEEDS_A_PERSON + "the shopper asked for one");
    }
}
