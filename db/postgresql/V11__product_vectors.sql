-- Sentence embeddings of products for semantic search (issue #3); see the SQLite twin.
-- BYTEA rather than pgvector: nearest neighbours are searched in memory on every engine.
CREATE TABLE product_vectors (
    product_id TEXT PRIMARY KEY REFERENCES products (id) ON DELETE CASCADE,
    model      TEXT NOT NULL,
    text_hash  TEXT NOT NULL,
    vector     BYTEA NOT NULL,
    updated_at TIMESTAMP(3) NOT NULL
);
