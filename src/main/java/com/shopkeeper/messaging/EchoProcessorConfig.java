package com.shopkeeper.messaging;

import com.shopkeeper.conversation.Conversation;
import com.shopkeeper.conversation.Turn;
import com.shopkeeper.conversation.TurnRepository;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Processors for the pipeline on its own, without the conversation engine (the default):
 * {@code shopkeeper.processor=echo} echoes each message (for trying the pipeline, and its tests);
 * {@code shopkeeper.processor=instant} answers "ok" at once, so that a benchmark measures the
 * pipeline alone (queue, workers, the turn ledger, shopper and conversation upkeep, delivery).
 */
@Configuration(proxyBeanMethods = false)
class EchoProcessorConfig {

    @Bean
    @ConditionalOnProperty(name = "shopkeeper.processor", havingValue = "echo")
    MessageProcessor echoMessageProcessor(TurnRepository turns, TransactionTemplate tx) {
        return new OneReplyProcessor(turns, tx, message -> message.text().isBlank() && !message.media().isEmpty()
                ? "Thanks for the picture! I can only read text for now."
                : "You said: " + message.text());
    }

    @Bean
    @ConditionalOnProperty(name = "shopkeeper.processor", havingValue = "instant")
    MessageProcessor instantMessageProcessor(TurnRepository turns, TransactionTemplate tx) {
        return new OneReplyProcessor(turns, tx, message -> "ok");
    }

    /** A turn of one step: one reply. */
    private record OneReplyProcessor(TurnRepository turns, TransactionTemplate tx,
                                     java.util.function.Function<InboundMessage, String> answer) implements MessageProcessor {
        @Override
        public Conversation process(Turn turn, InboundMessage message, Conversation conversation) {
            tx.executeWithoutResult(s -> turns.step(turn, 0, null, List.of(Turn.Reply.of(answer.apply(message), List.of())), true));
            return conversation;
        }
    }
}
