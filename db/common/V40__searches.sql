-- Every search_products call the engine ran, for the search-effectiveness figures: how many found
-- something, which of those the shopper followed up, and what shoppers asked for that we lack.
-- Portable SQL, like V1. The query is what the shopper typed, so it is personal data: [enc].

CREATE TABLE searches (
    id              TEXT PRIMARY KEY,                   -- UUIDv7: orders with the transition log's ids
    conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    query           TEXT NOT NULL,                      -- [enc]
    result_count    INTEGER NOT NULL CHECK (result_count >= 0),
    at              TIMESTAMP(3) NOT NULL
);
CREATE INDEX searches_at ON searches (at);
-- The follow-up query looks for a conversation's next search; the cascade looks for its searches.
CREATE INDEX searches_conversation ON searches (conversation_id, id);
