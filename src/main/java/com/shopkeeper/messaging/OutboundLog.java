package com.shopkeeper.messaging;

import static com.shopkeeper.db.Tables.OUTBOUND_MESSAGES;

import com.shopkeeper.config.Ids;
import com.shopkeeper.crypto.FieldCipher;
import com.shopkeeper.crypto.SensitiveField;
import com.shopkeeper.db.tables.records.OutboundMessagesRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code outbound_messages}: every message handed to a platform, with its platform id and its latest
 * delivery status, and every notice from the moment the shop decides to send it until the platform
 * takes it, gives up on it or it is refused (see V53).
 */
@Repository
public class OutboundLog {

    private final DSLContext db;
    private final FieldCipher cipher;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();

    OutboundLog(DSLContext db, FieldCipher cipher, Clock clock) {
        this.db = db;
        this.cipher = cipher;
        this.clock = clock;
    }

    /** Ours, not a platform's: a notice written down and not yet taken by the platform. */
    private static final String PENDING = "pending";
    private static final int PENDING_RANK = -1;

    /** A new row with what every row has; the caller sets the rest and executes. */
    private org.jooq.InsertSetMoreStep<OutboundMessagesRecord> row(String id, String conversationId, String platform,
                                                                   String kind, String status, int rank, Instant now) {
        return db.insertInto(OUTBOUND_MESSAGES)
                .set(OUTBOUND_MESSAGES.ID, id)
                .set(OUTBOUND_MESSAGES.CONVERSATION_ID, conversationId)
                .set(OUTBOUND_MESSAGES.PLATFORM, platform)
                .set(OUTBOUND_MESSAGES.KIND, kind)
                .set(OUTBOUND_MESSAGES.STATUS, status)
                .set(OUTBOUND_MESSAGES.STATUS_RANK, rank)
                .set(OUTBOUND_MESSAGES.CREATED_AT, now)
                .set(OUTBOUND_MESSAGES.UPDATED_AT, now);
    }

    /** How a message went: free-form text or an approved template. */
    public enum Via {
        TEXT, TEMPLATE;

        String column() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A platform's status of a message we sent. Only ever moves a message forward: a status of a
     * lower or equal rank than the one recorded (out of order, or repeated) changes nothing.
     *
     * @return whether it changed anything
     */
    public boolean apply(DeliveryStatus status) {
        boolean applied = db.update(OUTBOUND_MESSAGES)
                .set(OUTBOUND_MESSAGES.STATUS, status.status().value())
                .set(OUTBOUND_MESSAGES.STATUS_RANK, status.status().rank())
                .set(OUTBOUND_MESSAGES.ERROR_CODE, status.errorCode())
                .set(OUTBOUND_MESSAGES.UPDATED_AT, status.at())
                .where(OUTBOUND_MESSAGES.PLATFORM.eq(status.platform()))
                .and(OUTBOUND_MESSAGES.PLATFORM_MESSAGE_ID.eq(status.platformMessageId()))
                .and(OUTBOUND_MESSAGES.STATUS_RANK.lt(status.status().rank()))
                .execute() > 0;
        if (applied && status.status() == Delivery.FAILED && status.outsideWindow()) {
            templateInstead(status);
        }
        return applied;
    }

    /**
     * A notice the platform took free-form and then failed for the 24-hour window: the same notice is
     * written down again, to go as its template (a worker sends it, {@link NoticeRetrier}). One sent
     * only free-form ({@link Notice#freeFormOnly()}) stays failed.
     */
    private void templateInstead(DeliveryStatus status) {
        OutboundMessagesRecord failed = db.selectFrom(OUTBOUND_MESSAGES)
                .where(OUTBOUND_MESSAGES.PLATFORM.eq(status.platform()))
                .and(OUTBOUND_MESSAGES.PLATFORM_MESSAGE_ID.eq(status.platformMessageId()))
                .fetchOne();
        if (failed == null || !"notice".equals(failed.getKind()) || !Via.TEXT.column().equals(failed.getVia())
                || failed.getBody() == null || Notice.ofKey(failed.getNotice()).freeFormOnly()) {
            return;
        }
        Instant now = clock.instant();
        row(Ids.next(), failed.getConversationId(), failed.getPlatform(), "notice", PENDING, PENDING_RANK, now)
                .set(OUTBOUND_MESSAGES.NOTICE, failed.getNotice())
                .set(OUTBOUND_MESSAGES.VIA, Via.TEMPLATE.column())
                .set(OUTBOUND_MESSAGES.BODY, failed.getBody())
                .set(OUTBOUND_MESSAGES.VARIABLES, failed.getVariables())
                .set(OUTBOUND_MESSAGES.REASON, "the free-form message failed for the 24-hour window ("
                        + status.errorCode() + ")")
                .set(OUTBOUND_MESSAGES.NEXT_ATTEMPT_AT, now)
                .execute();
    }

    /** A reply the platform took, as the messages it made of it (a long text may be several). */
    void replySent(String conversationId, String replyId, String platform, List<String> platformIds) {
        Instant now = clock.instant();
        for (String platformId : platformIds) {
            row(Ids.next(), conversationId, platform, "reply", Delivery.QUEUED.value(), Delivery.QUEUED.rank(), now)
                    .set(OUTBOUND_MESSAGES.MESSAGE_ID, replyId)
                    .set(OUTBOUND_MESSAGES.PLATFORM_MESSAGE_ID, platformId)
                    .set(OUTBOUND_MESSAGES.VIA, Via.TEXT.column())
                    .onConflictDoNothing()
                    .execute();
        }
    }

    /**
     * A reply the platform refused (or could not take after its retries): recorded failed with the
     * platform's error code, so that the conversation's page says why the shopper never got it.
     */
    void replyFailed(String conversationId, String replyId, String platform, String errorCode, String reason) {
        row(Ids.next(), conversationId, platform, "reply", Delivery.FAILED.value(), Delivery.FAILED.rank(), clock.instant())
                .set(OUTBOUND_MESSAGES.MESSAGE_ID, replyId)
                .set(OUTBOUND_MESSAGES.VIA, Via.TEXT.column())
                .set(OUTBOUND_MESSAGES.ERROR_CODE, errorCode)
                .set(OUTBOUND_MESSAGES.REASON, reason)
                .set(OUTBOUND_MESSAGES.ATTEMPTS, 1)
                .execute();
    }

    /**
     * A notice decided on, not yet sent: written first, so that nothing can lose it. The sender tries
     * it at once; {@code retryAt} is when it is due again if that first try never records an outcome.
     */
    PendingNotice noticeDecided(String conversationId, String platform, NoticeText notice, Instant retryAt) {
        String id = Ids.next();
        row(id, conversationId, platform, "notice", PENDING, PENDING_RANK, clock.instant())
                .set(OUTBOUND_MESSAGES.NOTICE, notice.notice().key())
                .set(OUTBOUND_MESSAGES.BODY, cipher.seal(SensitiveField.MESSAGE_CONTENT, notice.text()))
                .set(OUTBOUND_MESSAGES.VARIABLES, cipher.seal(SensitiveField.MESSAGE_CONTENT,
                        json.writeValueAsString(notice.variables())))
                .set(OUTBOUND_MESSAGES.NEXT_ATTEMPT_AT, retryAt)
                .execute();
        return new PendingNotice(id, conversationId, platform, notice, 0, retryAt, false);
    }

    /** A notice waiting to be sent. */
    /** @param templateOnly it failed free-form for the window already: only its template may go */
    record PendingNotice(String id, String conversationId, String platform, NoticeText notice, int attempts,
                         Instant nextAttemptAt, boolean templateOnly) {
    }

    /** Notices whose next attempt is due, oldest first. */
    List<PendingNotice> due(int limit) {
        return db.selectFrom(OUTBOUND_MESSAGES)
                .where(OUTBOUND_MESSAGES.STATUS.eq(PENDING))
                .and(OUTBOUND_MESSAGES.NEXT_ATTEMPT_AT.le(clock.instant()))
                .orderBy(OUTBOUND_MESSAGES.NEXT_ATTEMPT_AT)
                .limit(limit)
                .fetch(this::pendingOf);
    }

    /**
     * Takes a due notice for one attempt: its next attempt moves to {@code until}, so that no other
     * instance tries it meanwhile. False when another took it first.
     */
    boolean claim(PendingNotice notice, Instant until) {
        return db.update(OUTBOUND_MESSAGES)
                .set(OUTBOUND_MESSAGES.NEXT_ATTEMPT_AT, until)
                .where(OUTBOUND_MESSAGES.ID.eq(notice.id()))
                .and(OUTBOUND_MESSAGES.STATUS.eq(PENDING))
                .and(OUTBOUND_MESSAGES.NEXT_ATTEMPT_AT.eq(notice.nextAttemptAt()))
                .execute() > 0;
    }

    /** The platform took the notice: the first of its messages is this row, any further ones rows of their own. */
    void noticeSent(PendingNotice notice, Via via, List<String> platformIds) {
        Instant now = clock.instant();
        String first = platformIds.isEmpty() ? null : platformIds.getFirst();
        db.update(OUTBOUND_MESSAGES)
                .set(OUTBOUND_MESSAGES.PLATFORM_MESSAGE_ID, first)
                .set(OUTBOUND_MESSAGES.VIA, via.column())
                .set(OUTBOUND_MESSAGES.STATUS, Delivery.QUEUED.value())
                .set(OUTBOUND_MESSAGES.STATUS_RANK, Delivery.QUEUED.rank())
                .set(OUTBOUND_MESSAGES.ATTEMPTS, notice.attempts() + 1)
                .set(OUTBOUND_MESSAGES.NEXT_ATTEMPT_AT, (Instant) null)
                .set(OUTBOUND_MESSAGES.UPDATED_AT, now)
                .where(OUTBOUND_MESSAGES.ID.eq(notice.id()))
                .execute();
        for (String platformId : platformIds.subList(Math.min(1, platformIds.size()), platformIds.size())) {
            row(Ids.next(), notice.conversationId(), notice.platform(), "notice", Delivery.QUEUED.value(),
                    Delivery.QUEUED.rank(), now)
                    .set(OUTBOUND_MESSAGES.PLATFORM_MESSAGE_ID, platformId)
                    .set(OUTBOUND_MESSAGES.NOTICE, notice.notice().notice().key())
                    .set(OUTBOUND_MESSAGES.VIA, via.column())
                    .set(OUTBOUND_MESSAGES.ATTEMPTS, 1)
                    .execute();
        }
    }

    /** The platform could not take it this time: tried again at {@code next}. */
    void retryLater(PendingNotice notice, Instant next, String errorCode, String reason) {
        db.update(OUTBOUND_MESSAGES)
                .set(OUTBOUND_MESSAGES.ATTEMPTS, notice.attempts() + 1)
                .set(OUTBOUND_MESSAGES.NEXT_ATTEMPT_AT, next)
                .set(OUTBOUND_MESSAGES.ERROR_CODE, errorCode)
                .set(OUTBOUND_MESSAGES.REASON, reason)
                .set(OUTBOUND_MESSAGES.UPDATED_AT, clock.instant())
                .where(OUTBOUND_MESSAGES.ID.eq(notice.id()))
                .execute();
    }

    /**
     * The notice will not be sent: {@link Delivery#REFUSED} (ours: outside the window with no
     * template, the shopper opted out) or {@link Delivery#FAILED} (the platform refused it, or kept
     * failing). Its text is forgotten with it; the reason stays.
     */
    void noticeGivenUp(PendingNotice notice, Delivery outcome, int attempts, String errorCode, String reason) {
        db.update(OUTBOUND_MESSAGES)
                .set(OUTBOUND_MESSAGES.STATUS, outcome.value())
                .set(OUTBOUND_MESSAGES.STATUS_RANK, outcome.rank())
                .set(OUTBOUND_MESSAGES.ATTEMPTS, attempts)
                .set(OUTBOUND_MESSAGES.NEXT_ATTEMPT_AT, (Instant) null)
                .set(OUTBOUND_MESSAGES.ERROR_CODE, errorCode)
                .set(OUTBOUND_MESSAGES.REASON, reason)
                .set(OUTBOUND_MESSAGES.BODY, (String) null)
                .set(OUTBOUND_MESSAGES.VARIABLES, (String) null)
                .set(OUTBOUND_MESSAGES.UPDATED_AT, clock.instant())
                .where(OUTBOUND_MESSAGES.ID.eq(notice.id()))
                .execute();
    }

    /**
     * One message as an admin sees it: what it was, how it went and where it stands.
     *
     * @param replyTo the reply's message id (messages.id), for a reply
     * @param text    what a person from the shop wrote, for an {@link Notice#ADMIN} notice (the
     *                shop's other notices say what their kind says); null once one is given up
     */
    public record Entry(String id, String kind, String notice, String via, String replyTo, String platformMessageId,
                        String status, String errorCode, String reason, int attempts, Instant createdAt,
                        Instant updatedAt, @com.fasterxml.jackson.annotation.JsonIgnore int statusRank, String text) {
    }

    /** The conversation's outbound messages, latest first. */
    public List<Entry> of(String conversationId, int limit) {
        return db.selectFrom(OUTBOUND_MESSAGES)
                .where(OUTBOUND_MESSAGES.CONVERSATION_ID.eq(conversationId))
                .orderBy(OUTBOUND_MESSAGES.CREATED_AT.desc(), OUTBOUND_MESSAGES.ID.desc())
                .limit(limit)
                .fetch(r -> new Entry(r.getId(), r.getKind(), r.getNotice(), r.getVia(), r.getMessageId(),
                        r.getPlatformMessageId(), r.getStatus(), r.getErrorCode(), r.getReason(), r.getAttempts(),
                        r.getCreatedAt(), r.getUpdatedAt(), r.getStatusRank(),
                        // The conversation's page shows a person's words among the shopper's and the bot's.
                        Notice.ADMIN.key().equals(r.getNotice()) && r.getBody() != null
                                ? cipher.open(SensitiveField.MESSAGE_CONTENT, r.getBody()) : null));
    }

    private PendingNotice pendingOf(OutboundMessagesRecord r) {
        String text = cipher.open(SensitiveField.MESSAGE_CONTENT, r.getBody());
        String[] variables = json.readValue(cipher.open(SensitiveField.MESSAGE_CONTENT, r.getVariables()), String[].class);
        Notice notice = Notice.ofKey(r.getNotice());
        return new PendingNotice(r.getId(), r.getConversationId(), r.getPlatform(),
                new NoticeText(notice, text, List.of(variables)), r.getAttempts(), r.getNextAttemptAt(),
                Via.TEMPLATE.column().equals(r.getVia()));
    }
}
