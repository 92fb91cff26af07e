package com.shopkeeper.payment;

import static com.shopkeeper.db.Tables.PAYMENTS;
import static com.shopkeeper.db.Tables.PAYMENT_EVENTS;

import com.shopkeeper.config.Ids;
import com.shopkeeper.crypto.FieldCipher;
import com.shopkeeper.crypto.SensitiveField;
import com.shopkeeper.db.tables.records.PaymentsRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/** Payments and the provider events already applied. Provider ids and links are encrypted at rest. */
@Repository
public class PaymentRepository {

    private final DSLContext db;
    private final FieldCipher cipher;
    private final Clock clock;

    PaymentRepository(DSLContext db, FieldCipher cipher, Clock clock) {
        this.db = db;
        this.cipher = cipher;
        this.clock = clock;
    }

    public Payment insert(String orderId, String provider, String paymentId, String paymentLink, Instant expiresAt) {
        Instant now = clock.instant();
        PaymentsRecord r = db.newRecord(PAYMENTS);
        r.setId(Ids.next());
        r.setOrderId(orderId);
        r.setProvider(provider);
        r.setPaymentId(cipher.seal(SensitiveField.PAYMENT_ID, paymentId));
        r.setPaymentLink(cipher.seal(SensitiveField.PAYMENT_LINK, paymentLink));
        r.setStatus(PaymentStatus.PENDING.name());
        r.setExpiresAt(expiresAt);
        r.setCreatedAt(now);
        r.setUpdatedAt(now);
        r.insert();
        return toPayment(r);
    }

    /**
     * The attempt a payment link is made under, recorded before the provider is called: the newest
     * unfilled attempt for this order begun after {@code reuseAfter} (a request whose answer was
     * lost), else a new one. Older unfilled attempts are closed: their requests are too old to be
     * repeated as they were.
     */
    public Payment openAttempt(String orderId, String provider, Instant reuseAfter) {
        var unfilled = db.selectFrom(PAYMENTS)
                .where(PAYMENTS.ORDER_ID.eq(orderId), PAYMENTS.PROVIDER.eq(provider),
                        PAYMENTS.STATUS.eq(PaymentStatus.PENDING.name()), PAYMENTS.PAYMENT_ID.isNull())
                .orderBy(PAYMENTS.CREATED_AT.desc(), PAYMENTS.ID.desc())
                .fetch(this::toPayment);
        for (Payment p : unfilled) {
            if (p.createdAt().isAfter(reuseAfter)) {
                return p;
            }
            changeStatus(p.id(), PaymentStatus.PENDING, PaymentStatus.CANCELLED);
        }
        return insert(orderId, provider, null, null, null);
    }

    /** Fills in an attempt with the provider's answer. */
    public Payment fill(String id, String paymentId, String paymentLink, Instant expiresAt) {
        db.update(PAYMENTS)
                .set(PAYMENTS.PAYMENT_ID, cipher.seal(SensitiveField.PAYMENT_ID, paymentId))
                .set(PAYMENTS.PAYMENT_LINK, cipher.seal(SensitiveField.PAYMENT_LINK, paymentLink))
                .set(PAYMENTS.EXPIRES_AT, expiresAt)
                .set(PAYMENTS.UPDATED_AT, clock.instant())
                .where(PAYMENTS.ID.eq(id))
                .execute();
        return find(id).orElseThrow();
    }

    public Optional<Payment> find(String id) {
        return db.selectFrom(PAYMENTS).where(PAYMENTS.ID.eq(id)).fetchOptional(this::toPayment);
    }

    public Optional<Payment> findByProviderId(String provider, String paymentId) {
        return db.selectFrom(PAYMENTS)
                .where(PAYMENTS.PROVIDER.eq(provider), PAYMENTS.PAYMENT_ID.eq(cipher.seal(SensitiveField.PAYMENT_ID, paymentId)))
                .fetchOptional(this::toPayment);
    }

    public List<Payment> forOrder(String orderId) {
        return db.selectFrom(PAYMENTS).where(PAYMENTS.ORDER_ID.eq(orderId))
                .orderBy(PAYMENTS.CREATED_AT, PAYMENTS.ID).fetch(this::toPayment);
    }

    /**
     * A provider's pending payments created before {@code before}, least recently checked first (never
     * checked before all, then the oldest): the polling fallback's work list, which thus comes round
     * to every pending payment however many there are.
     */
    public List<Payment> pendingLeastRecentlyChecked(String provider, Instant before, int limit) {
        return db.selectFrom(PAYMENTS)
                .where(PAYMENTS.STATUS.eq(PaymentStatus.PENDING.name()), PAYMENTS.PROVIDER.eq(provider),
                        PAYMENTS.PAYMENT_ID.isNotNull(), PAYMENTS.CREATED_AT.lt(before))
                .orderBy(PAYMENTS.CHECKED_AT.asc().nullsFirst(), PAYMENTS.CREATED_AT, PAYMENTS.ID)
                .limit(limit).fetch(this::toPayment);
    }

    /** Notes that the poller asked about these payments now. */
    public void markChecked(List<String> ids) {
        if (!ids.isEmpty()) {
            db.update(PAYMENTS).set(PAYMENTS.CHECKED_AT, clock.instant()).where(PAYMENTS.ID.in(ids)).execute();
        }
    }

    public boolean changeStatus(String id, PaymentStatus expected, PaymentStatus next) {
        return db.update(PAYMENTS)
                .set(PAYMENTS.STATUS, next.name())
                .set(PAYMENTS.UPDATED_AT, clock.instant())
                .where(PAYMENTS.ID.eq(id), PAYMENTS.STATUS.eq(expected.name()))
                .execute() == 1;
    }

    /**
     * Records that a provider event was applied. False when it was recorded before: webhooks come
     * at least once, and the second delivery must change nothing.
     */
    public boolean recordEvent(String provider, String eventId, String eventType, String orderId) {
        // ON CONFLICT DO NOTHING rather than catching the violation: on PostgreSQL a failed
        // statement would abort the caller's whole transaction.
        return db.insertInto(PAYMENT_EVENTS)
                .set(PAYMENT_EVENTS.PROVIDER, provider)
                .set(PAYMENT_EVENTS.EVENT_ID, eventId)
                .set(PAYMENT_EVENTS.EVENT_TYPE, eventType)
                .set(PAYMENT_EVENTS.ORDER_ID, orderId)
                .set(PAYMENT_EVENTS.RECEIVED_AT, clock.instant())
                .onConflictDoNothing()
                .execute() == 1;
    }

    private Payment toPayment(PaymentsRecord r) {
        return new Payment(r.getId(), r.getOrderId(), r.getProvider(),
                cipher.open(SensitiveField.PAYMENT_ID, r.getPaymentId()),
                cipher.open(SensitiveField.PAYMENT_LINK, r.getPaymentLink()),
                PaymentStatus.valueOf(r.getStatus()), r.getExpiresAt(), r.getCreatedAt(), r.getUpdatedAt());
    }
}
