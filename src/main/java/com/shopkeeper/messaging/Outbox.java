package com.shopkeeper.messaging;

import com.shopkeeper.conversation.Conversation;
import com.shopkeeper.conversation.ConversationRepository;
import com.shopkeeper.shopper.Shopper;
import com.shopkeeper.shopper.ShopperRepository;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Everything the shop sends a shopper goes through here, so that an opted-out shopper gets
 * nothing, whoever wants to tell them something (a reply, a payment confirmation).
 */
@Component
class Outbox implements ShopperMessenger {

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);

    private final Platforms platforms;
    private final ConversationRepository conversations;
    private final ShopperRepository shoppers;
    private final MeterRegistry metrics;

    Outbox(Platforms platforms, ConversationRepository conversations, ShopperRepository shoppers, MeterRegistry metrics) {
        this.platforms = platforms;
        this.conversations = conversations;
        this.shoppers = shoppers;
        this.metrics = metrics;
    }

    @Override
    public void tell(String conversationId, String text) {
        Conversation c = conversations.find(conversationId)
                .orElseThrow(() -> new IllegalArgumentException("no conversation " + conversationId));
        Shopper shopper = shoppers.find(c.userId()).orElseThrow();
        send(c.platform(), shopper, List.of(Reply.text(text)));
    }

    void send(String platform, Shopper shopper, List<Reply> replies) {
        if (shopper.optedOut()) {
            metrics.counter("shopkeeper.messages.suppressed", "platform", platform, "reason", "opted-out")
                    .increment(replies.size());
            log.info("not messaging {} on {}: opted out", shopper.masked(), platform);
            return;
        }
        for (Reply reply : replies) {
            deliver(platform, shopper, reply);
        }
    }

    /** Hands one reply to the platform, whoever the shopper is: the caller has decided they may have it. */
    void deliver(String platform, Shopper shopper, Reply reply) {
        MessagingPlatform target = platforms.get(platform);
        if (reply.mediaUrls().isEmpty()) {
            target.sendMessage(shopper.address(), reply.text());
        } else {
            target.sendMedia(shopper.address(), reply.text(), reply.mediaUrls());
        }
        metrics.counter("shopkeeper.messages.sent", "platform", platform).increment();
    }
}
