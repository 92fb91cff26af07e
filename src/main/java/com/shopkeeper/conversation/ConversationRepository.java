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
        int updated = save.execute(db, DSL.val(c.state().name(), CONVERSATIONS.STATE),
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
        Condition where = state == null ? DSL.noCondition() : CONVERSATIONS.STATE.eq(state.name());
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

    /** How many conversations stand in each state now. */
    public Map<State, Integer> countByState() {
        var counts = new java.util.EnumMap<State, Integer>(State.class);
        for (State s : State.values()) {
            counts.put(s, 0);
        }
        db.select(CONVERSATIONS.STATE, DSL.count()).from(CONVERSATIONS).groupBy(CONVERSATIONS.STATE)
                .forEach(r -> counts.put(State.valueOf(r.value1()), r.value2()));
        return counts;
    }

    static Conversation toConversation(ConversationsRecord r) {
        return new Conversation(r.getId(), r.getUserId(), r.getPlatform(), State.valueOf(r.getState()), r.getContext(),
                r.getActiveProductId(), r.getVersion(), r.getCreatedAt(), r.getUpdatedAt());
    }
}
