package com.shopkeeper.messaging;

import com.shopkeeper.conversation.Conversation;
import com.shopkeeper.conversation.ConversationRepository;
import com.shopkeeper.conversation.Message;
import com.shopkeeper.conversation.MessageRepository;
import com.shopkeeper.shopper.Shopper;
import com.shopkeeper.shopper.ShopperRepository;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What a worker does with one message, the queue's lock held: find the shopper and their
 * conversation, honour STOP/START, hand the rest to the {@link MessageProcessor}, send the replies.
 */
@Component
public class InboundHandler {

    static final String SLOW_DOWN = "You're sending messages faster than I can keep up with. "
            + "Please wait a little; I'll answer again soon.";
    static final String STOPPED = "You won't get any more messages from us. Send START to chat again.";
    static final String RESTARTED = "Welcome back! How can I help you today?";

    private static final Logger log = LoggerFactory.getLogger(InboundHandler.class);

    private final ShopperRepository shoppers;
    private final ConversationRepository conversations;
    private final MessageRepository messages;
    private final MessageProcessor processor;
    private final ConversationCache cache;
    private final Outbox outbox;

    InboundHandler(ShopperRepository shoppers, ConversationRepository conversations, MessageRepository messages,
                   MessageProcessor processor, ConversationCache cache, Outbox outbox) {
        this.shoppers = shoppers;
        this.conversations = conversations;
        this.messages = messages;
        this.processor = processor;
        this.cache = cache;
        this.outbox = outbox;
    }

    /**
     * What handling a message produced: the replies to deliver, and the shopper to deliver them to
     * as just read (null when their opt-out changed meanwhile, or nothing was read: deliver by address).
     */
    public record Handled(List<Reply> replies, Shopper shopper) {
    }

    /**
     * Processes a message and answers the replies to deliver. Delivery is separate ({@link #deliver})
     * so that a failed send is retried without processing again.
     *
     * <p>Processed once, ever: the gateway admits a platform message id once (Redis, 30 days), so a
     * first delivery goes straight on. One the queue {@code deliveredBefore} (a retry, a redelivery
     * after a crash, a replay) is first looked up among the recorded messages: if the processor
     * {@linkplain MessageProcessor#dealtWith dealt with it} (the engine: answered it), it is not
     * processed again and only its recorded answers go out again; if not (the engine died waiting on
     * the model), the processor takes it up. Past that, recording the message id (unique) is the
     * durable de-dup: a message admitted again after Redis lost its memory fails to be recorded.
     */
    public Handled handle(InboundMessage message, boolean deliveredBefore) {
        OptOut command = OptOut.of(message.text());
        Optional<Message> recorded = deliveredBefore && message.platformMessageId() != null
                ? messages.findByPlatformMessageId(message.platformMessageId()) : Optional.empty();
        // STOP and START are this handler's own, done once recorded; anything else is the processor's to judge.
        if (recorded.isPresent() && (command != OptOut.NONE || processor.dealtWith(recorded.get()))) {
            // Its answers may never have left (the worker died between answering and sending, or
            // the turn failed after it answered): they go again. A shopper may see one twice; none is lost.
            List<Reply> answers = command != OptOut.NONE ? List.of()
                    : messages.answersAfter(recorded.get().conversationId(), recorded.get().id()).stream()
                            .map(answer -> Reply.text(answer.content())).toList();
            log.info("{} message {} was processed before; not again ({} recorded answer(s) sent again)",
                    message.platform(), message.platformMessageId(), answers.size());
            return new Handled(answers, null);
        }
        List<Reply> replies = List.of();
        boolean optOutChanged = false;
        Shopper shopper = shoppers.touch(message.shopperAddress(), message.name());
        Conversation conversation = open(shopper, message.platform());
        switch (command) {
            case STOP -> {
                messages.append(conversation.id(), Message.Role.USER, message.text(), message.platformMessageId());
                // The one confirmation the shopper asked for (sent before the flag is set), then silence.
                outbox.send(message.platform(), shopper, List.of(Reply.text(STOPPED)));
                shoppers.setOptedOut(shopper.id(), true);
                optOutChanged = true;
                log.info("{} opted out on {}", shopper.masked(), message.platform());
            }
            case START -> {
                messages.append(conversation.id(), Message.Role.USER, message.text(), message.platformMessageId());
                shoppers.setOptedOut(shopper.id(), false);
                optOutChanged = true;
                log.info("{} opted in again on {}", shopper.masked(), message.platform());
                replies = List.of(Reply.text(RESTARTED));
            }
            case NONE -> {
                if (shopper.optedOut()) {
                    // Kept for the record (once); nothing goes back until they send START.
                    if (recorded.isEmpty()) {
                        messages.append(conversation.id(), Message.Role.USER, message.text(), message.platformMessageId());
                    }
                } else {
                    MessageProcessor.Outcome outcome = processor.process(message, conversation);
                    replies = outcome.replies();
                    conversation = outcome.conversation();
                }
            }
        }
        cache.put(conversation);
        return new Handled(replies, optOutChanged ? null : shopper);
    }

    /**
     * The shopper's conversation on this platform, its last activity set to now: the active one
     * (one statement, the usual case), else the latest, else a new one, which becomes the active one.
     */
    private Conversation open(Shopper shopper, String platform) {
        if (shopper.activeConversationId() != null) {
            Optional<Conversation> active = conversations.touchAndGet(shopper.activeConversationId())
                    .filter(c -> c.platform().equals(platform));
            if (active.isPresent()) {
                return active.get();
            }
        }
        Conversation conversation = conversations.findLatest(shopper.id(), platform)
                .flatMap(latest -> conversations.touchAndGet(latest.id()))
                .orElseGet(() -> conversations.create(shopper.id(), platform));
        shoppers.setActiveConversation(shopper.id(), conversation.id());
        return conversation;
    }

    /** The one polite reply to a shopper over the rate limit. */
    public List<Reply> slowDown() {
        return List.of(Reply.text(SLOW_DOWN));
    }

    /** Sends replies to the shopper at this address, unless they opted out (checked now, at sending). */
    public void deliver(String platform, String address, List<Reply> replies) {
        if (replies.isEmpty()) {
            return;
        }
        shoppers.findByAddress(address).ifPresent(s -> outbox.send(platform, s, replies));
    }

    /** Sends what {@link #handle} produced, to the shopper it read a moment ago (or by address). */
    public void deliver(String platform, String address, Handled handled) {
        if (handled.shopper() == null) {
            deliver(platform, address, handled.replies());
        } else if (!handled.replies().isEmpty()) {
            outbox.send(platform, handled.shopper(), handled.replies());
        }
    }
}
