-- The turn ledger: what became of each inbound message, so that a message delivered again (a
-- platform's retry, a worker that died mid-turn, a deploy, a replayed dead letter) resumes where
-- it stopped and nothing of it is done twice. Portable SQL, like V1.
--
-- A turn is keyed by the shopper's message (whose platform_message_id is unique). It goes
--   RECEIVED  the message is recorded; steps_done of the turn's steps are applied, each in the
--             transaction that applied it (its effects, its transition, its replies, and this count);
--   ANSWERED  every reply is recorded;
--   SENT      every reply went to the platform (sent_at on each).
-- plan is what the model proposed for the turn, stored with the first step, so that a resumed
-- turn carries on with the same calls instead of asking the model again. [enc]

CREATE TABLE turns (
    message_id      TEXT PRIMARY KEY REFERENCES messages (id) ON DELETE CASCADE,
    conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    kind            TEXT NOT NULL CHECK (kind IN ('MESSAGE', 'STOP', 'START', 'ASK_STOP', 'IGNORED')),
    status          TEXT NOT NULL CHECK (status IN ('RECEIVED', 'ANSWERED', 'SENT')),
    plan            TEXT,                               -- [enc]
    steps_done      INTEGER NOT NULL DEFAULT 0 CHECK (steps_done >= 0),
    received_at     TIMESTAMP(3) NOT NULL,
    updated_at      TIMESTAMP(3) NOT NULL
);
-- Turns not yet sent, oldest first: what an operator (or the fault suite) checks is empty.
CREATE INDEX turns_status ON turns (status, received_at);

-- A reply is an assistant message that belongs to a turn: in_reply_to is the shopper's message,
-- seq its place among the turn's replies, media the pictures that go with it (a JSON array of URLs),
-- sent_at when the platform took it (null: not yet, or suppressed for a shopper who opted out).
ALTER TABLE messages ADD COLUMN in_reply_to TEXT;
ALTER TABLE messages ADD COLUMN seq INTEGER;
ALTER TABLE messages ADD COLUMN media TEXT;
ALTER TABLE messages ADD COLUMN sent_at TIMESTAMP(3);
CREATE INDEX messages_in_reply_to ON messages (in_reply_to, seq);

-- Everything before the ledger was answered and sent as far as anyone can tell.
INSERT INTO turns (message_id, conversation_id, kind, status, steps_done, received_at, updated_at)
SELECT id, conversation_id, 'MESSAGE', 'SENT', 0, "timestamp", "timestamp" FROM messages WHERE role = 'user';
UPDATE messages SET sent_at = "timestamp" WHERE role = 'assistant';
