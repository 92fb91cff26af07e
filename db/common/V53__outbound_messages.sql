-- Every message the shop hands a messaging platform, and what became of it (issue 15). Portable SQL.
--
-- A row is one message as the platform counts them (a long reply split in two is two rows):
--   kind      reply (the answer to a shopper's message, message_id is that reply) or notice (sent on
--             the shop's own initiative: order news, an admin's message; notice names which);
--   via       text (free-form) or template (an approved template, outside the 24-hour window);
--   status    pending (ours: written, not yet taken by the platform), queued, sent, delivered, read,
--             failed (the platform's, with its error_code), refused (ours: never sent, reason says why).
--             status_rank only grows: statuses that arrive out of order never move a message back.
-- A notice is written before it is sent (body and variables sealed, as messages are), so that one
-- the platform could not take is tried again (attempts, next_attempt_at) and never lost.
CREATE TABLE outbound_messages (
    id                  TEXT PRIMARY KEY,
    conversation_id     TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    message_id          TEXT REFERENCES messages (id) ON DELETE SET NULL,
    platform            TEXT NOT NULL,
    platform_message_id TEXT,
    kind                TEXT NOT NULL CHECK (kind IN ('reply', 'notice')),
    notice              TEXT,
    via                 TEXT CHECK (via IN ('text', 'template')),
    body                TEXT,                               -- [enc] a notice's text (kept: a window failure may come later)
    variables           TEXT,                               -- [enc] its template variables (JSON array)
    status              TEXT NOT NULL
                        CHECK (status IN ('pending', 'queued', 'sent', 'delivered', 'read', 'failed', 'refused')),
    status_rank         INTEGER NOT NULL,
    error_code          TEXT,
    reason              TEXT,
    attempts            INTEGER NOT NULL DEFAULT 0,
    next_attempt_at     TIMESTAMP(3),
    created_at          TIMESTAMP(3) NOT NULL,
    updated_at          TIMESTAMP(3) NOT NULL
);
CREATE UNIQUE INDEX outbound_messages_platform_id ON outbound_messages (platform, platform_message_id);
CREATE INDEX outbound_messages_conversation ON outbound_messages (conversation_id, created_at);
CREATE INDEX outbound_messages_due ON outbound_messages (status, next_attempt_at);
-- A notice the platform took free-form and then failed for the 24-hour window (Twilio 63016, Meta
-- 131047, reported as a status) is written down again as pending with via = 'template': only its
-- template may go.
