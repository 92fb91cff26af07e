package com.shopkeeper.conversation;

import static com.shopkeeper.db.Tables.MESSAGES;

import com.shopkeeper.config.Ids;
import com.shopkeeper.crypto.FieldCipher;
import com.shopkeeper.crypto.SensitiveField;
import com.shopkeeper.db.tables.records.MessagesRecord;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/** The messages of conversations; their text is encrypted at rest. */
@Repository
public class MessageRepository {

    private final DSLContext db;
    private final FieldCipher cipher;
    private final Clock clock;

    MessageRepository(DSLContext db, FieldCipher cipher, Clock clock) {
        this.db = db;
        this.cipher = cipher;
        this.clock = clock;
    }

    /**
     * Appends a message. A platform message id that was stored before breaks the unique
     * constraint: the same inbound message is recorded once, ever.
     */
    public Message append(String conversationId, Message.Role role, String content, String platformMessageId) {
        MessagesRecord r = db.newRecord(MESSAGES);
        r.setId(Ids.next());
        r.setConversationId(conversationId);
        r.setRole(role.column());
        r.setContent(cipher.seal(SensitiveField.MESSAGE_CONTENT, content));
        r.setPlatformMessageId(platformMessageId);
        r.setTimestamp(clock.instant());
        r.insert();
        return new Message(r.getId(), conversationId, role, content, platformMessageId, r.getTimestamp());
    }

    public java.util.Optional<Message> findByPlatformMessageId(String platformMessageId) {
        return db.selectFrom(MESSAGES).where(MESSAGES.PLATFORM_MESSAGE_ID.eq(platformMessageId)).fetchOptional(this::toMessage);
    }

    /** Whether the bot said anything in the conversation after this message (ids are time-ordered). */
    public boolean answeredAfter(String conversationId, String messageId) {
        return db.fetchExists(MESSAGES, MESSAGES.CONVERSATION_ID.eq(conversationId),
                MESSAGES.ROLE.eq(Message.Role.ASSISTANT.column()), MESSAGES.ID.gt(messageId));
    }

    public boolean existsByPlatformMessageId(String platformMessageId) {
        return db.fetchExists(MESSAGES, MESSAGES.PLATFORM_MESSAGE_ID.eq(platformMessageId));
    }

    /** The last {@code limit} messages, oldest first. */
    public List<Message> recent(String conversationId, int limit) {
        List<Message> newestFirst = new ArrayList<>(db.selectFrom(MESSAGES)
                .where(MESSAGES.CONVERSATION_ID.eq(conversationId))
                .orderBy(MESSAGES.TIMESTAMP.desc(), MESSAGES.ID.desc())
                .limit(limit)
                .fetch(this::toMessage));
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    public int count(String conversationId) {
        return db.fetchCount(MESSAGES, MESSAGES.CONVERSATION_ID.eq(conversationId));
    }

    private Message toMessage(MessagesRecord r) {
        return new Message(r.getId(), r.getConversationId(), Message.Role.of(r.getRole()),
                cipher.open(SensitiveField.MESSAGE_CONTENT, r.getContent()), r.getPlatformMessageId(), r.getTimestamp());
    }
}
