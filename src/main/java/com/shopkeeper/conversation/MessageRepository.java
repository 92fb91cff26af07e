package com.shopkeeper.conversation;

import static com.shopkeeper.db.Tables.MESSAGES;

import com.shopkeeper.config.Ids;
import com.shopkeeper.config.RenderedOnce;
import com.shopkeeper.crypto.FieldCipher;
import com.shopkeeper.crypto.SensitiveField;
import com.shopkeeper.db.tables.records.MessagesRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The messages of conversations; their text is encrypted at rest. */
@Repository
public class MessageRepository {

    private final DSLContext db;
    private final FieldCipher cipher;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    /** Every turn appends and reads back messages: rendered once ({@link RenderedOnce}). */
    private final RenderedOnce insert;
    private final RenderedOnce recent;
    private final RenderedOnce recentBefore;
    private final RenderedOnce insertReply;
    private final RenderedOnce unsent;
    private final RenderedOnce markSent;
    private final JsonMapper json = JsonMapper.builder().build();

    MessageRepository(DSLContext db, FieldCipher cipher, Clock clock, ApplicationEventPublisher events) {
        this.db = db;
        this.cipher = cipher;
        this.clock = clock;
        this.events = events;
        this.insert = RenderedOnce.of(db, db.insertInto(MESSAGES)
                .set(MESSAGES.ID, DSL.param("id", MESSAGES.ID))
                .set(MESSAGES.CONVERSATION_ID, DSL.param("conversation", MESSAGES.CONVERSATION_ID))
                .set(MESSAGES.ROLE, DSL.param("role", MESSAGES.ROLE))
                .set(MESSAGES.CONTENT, DSL.param("content", MESSAGES.CONTENT))
                .set(MESSAGES.PLATFORM_MESSAGE_ID, DSL.param("platformId", MESSAGES.PLATFORM_MESSAGE_ID))
                .set(MESSAGES.TIMESTAMP, DSL.param("at", MESSAGES.TIMESTAMP)));
        this.insertReply = RenderedOnce.of(db, db.insertInto(MESSAGES)
                .set(MESSAGES.ID, DSL.param("id", MESSAGES.ID))
                .set(MESSAGES.CONVERSATION_ID, DSL.param("conversation", MESSAGES.CONVERSATION_ID))
                .set(MESSAGES.ROLE, DSL.inline(Message.Role.ASSISTANT.column()))
                .set(MESSAGES.CONTENT, DSL.param("content", MESSAGES.CONTENT))
                .set(MESSAGES.IN_REPLY_TO, DSL.param("inReplyTo", MESSAGES.IN_REPLY_TO))
                .set(MESSAGES.SEQ, DSL.param("seq", MESSAGES.SEQ))
                .set(MESSAGES.MEDIA, DSL.param("media", MESSAGES.MEDIA))
                .set(MESSAGES.CHOICES, DSL.param("choices", MESSAGES.CHOICES))
                .set(MESSAGES.TIMESTAMP, DSL.param("at", MESSAGES.TIMESTAMP)));
        this.unsent = RenderedOnce.of(db, db.selectFrom(MESSAGES)
                .where(MESSAGES.IN_REPLY_TO.eq(DSL.param("inReplyTo", MESSAGES.IN_REPLY_TO)))
                .and(MESSAGES.SENT_AT.isNull())
                .orderBy(MESSAGES.SEQ));
        this.markSent = RenderedOnce.of(db, db.update(MESSAGES)
                .set(MESSAGES.SENT_AT, DSL.param("at", MESSAGES.SENT_AT))
                .where(MESSAGES.ID.eq(DSL.param("id", MESSAGES.ID))));
        this.recent = RenderedOnce.of(db, db.selectFrom(MESSAGES)
                .where(MESSAGES.CONVERSATION_ID.eq(DSL.param("conversation", MESSAGES.CONVERSATION_ID)))
                .orderBy(MESSAGES.TIMESTAMP.desc(), MESSAGES.ID.desc())
                .limit(DSL.param("limit", Integer.class)));
        this.recentBefore = RenderedOnce.of(db, db.selectFrom(MESSAGES)
                .where(MESSAGES.CONVERSATION_ID.eq(DSL.param("conversation", MESSAGES.CONVERSATION_ID)))
                .and(MESSAGES.ID.lt(DSL.param("before", MESSAGES.ID)))
                .orderBy(MESSAGES.TIMESTAMP.desc(), MESSAGES.ID.desc())
                .limit(DSL.param("limit", Integer.class)));
    }

    /**
     * Appends a message. A platform message id that was stored before breaks the unique
     * constraint: the same inbound message is recorded once, ever.
     */
    public Message append(String conversationId, Message.Role role, String content, String platformMessageId) {
        String id = Ids.next();
        Instant at = clock.instant();
        insert.execute(db, DSL.val(id, MESSAGES.ID), DSL.val(conversationId, MESSAGES.CONVERSATION_ID),
                DSL.val(role.column(), MESSAGES.ROLE), DSL.val(cipher.seal(SensitiveField.MESSAGE_CONTENT, content), MESSAGES.CONTENT),
                DSL.val(platformMessageId, MESSAGES.PLATFORM_MESSAGE_ID), DSL.val(at, MESSAGES.TIMESTAMP));
        if (role == Message.Role.USER) {
            // In HANDOFF no step follows a shopper's message: this is how an admin's page hears of it.
            events.publishEvent(new MessageRecorded(conversationId, id, at));
        }
        return new Message(id, conversationId, role, content, platformMessageId, at);
    }

    /** A reply of a turn: the bot's answer to {@code inReplyTo}, {@code seq} its place among the turn's replies. */
    void appendReply(String conversationId, String inReplyTo, int seq, String content, List<String> media, Choices choices) {
        insertReply.execute(db, DSL.val(Ids.next(), MESSAGES.ID), DSL.val(conversationId, MESSAGES.CONVERSATION_ID),
                DSL.val(cipher.seal(SensitiveField.MESSAGE_CONTENT, content), MESSAGES.CONTENT),
                DSL.val(inReplyTo, MESSAGES.IN_REPLY_TO), DSL.val(seq, MESSAGES.SEQ),
                DSL.val(media.isEmpty() ? null : json.writeValueAsString(media), MESSAGES.MEDIA),
                // Sealed like the text: a list's body can repeat what the shopper searched for.
                DSL.val(choices == null ? null : cipher.seal(SensitiveField.MESSAGE_CONTENT, json.writeValueAsString(choices)),
                        MESSAGES.CHOICES),
                DSL.val(clock.instant(), MESSAGES.TIMESTAMP));
    }

    /** The replies to {@code inReplyTo} not yet sent, in order. */
    List<Turn.Reply> unsentReplies(String inReplyTo) {
        return unsent.rows(db, MESSAGES, DSL.val(inReplyTo, MESSAGES.IN_REPLY_TO)).fetch(r -> new Turn.Reply(r.getId(),
                cipher.open(SensitiveField.MESSAGE_CONTENT, r.getContent()),
                r.getMedia() == null ? List.of() : List.of(json.readValue(r.getMedia(), String[].class)),
                r.getChoices() == null ? null
                        : json.readValue(cipher.open(SensitiveField.MESSAGE_CONTENT, r.getChoices()), Choices.class)));
    }

    void markSent(String id, Instant at) {
        markSent.execute(db, DSL.val(at, MESSAGES.SENT_AT), DSL.val(id, MESSAGES.ID));
    }

    public java.util.Optional<Message> findByPlatformMessageId(String platformMessageId) {
        return db.selectFrom(MESSAGES).where(MESSAGES.PLATFORM_MESSAGE_ID.eq(platformMessageId)).fetchOptional(this::toMessage);
    }

    /** Whether the bot said anything in the conversation after this message (ids are time-ordered). */
    public boolean answeredAfter(String conversationId, String messageId) {
        return db.fetchExists(MESSAGES, MESSAGES.CONVERSATION_ID.eq(conversationId),
                MESSAGES.ROLE.eq(Message.Role.ASSISTANT.column()), MESSAGES.ID.gt(messageId));
    }

    /**
     * What the bot said in the conversation after this message, oldest first (ids are time-ordered;
     * a shopper's messages are processed one at a time, so these are its answers while it is the
     * shopper's latest).
     */
    public List<Message> answersAfter(String conversationId, String messageId) {
        return db.selectFrom(MESSAGES)
                .where(MESSAGES.CONVERSATION_ID.eq(conversationId), MESSAGES.ROLE.eq(Message.Role.ASSISTANT.column()),
                        MESSAGES.ID.gt(messageId))
                .orderBy(MESSAGES.ID)
                .fetch(this::toMessage);
    }

    /** The last {@code limit} messages, oldest first. */
    public List<Message> recent(String conversationId, int limit) {
        List<Message> newestFirst = new ArrayList<>(recent.rows(db, MESSAGES,
                DSL.val(conversationId, MESSAGES.CONVERSATION_ID), DSL.val(limit)).fetch(this::toMessage));
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    /** The last {@code limit} messages recorded before this one (ids are time-ordered), oldest first. */
    public List<Message> recentBefore(String conversationId, String messageId, int limit) {
        List<Message> newestFirst = new ArrayList<>(recentBefore.rows(db, MESSAGES,
                DSL.val(conversationId, MESSAGES.CONVERSATION_ID), DSL.val(messageId, MESSAGES.ID), DSL.val(limit))
                .fetch(this::toMessage));
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    /** When the shopper last wrote in this conversation: where WhatsApp's 24-hour window starts. */
    public java.util.Optional<Instant> lastFromShopper(String conversationId) {
        return java.util.Optional.ofNullable(db.select(DSL.max(MESSAGES.TIMESTAMP)).from(MESSAGES)
                .where(MESSAGES.CONVERSATION_ID.eq(conversationId))
                .and(MESSAGES.ROLE.eq(Message.Role.USER.column()))
                .fetchOne(0, Instant.class));
    }

    public int count(String conversationId) {
        return db.fetchCount(MESSAGES, MESSAGES.CONVERSATION_ID.eq(conversationId));
    }

    private Message toMessage(MessagesRecord r) {
        return new Message(r.getId(), r.getConversationId(), Message.Role.of(r.getRole()),
                cipher.open(SensitiveField.MESSAGE_CONTENT, r.getContent()), r.getPlatformMessageId(), r.getTimestamp());
    }
}
