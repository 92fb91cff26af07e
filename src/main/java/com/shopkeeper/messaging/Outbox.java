package com.shopkeeper.messaging;

import com.shopkeeper.conversation.Conversation;
import com.shopkeeper.conversation.ConversationRepository;
import com.shopkeeper.conversation.MessageRepository;
import com.shopkeeper.shopper.Shopper;
import com.shopkeeper.shopper.ShopperRepository;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Everything the shop sends a shopper goes through here, so that an opted-out shopper gets
 * nothing, whoever wants to tell them something, and every message handed to a platform is
 * recorded with its platform id ({@link OutboundLog}) for its delivery statuses.
 *
 * <p>Notices (sent on the shop's own initiative) follow WhatsApp's 24-hour rule: free-form while the
 * shopper's last message is younger than the window, else the notice's approved template, else not
 * sent and recorded as refused with the reason; one sent only free-form ({@link Notice#freeFormOnly()})
 * is refused outside the window whatever templates exist. A notice is written down before it is sent;
 * one the platform could not take is tried again with backoff ({@link NoticeRetrier}), then recorded
 * as failed.
 */
@Component
class Outbox implements ShopperMessenger {

    /** How long one attempt may hold a notice before another instance may try it (a crash mid-send). */
    static final Duration LEASE = Duration.ofMinutes(2);

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);

    private final Platforms platforms;
    private final ConversationRepository conversations;
    private final ShopperRepository shoppers;
    private final MessageRepository messages;
    private final OutboundLog outbound;
    private final NoticeProperties props;
    private final Clock clock;
    private final MeterRegistry metrics;

    Outbox(Platforms platforms, ConversationRepository conversations, ShopperRepository shoppers,
           MessageRepository messages, OutboundLog outbound, NoticeProperties props, Clock clock, MeterRegistry metrics) {
        this.platforms = platforms;
        this.conversations = conversations;
        this.shoppers = shoppers;
        this.messages = messages;
        this.outbound = outbound;
        this.props = props;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Override
    public void tell(String conversationId, NoticeText notice) {
        attempt(decide(conversationId, notice));
    }

    @Override
    public String tellOnCommit(String conversationId, NoticeText notice) {
        OutboundLog.PendingNotice pending = decide(conversationId, notice);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    attempt(pending);
                }
            });
        } else {
            attempt(pending);
        }
        return pending.id();
    }

    private OutboundLog.PendingNotice decide(String conversationId, NoticeText notice) {
        Conversation c = conversations.find(conversationId)
                .orElseThrow(() -> new IllegalArgumentException("no conversation " + conversationId));
        return outbound.noticeDecided(c.id(), c.platform(), notice, clock.instant().plus(LEASE));
    }

    @Override
    public Reach reach(String conversationId) {
        Conversation c = conversations.find(conversationId)
                .orElseThrow(() -> new IllegalArgumentException("no conversation " + conversationId));
        if (shoppers.find(c.userId()).map(Shopper::optedOut).orElse(false)) {
            return Reach.OPTED_OUT;
        }
        // A platform that is not configured here keeps its window as far as we know: attempt() refuses it on record.
        boolean keepsWindow = platforms.find(c.platform()).map(MessagingPlatform::keepsServiceWindow).orElse(true);
        return !keepsWindow || insideWindow(c.id()) ? Reach.FREE_FORM : Reach.OUTSIDE_WINDOW;
    }

    /** One try of a notice written down before; whatever happens, the log says what became of it. */
    void attempt(OutboundLog.PendingNotice pending) {
        Optional<Conversation> conversation = conversations.find(pending.conversationId());
        Optional<Shopper> shopper = conversation.flatMap(c -> shoppers.find(c.userId()));
        Optional<MessagingPlatform> platform = platforms.find(pending.platform());
        Notice notice = pending.notice().notice();
        if (shopper.isEmpty() || platform.isEmpty()) {
            refuse(pending, shopper.isEmpty() ? "the shopper is gone" : "platform " + pending.platform() + " is not configured");
            return;
        }
        if (shopper.get().optedOut()) {
            metrics.counter("shopkeeper.messages.suppressed", "platform", pending.platform(), "reason", "opted-out").increment();
            log.info("not messaging {} on {}: opted out", shopper.get().masked(), pending.platform());
            refuse(pending, "the shopper opted out (STOP)");
            return;
        }
        MessagingPlatform target = platform.get();
        String address = shopper.get().address();
        try {
            if (!pending.templateOnly() && (!target.keepsServiceWindow() || insideWindow(pending.conversationId()))) {
                try {
                    List<String> ids = target.sendMessage(address, pending.notice().text());
                    sent(pending, OutboundLog.Via.TEXT, ids);
                    return;
                } catch (PlatformSendException e) {
                    if (!e.outsideWindow()) {
                        throw e;
                    }
                    // Our clock and the platform's disagree on the window: the platform's word stands.
                    log.info("conversation={} {} refused a free-form {} notice for the 24-hour window ({})",
                            pending.conversationId(), pending.platform(), notice.key(), e.errorCode());
                }
            }
            if (notice.freeFormOnly()) {
                refuse(pending, "outside the 24-hour window: a '" + notice.key() + "' notice goes only free-form, "
                        + "never as a template");
                return;
            }
            if (!target.hasTemplate(notice)) {
                refuse(pending, "outside the 24-hour window and no template is configured for '" + notice.key() + "'");
                return;
            }
            sent(pending, OutboundLog.Via.TEMPLATE, target.sendTemplate(address, notice, pending.notice().variables()));
        } catch (PlatformSendException e) {
            failed(pending, e.transientFailure(), e.errorCode(), e.getMessage());
        } catch (RuntimeException e) {
            failed(pending, true, null, e.getClass().getSimpleName());
        }
    }

    private boolean insideWindow(String conversationId) {
        Instant since = clock.instant().minus(props.serviceWindow());
        return messages.lastFromShopper(conversationId).map(last -> last.isAfter(since)).orElse(false);
    }

    private void sent(OutboundLog.PendingNotice pending, OutboundLog.Via via, List<String> ids) {
        outbound.noticeSent(pending, via, ids);
        metrics.counter("shopkeeper.notices", "platform", pending.platform(), "outcome",
                via == OutboundLog.Via.TEXT ? "sent" : "template").increment();
        metrics.counter("shopkeeper.messages.sent", "platform", pending.platform()).increment();
    }

    private void refuse(OutboundLog.PendingNotice pending, String reason) {
        log.warn("conversation={} {} notice not sent: {}", pending.conversationId(), pending.notice().notice().key(), reason);
        outbound.noticeGivenUp(pending, Delivery.REFUSED, pending.attempts(), null, reason);
        metrics.counter("shopkeeper.notices", "platform", pending.platform(), "outcome", "refused").increment();
    }

    private void failed(OutboundLog.PendingNotice pending, boolean worthRetrying, String errorCode, String reason) {
        int attempts = pending.attempts() + 1;
        if (worthRetrying && attempts < props.attempts()) {
            Instant next = clock.instant().plus(props.backoff().multipliedBy(1L << Math.min(attempts - 1, 16)));
            log.warn("conversation={} {} notice: attempt {} of {} failed ({}); next at {}", pending.conversationId(),
                    pending.notice().notice().key(), attempts, props.attempts(), reason, next);
            outbound.retryLater(pending, next, errorCode, reason);
            metrics.counter("shopkeeper.notices", "platform", pending.platform(), "outcome", "retry").increment();
        } else {
            log.warn("conversation={} {} notice failed after {} attempt(s): {}", pending.conversationId(),
                    pending.notice().notice().key(), attempts, reason);
            outbound.noticeGivenUp(pending, Delivery.FAILED, attempts, errorCode, reason);
            metrics.counter("shopkeeper.notices", "platform", pending.platform(), "outcome", "failed").increment();
        }
    }

    /** Notices due another try, for the {@link NoticeRetrier}: each claimed first, so that one instance tries it. */
    int retryDue(int limit) {
        int tried = 0;
        for (OutboundLog.PendingNotice due : outbound.due(limit)) {
            if (outbound.claim(due, clock.instant().plus(LEASE))) {
                attempt(due);
                tried++;
            }
        }
        return tried;
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
    List<String> deliver(String platform, Shopper shopper, Reply reply) {
        MessagingPlatform target = platforms.get(platform);
        List<String> ids = reply.choices() != null ? target.sendChoices(shopper.address(), reply)
                : reply.mediaUrls().isEmpty() ? target.sendMessage(shopper.address(), reply.text())
                : target.sendMedia(shopper.address(), reply.text(), reply.mediaUrls());
        metrics.counter("shopkeeper.messages.sent", "platform", platform).increment();
        return ids;
    }

    /** A turn's reply: handed to the platform and recorded with the ids it was given. */
    void deliverReply(String conversationId, String replyId, String platform, Shopper shopper, Reply reply) {
        List<String> ids;
        try {
            ids = deliver(platform, shopper, reply);
        } catch (PlatformSendException e) {
            // Recorded with the platform's code; the turn still fails, and the queue tries it again.
            outbound.replyFailed(conversationId, replyId, platform, e.errorCode(), e.getMessage());
            throw e;
        }
        outbound.replySent(conversationId, replyId, platform, ids);
    }
}
