-- Sentence embeddings of products for semantic search (issue #3). The vector is float32
-- little-endian; text_hash is a hash of the embedded text, so an edit that does not change
-- that text, or a re-import of the same rows, costs no new embedding. Rows are written in the
-- background after a bulk import; a product without a row is simply not yet embedded.
CREATE TABLE product_vectors (
    product_id TEXT PRIMARY KEY REFERENCES products (id) ON DELETE CASCADE,
    model      TEXT NOT NULL,
    text_hash  TEXT NOT NULL,
    vector     BLOB NOT NULL,
    updated_at TIMESTAMP(3) NOT NULL
);
