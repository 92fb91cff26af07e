-- Bursts (issue 16): messages of one shopper that arrive within shopkeeper.engine.burst-window of
-- each other are answered as one turn, the first message's. Every message of a burst keeps its own
-- row in messages (recorded once, by its platform id) and its own turn; the later ones' turns are of
-- kind MERGED, SENT from the start with no replies of their own, and name the turn that answered
-- them (merged_into, the first message's id). A redelivery of any of them finds its turn and does
-- nothing; a first message taken up again after a crash reads what was merged into it from here.
--
-- The kind's CHECK gains MERGED. Portable SQL cannot change a CHECK in place (SQLite cannot drop a
-- constraint), so the table is made again and its rows copied; nothing references turns.
CREATE TABLE turns_with_merges (
    message_id      TEXT PRIMARY KEY REFERENCES messages (id) ON DELETE CASCADE,
    conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    kind            TEXT NOT NULL CHECK (kind IN ('MESSAGE', 'STOP', 'START', 'ASK_STOP', 'IGNORED', 'MERGED')),
    status          TEXT NOT NULL CHECK (status IN ('RECEIVED', 'ANSWERED', 'SENT')),
    plan            TEXT,                               -- [enc]
    steps_done      INTEGER NOT NULL DEFAULT 0 CHECK (steps_done >= 0),
    received_at     TIMESTAMP(3) NOT NULL,
    updated_at      TIMESTAMP(3) NOT NULL,
    merged_into     TEXT REFERENCES messages (id) ON DELETE CASCADE,
    CHECK ((kind = 'MERGED') = (merged_into IS NOT NULL))
);
INSERT INTO turns_with_merges (message_id, conversation_id, kind, status, plan, steps_done, received_at, updated_at)
SELECT message_id, conversation_id, kind, status, plan, steps_done, received_at, updated_at FROM turns;
DROP TABLE turns;
ALTER TABLE turns_with_merges RENAME TO turns;
-- Turns not yet sent, oldest first: what an operator (or the fault suite) checks is empty.
CREATE INDEX turns_status ON turns (status, received_at);
-- What was merged into a turn, read when the turn is taken up again.
CREATE INDEX turns_merged_into ON turns (merged_into);
