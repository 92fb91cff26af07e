package com.shopkeeper.conversation;

import static com.shopkeeper.db.Tables.CONVERSATIONS;

import com.shopkeeper.config.Ids;
import com.shopkeeper.config.RenderedOnce;
import com.shopkeeper.db.tables.records.ConversationsRecord;
import com.shopkeeper.web.PageOf;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Repository;

/** Conversations, the source of truth for each one's state (Redis only caches it). */
@Repository
public class ConversationRepository {

    private final DSLContext db;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    /** The touch of every message and the save of every applied call: rendered once ({@link RenderedOnce}). */
    private final RenderedOnce touchReturning;
    private final RenderedOnce save;

    ConversationRepository(DSLContext db, Clock clock, ApplicationEventPublisher events) {
        this.db = db;
        this.clock = clock;
        this.events = events;
        this.touchReturning = RenderedOnce.of(db, db.update(CONVERSATIONS)
                .set(CONVERSATIONS.UPDATED_AT, DSL.param("at", CONVERSATIONS.UPDATED_AT))
                .where(CONVERSATIONS.ID.eq(DSL.param("id", CONVERSATIONS.ID))).returning());
        this.save = RenderedOnce.of(db, db.update(CONVERSATIONS)
                .set(CONVERSATIONS.STATE, DSL.param("state", CONVERSATIONS.STATE))
                .set(CONVERSATIONS.CONTEXT, DSL.param("context", CONVERSATIONS.CONTEXT))
                .set(CONVERSATIONS.ACTIVE_PRODUCT_ID, DSL.param("product", CONVERSATIONS.ACTIVE_PRODUCT_ID))
                .set(CONVERSATIONS.VERSION, DSL.param("next", CONVERSATIONS.VERSION))
                .set(CONVERSATIONS.UPDATED_AT, DSL.param("at", CONVERSATIONS.UPDATED_AT))
                // Any state but HANDOFF: the conversation is the bot's (again).
                // (inlined: the statement's bind values are given by position)
                .set(CONVERSATIONS.HANDOFF_SINCE, DSL.inline(null, CONVERSATIONS.HANDOFF_SINCE))
                .set(CONVERSATIONS.HANDOFF_REASON, DSL.inline(null, CONVERSATIONS.HANDOFF_REASON))
                .set(CONVERSATIONS.HANDOFF_TAKEN_BY, DSL.inline(null, CONVERSATIONS.HANDOFF_TAKEN_BY))
                .set(CONVERSATIONS.HANDOFF_ANSWERED_AT, DSL.inline(null, CONVERSATIONS.HANDOFF_ANSWERED_AT))
                .where(CONVERSATIONS.ID.eq(DSL.param("id", CONVERSATIONS.ID)),
                        CONVERSATIONS.VERSION.eq(DSL.param("version", CONVERSATIONS.VERSION))));
    }

    public Conversation create(String userId, String platform) {
        Instant now = clock.instant();
        ConversationsRecord r = db.newRecord(CONVERSATIONS);
        r.setId(Ids.next());
        r.setUserId(userId);
        r.setPlatform(platform);
        r.setState(State.INITIAL.name());
        r.setContext("{}");
        r.setVersion(0L);
        r.setCreatedAt(now);
        r.setUpdatedAt(now);
        r.insert();
        Conversation created = toConversation(r);
        events.publishEvent(new ConversationStarted(created));
        return created;
    }

    public Optional<Conversation> find(String id) {
        return db.selectFrom(CONVERSATIONS).where(CONVERSATIONS.ID.eq(id)).fetchOptional(ConversationRepository::toConversation);
    }

    /** The shopper's most recently active conversation on a platform. */
    public Optional<Conversation> findLatest(String userId, String platform) {
        return db.selectFrom(CONVERSATIONS)
                .where(CONVERSATIONS.USER_ID.eq(userId), CONVERSATIONS.PLATFORM.eq(platform))
                .orderBy(CONVERSATIONS.UPDATED_AT.desc(), CONVERSATIONS.ID.desc())
                .limit(1)
                .fetchOptional(ConversationRepository::toConversation);
    }

    /**
     * Writes state, context and active product if nobody else changed the conversation since it
     * was read; the returned copy carries the next version.
     *
     * @throws OptimisticLockingFailureException when the version moved on meanwhile
     */
    public Conversation save(Conversation c) {
        Instant now = clock.instant();
        int updated = c.state() == State.HANDOFF ? db.update(CONVERSATIONS)
                // HANDOFF keeps the state it came from in the state column; handoff_since says it is in HANDOFF.
                .set(CONVERSATIONS.HANDOFF_SINCE, DSL.coalesce(CONVERSATIONS.HANDOFF_SINCE, DSL.val(now, CONVERSATIONS.HANDOFF_SINCE)))
                .set(CONVERSATIONS.CONTEXT, c.context()).set(CONVERSATIONS.ACTIVE_PRODUCT_ID, c.activeProductId())
                .set(CONVERSATIONS.VERSION, c.version() + 1).set(CONVERSATIONS.UPDATED_AT, now)
                .where(CONVERSATIONS.ID.eq(c.id()), CONVERSATIONS.VERSION.eq(c.version()))
                .execute()
                : save.execute(db, DSL.val(c.state().name(), CONVERSATIONS.STATE),
                DSL.val(c.context(), CONVERSATIONS.CONTEXT), DSL.val(c.activeProductId(), CONVERSATIONS.ACTIVE_PRODUCT_ID),
                DSL.val(c.version() + 1, CONVERSATIONS.VERSION), DSL.val(now, CONVERSATIONS.UPDATED_AT),
                DSL.val(c.id(), CONVERSATIONS.ID), DSL.val(c.version(), CONVERSATIONS.VERSION));
        if (updated != 1) {
            throw new OptimisticLockingFailureException("conversation " + c.id() + " changed since version " + c.version());
        }
        return new Conversation(c.id(), c.userId(), c.platform(), c.state(), c.context(), c.activeProductId(),
                c.version() + 1, c.createdAt(), now);
    }

    /** Marks activity without a state change, answering the conversation as it now stands, in one statement. */
    public Optional<Conversation> touchAndGet(String id) {
        return touchReturning.rows(db, CONVERSATIONS, DSL.val(clock.instant(), CONVERSATIONS.UPDATED_AT), DSL.val(id, CONVERSATIONS.ID))
                .fetchOptional().map(ConversationRepository::toConversation);
    }

    /**
     * Marks the conversation as waiting for a person from the shop (issue 14, item 5), in the
     * caller's transaction; the latest reason is kept, the time it first waited too.
     */
    public void askForPerson(String id, String reason) {
        db.update(CONVERSATIONS)
                .set(CONVERSATIONS.NEEDS_PERSON, reason)
                .set(CONVERSATIONS.NEEDS_PERSON_SINCE, DSL.coalesce(CONVERSATIONS.NEEDS_PERSON_SINCE, DSL.val(clock.instant(), CONVERSATIONS.NEEDS_PERSON_SINCE)))
                .where(CONVERSATIONS.ID.eq(id))
                .execute();
    }

    /** A person from the shop has answered: the conversation no longer waits. False when it was not waiting. */
    public boolean answeredByPerson(String id) {
        return db.update(CONVERSATIONS)
                .setNull(CONVERSATIONS.NEEDS_PERSON).setNull(CONVERSATIONS.NEEDS_PERSON_SINCE)
                .where(CONVERSATIONS.ID.eq(id), CONVERSATIONS.NEEDS_PERSON.isNotNull())
                .execute() == 1;
    }

    /** Of these conversations, those waiting for a person. */
    public Map<String, NeedsPerson> needsPerson(java.util.Collection<String> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return db.select(CONVERSATIONS.ID, CONVERSATIONS.NEEDS_PERSON, CONVERSATIONS.NEEDS_PERSON_SINCE).from(CONVERSATIONS)
                .where(CONVERSATIONS.ID.in(ids), CONVERSATIONS.NEEDS_PERSON.isNotNull())
                .fetchMap(r -> r.value1(), r -> new NeedsPerson(r.value2(), r.value3()));
    }

    /** Most recently active first; {@code needsPerson}: only those waiting for a person, longest waiting first. */
    public PageOf<Conversation> list(State state, boolean needsPerson, PageOf.Request page) {
        Condition where = state == null ? DSL.noCondition() : state == State.HANDOFF ? CONVERSATIONS.HANDOFF_SINCE.isNotNull()
                : CONVERSATIONS.STATE.eq(state.name()).and(CONVERSATIONS.HANDOFF_SINCE.isNull());
        if (needsPerson) {
            where = where.and(CONVERSATIONS.NEEDS_PERSON.isNotNull());
        }
        long total = db.fetchCount(CONVERSATIONS, where);
        var items = db.selectFrom(CONVERSATIONS).where(where)
                .orderBy(needsPerson ? List.of(CONVERSATIONS.NEEDS_PERSON_SINCE.asc(), CONVERSATIONS.ID.asc())
                        : List.of(CONVERSATIONS.UPDATED_AT.desc(), CONVERSATIONS.ID.desc()))
                .limit(page.size()).offset(page.offset())
                .fetch(ConversationRepository::toConversation);
        return new PageOf<>(items, total, page.page(), page.size());
    }

    /**
     * Why the conversation was handed to a person, in the transaction that moved it to HANDOFF; the
     * first reason stays.
     */
    public void handoffReason(String id, String reason) {
        db.update(CONVERSATIONS).set(CONVERSATIONS.HANDOFF_REASON, DSL.coalesce(CONVERSATIONS.HANDOFF_REASON, DSL.val(reason)))
                .where(CONVERSATIONS.ID.eq(id)).execute();
    }

    /** An admin takes the conversation (already in HANDOFF). */
    public void takenBy(String id, String admin) {
        db.update(CONVERSATIONS).set(CONVERSATIONS.HANDOFF_TAKEN_BY, admin)
                .where(CONVERSATIONS.ID.eq(id), CONVERSATIONS.HANDOFF_SINCE.isNotNull()).execute();
    }

    /** Where a conversation in HANDOFF stands: since when, why, who took it, the state it came from. */
    public record Handoff(Instant since, String reason, String takenBy, Instant answeredAt, State cameFrom) {
    }

    public Optional<Handoff> handoff(String id) {
        return db.selectFrom(CONVERSATIONS).where(CONVERSATIONS.ID.eq(id), CONVERSATIONS.HANDOFF_SINCE.isNotNull())
                .fetchOptional(ConversationRepository::toHandoff);
    }

    /** Of these conversations, those in HANDOFF, and where each stands (one query for a page of them). */
    public Map<String, Handoff> handoffs(java.util.Collection<String> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return db.selectFrom(CONVERSATIONS).where(CONVERSATIONS.ID.in(ids), CONVERSATIONS.HANDOFF_SINCE.isNotNull())
                .fetchMap(ConversationsRecord::getId, ConversationRepository::toHandoff);
    }

    private static Handoff toHandoff(ConversationsRecord r) {
        return new Handoff(r.getHandoffSince(), r.getHandoffReason(), r.getHandoffTakenBy(), r.getHandoffAnsweredAt(),
                State.valueOf(r.getState()));
    }

    /**
     * A person wrote to the shopper of a conversation in HANDOFF: the first time, answers how long the
     * shopper waited since the handoff (else empty).
     */
    public Optional<java.time.Duration> firstHumanAnswer(String id) {
        Instant now = clock.instant();
        Optional<Handoff> h = handoff(id).filter(x -> x.answeredAt() == null);
        if (h.isEmpty() || db.update(CONVERSATIONS).set(CONVERSATIONS.HANDOFF_ANSWERED_AT, now)
                .where(CONVERSATIONS.ID.eq(id), CONVERSATIONS.HANDOFF_ANSWERED_AT.isNull(), CONVERSATIONS.HANDOFF_SINCE.isNotNull())
                .execute() != 1) {
            return Optional.empty();
        }
        return Optional.of(java.time.Duration.between(h.get().since(), now));
    }

    /** How many conversations stand in each state now. */
    public Map<State, Integer> countByState() {
        var counts = new java.util.EnumMap<State, Integer>(State.class);
        for (State s : State.values()) {
            counts.put(s, 0);
        }
        db.select(CONVERSATIONS.STATE, DSL.count()).from(CONVERSATIONS).where(CONVERSATIONS.HANDOFF_SINCE.isNull())
                .groupBy(CONVERSATIONS.STATE)
                .forEach(r -> counts.put(State.valueOf(r.value1()), r.value2()));
        counts.put(State.HANDOFF, db.fetchCount(CONVERSATIONS, CONVERSATIONS.HANDOFF_SINCE.isNotNull()));
        return counts;
    }

    static Conversation toConversation(ConversationsRecord r) {
        State state = r.getHandoffSince() != null ? State.HANDOFF : State.valueOf(r.getState());
        return new Conversation(r.getId(), r.getUserId(), r.getPlatform(), state, r.getContext(),
                r.getActiveProductId(), r.getVersion(), r.getCreatedAt(), r.getUpdatedAt());
    }
}
