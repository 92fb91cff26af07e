package com.shopkeeper.messaging;

import com.shopkeeper.conversation.Message;
import com.shopkeeper.conversation.MessageRepository;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Processors for the pipeline on its own, without the conversation engine (the default):
 * {@code shopkeeper.processor=echo} records each message and echoes it (for trying the pipeline, and
 * its tests); {@code shopkeeper.processor=instant} answers at once and records nothing, so that a
 * benchmark measures the pipeline alone (queue, workers, shopper and conversation upkeep, delivery).
 */
@Configuration(proxyBeanMethods = false)
class EchoProcessorConfig {

    @Bean
    @ConditionalOnProperty(name = "shopkeeper.processor", havingValue = "echo")
    MessageProcessor echoMessageProcessor(MessageRepository messages) {
        return new EchoMessageProcessor(messages);
    }

    @Bean
    @ConditionalOnProperty(name = "shopkeeper.processor", havingValue = "instant")
    MessageProcessor instantMessageProcessor() {
        return (message, conversation) -> MessageProcessor.Outcome.replies(conversation, List.of(Reply.text("ok")));
    }

    static final class EchoMessageProcessor implements MessageProcessor {
        private final MessageRepository messages;

        EchoMessageProcessor(MessageRepository messages) {
            this.messages = messages;
        }

        @Override
        public Outcome process(InboundMessage message, com.shopkeeper.conversation.Conversation conversation) {
            String text = message.text().isBlank() && !message.media().isEmpty()
                    ? "Thanks for the picture! I can only read text for now."
                    : "You said: " + message.text();
            messages.append(conversation.id(), Message.Role.USER, message.text(), message.platformMessageId());
            messages.append(conversation.id(), Message.Role.ASSISTANT, text, null);
            return Outcome.replies(conversation, List.of(Reply.text(text)));
        }
    }
}
