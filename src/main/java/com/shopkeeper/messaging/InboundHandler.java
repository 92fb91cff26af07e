package com.shopkeeper.messaging;

import com.shopkeeper.conversation.Conversation;
import com.shopkeeper.conversation.ConversationRepository;
import com.shopkeeper.conversation.Message;
import com.shopkeeper.conversation.MessageRepository;
import com.shopkeeper.conversation.Turn;
import com.shopkeeper.conversation.TurnRepository;
import com.shopkeeper.shopper.Shopper;
import com.shopkeeper.shopper.ShopperRepository;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.exception.IntegrityConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one owner of "exactly once": each inbound message's turn, from its receipt to its last reply
 * handed to the platform, kept in the turn ledger ({@link Turn}, keyed by the platform's message id).
 *
 * <ol>
 * <li><b>Received</b>, in one transaction: the shopper and their conversation are found (or made),
 * the message is recorded and its turn opened. STOP, START and a bare CANCEL are answered here, in
 * the same transaction (STOP sets the opt-out with the message that asked for it, so that a failed
 * confirmation cannot lose it). A message already recorded is not recorded again: its turn is read.</li>
 * <li><b>Steps applied</b>: the {@link MessageProcessor} carries the turn from the step the ledger
 * says, each step with its replies in its own transaction, to ANSWERED.</li>
 * <li><b>Sent</b>: the replies not yet sent go out, each marked as it goes; then the turn is SENT.</li>
 * </ol>
 * Whatever stops a turn midway (a failed send, a model timeout, a crash, a deploy), the message comes
 * back from the queue and this picks it up where the ledger says it stopped: no step is applied
 * twice, no reply sent twice, except one whose send succeeded just before a crash (the platform took
 * it, the ledger never heard).
 *
 * <p>A <b>burst</b> (several messages of one shopper that the queue took together, see
 * {@code shopkeeper.engine.burst-window}) is one turn: each message is recorded and de-duplicated as
 * if alone, in one transaction, and the first's turn answers them all, with their texts joined in
 * order ({@link InboundMessage#followedBy}); the others' turns are {@link Turn.Kind#MERGED} into it
 * (SENT, no replies). What is not plain new text keeps a turn of its own, in its place: a message
 * recorded before (a redelivery: its turn is resumed or is over), a tapped button, a picture, STOP,
 * START or CANCEL.
 */
@Component
public class InboundHandler {

    static final String SLOW_DOWN = "You're sending messages faster than I can keep up with. "
            + "Please wait a little; I'll answer again soon.";
    static final String STOPPED = "You won't get any more messages from us. Send START to chat again.";
    static final String RESTARTED = "Welcome back! How can I help you today?";
    static final String ASK_STOP = "Do you want to stop all messages from us? Reply STOP and you won't hear from us "
            + "again. To cancel an order or empty your cart, tell me what you'd like to cancel.";

    private static final Logger log = LoggerFactory.getLogger(InboundHandler.class);

    private final ShopperRepository shoppers;
    private final ConversationRepository conversations;
    private final MessageRepository messages;
    private final TurnRepository turns;
    private final MessageProcessor processor;
    private final ConversationCache cache;
    private final Outbox outbox;
    private final TransactionTemplate tx;
    private final MeterRegistry metrics;

    InboundHandler(ShopperRepository shoppers, ConversationRepository conversations, MessageRepository messages,
                   TurnRepository turns, MessageProcessor processor, ConversationCache cache, Outbox outbox,
                   TransactionTemplate tx, MeterRegistry metrics) {
        this.shoppers = shoppers;
        this.conversations = conversations;
        this.messages = messages;
        this.turns = turns;
        this.processor = processor;
        this.cache = cache;
        this.outbox = outbox;
        this.tx = tx;
        this.metrics = metrics;
    }

    /**
     * Takes the message's turn as far as it goes: received, answered, sent. Throws when it could
     * not finish (the queue retries, and the retry resumes the turn).
     */
    public void handle(InboundMessage message) {
        Received received = receive(message);
        Turn turn = received.turn();
        if (turn.status() == Turn.Status.SENT) {
            log.info("{} message {} was answered before{}; nothing to do", message.platform(), message.platformMessageId(),
                    turn.kind() == Turn.Kind.MERGED ? " (with the burst it came in)" : "");
            return;
        }
        Conversation conversation = received.conversation();
        if (turn.status() == Turn.Status.RECEIVED) {
            InboundMessage said = message;
            if (received.resumed()) {
                log.info("conversation={} resuming the turn of {} message {} after {} step(s)", conversation.id(),
                        message.platform(), message.platformMessageId(), turn.stepsDone());
                // The first message of a burst, taken up again alone: the turn answers what was merged into it too.
                List<String> merged = turn.kind() == Turn.Kind.MESSAGE ? turns.mergedTexts(turn) : List.of();
                said = merged.isEmpty() ? message : message.followedBy(merged);
            }
            conversation = processor.process(turn, said, conversation);
        }
        cache.put(conversation);
        deliver(turn, conversation.platform(), received.shopper());
    }

    /**
     * A burst, in order: each run of new plain messages is one turn (a run of one is an ordinary
     * message), everything else a turn of its own. Throws when it could not finish, like
     * {@link #handle(InboundMessage)}: the queue retries the whole burst, and the ledger knows what of
     * it was recorded, merged or answered already.
     */
    public void handle(List<InboundMessage> burst) {
        for (List<InboundMessage> run : turnsOf(burst)) {
            if (run.size() == 1) {
                handle(run.getFirst());
            } else {
                handleMerged(run);
            }
        }
    }

    /** The burst cut into turns: runs of new plain messages, and every other message alone, in order. */
    private List<List<InboundMessage>> turnsOf(List<InboundMessage> burst) {
        List<List<InboundMessage>> out = new ArrayList<>();
        List<InboundMessage> run = null;
        for (InboundMessage m : burst) {
            boolean joins = burst.size() > 1 && mergeable(m)
                    && turns.findByPlatformMessageId(m.platformMessageId()).isEmpty();
            if (joins && run != null) {
                run.add(m);
                continue;
            }
            run = new ArrayList<>(List.of(m));
            out.add(run);
            if (!joins) {
                run = null;
            }
        }
        return out;
    }

    /** Plain text: no keyword answered on receipt, no tap (a call of its own), no picture. */
    private static boolean mergeable(InboundMessage m) {
        return m.platformMessageId() != null && m.choice() == null && m.media().isEmpty() && !m.text().isBlank()
                && OptOut.of(m.text()) == OptOut.NONE;
    }

    /** New messages answered as one: recorded together, the first's turn opened, the others merged into it. */
    private void handleMerged(List<InboundMessage> run) {
        Received received = tx.execute(status -> recordMerged(run));
        Turn turn = received.turn();
        Conversation conversation = received.conversation();
        if (turn.kind() == Turn.Kind.MESSAGE) {
            String platform = conversation.platform();
            metrics.counter("shopkeeper.bursts", "platform", platform).increment();
            metrics.counter("shopkeeper.bursts.merged", "platform", platform).increment(run.size() - 1);
            log.info("conversation={} {} messages on {} taken as one turn", conversation.id(), run.size(), platform);
        }
        if (turn.status() == Turn.Status.RECEIVED) {
            List<String> later = run.subList(1, run.size()).stream().map(InboundMessage::text).toList();
            conversation = processor.process(turn, run.getFirst().followedBy(later), conversation);
        }
        cache.put(conversation);
        deliver(turn, conversation.platform(), received.shopper());
    }

    private Received recordMerged(List<InboundMessage> run) {
        InboundMessage first = run.getFirst();
        Shopper shopper = shoppers.touch(first.shopperAddress(), first.name());
        Conversation conversation = open(shopper, first.platform());
        Message lead = messages.append(conversation.id(), Message.Role.USER, first.text(), first.platformMessageId());
        if (shopper.optedOut()) {
            // Kept for the record, each on its own; nothing goes back until they send START.
            Turn turn = turns.open(lead, Turn.Kind.IGNORED, Turn.Status.SENT);
            for (InboundMessage m : run.subList(1, run.size())) {
                turns.open(messages.append(conversation.id(), Message.Role.USER, m.text(), m.platformMessageId()),
                        Turn.Kind.IGNORED, Turn.Status.SENT);
            }
            return new Received(turn, conversation, shopper, false);
        }
        Turn turn = turns.open(lead, Turn.Kind.MESSAGE, Turn.Status.RECEIVED);
        for (InboundMessage m : run.subList(1, run.size())) {
            turns.merge(messages.append(conversation.id(), Message.Role.USER, m.text(), m.platformMessageId()), turn);
        }
        return new Received(turn, conversation, shopper, false);
    }

    /** A message's turn as the ledger has it, with the conversation and the shopper it belongs to. */
    private record Received(Turn turn, Conversation conversation, Shopper shopper, boolean resumed) {
    }

    private Received receive(InboundMessage message) {
        try {
            return tx.execute(status -> record(message));
        } catch (IntegrityConstraintViolationException | DuplicateKeyException seenBefore) {
            if (message.platformMessageId() == null) {
                throw seenBefore; // not a message seen before: some other constraint
            }
            Turn turn = turns.findByPlatformMessageId(message.platformMessageId()).orElseThrow(() -> seenBefore);
            Conversation conversation = conversations.find(turn.conversationId()).orElseThrow();
            Shopper shopper = shoppers.find(conversation.userId()).orElseThrow();
            return new Received(turn, conversation, shopper, true);
        }
    }

    /** In the receipt's transaction: record the message, open its turn, and answer what is answered here. */
    private Received record(InboundMessage message) {
        Shopper shopper = shoppers.touch(message.shopperAddress(), message.name());
        Conversation conversation = open(shopper, message.platform());
        Message recorded = messages.append(conversation.id(), Message.Role.USER, message.text(), message.platformMessageId());
        Turn.Kind kind = switch (OptOut.of(message.text())) {
            case STOP -> Turn.Kind.STOP;
            case START -> Turn.Kind.START;
            case ASK -> shopper.optedOut() ? Turn.Kind.IGNORED : Turn.Kind.ASK_STOP;
            case NONE -> shopper.optedOut() ? Turn.Kind.IGNORED : Turn.Kind.MESSAGE;
        };
        Turn turn = switch (kind) {
            case MESSAGE -> turns.open(recorded, kind, Turn.Status.RECEIVED);
            // Kept for the record; nothing goes back until they send START.
            case IGNORED -> turns.open(recorded, kind, Turn.Status.SENT);
            case MERGED -> throw new IllegalStateException("a message alone is never merged");
            case STOP, START, ASK_STOP -> {
                if (kind != Turn.Kind.ASK_STOP) {
                    shoppers.setOptedOut(shopper.id(), kind == Turn.Kind.STOP);
                    shopper = shoppers.find(shopper.id()).orElseThrow();
                    log.info("{} opted {} on {}", shopper.masked(), kind == Turn.Kind.STOP ? "out" : "in again",
                            message.platform());
                }
                String answer = switch (kind) {
                    case STOP -> STOPPED;
                    case START -> RESTARTED;
                    default -> ASK_STOP;
                };
                yield turns.step(turns.open(recorded, kind, Turn.Status.RECEIVED), 0, null,
                        List.of(Turn.Reply.of(answer, List.of())), true);
            }
        };
        return new Received(turn, conversation, shopper, false);
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

    /**
     * Sends the turn's replies not yet sent, each marked as it goes, then closes the turn. A shopper
     * who opted out meanwhile gets nothing, except the confirmation of the STOP itself.
     */
    private void deliver(Turn turn, String platform, Shopper shopper) {
        List<Turn.Reply> unsent = turns.unsent(turn);
        boolean suppressed = shopper.optedOut() && turn.kind() != Turn.Kind.STOP;
        if (suppressed && !unsent.isEmpty()) {
            metrics.counter("shopkeeper.messages.suppressed", "platform", platform, "reason", "opted-out")
                    .increment(unsent.size());
            log.info("not messaging {} on {}: opted out", shopper.masked(), platform);
        } else {
            for (Turn.Reply reply : unsent) {
                outbox.deliverReply(turn.conversationId(), reply.id(), platform, shopper, new Reply(reply.text(), reply.media(), reply.choices()));
                turns.sent(reply.id());
            }
        }
        turns.finished(turn);
    }

    /** The one polite reply to a shopper over the rate limit (not a turn: at least once is enough). */
    public void slowDown(String platform, String address) {
        shoppers.findByAddress(address).ifPresent(s -> outbox.send(platform, s, List.of(Reply.text(SLOW_DOWN))));
    }
}
