-- Keyword search over products (issue #3), PostgreSQL's counterpart of the SQLite FTS5 table:
-- one weighted tsvector per live product, kept by the application (catalog.search.SearchIndexer)
-- from the same prepared text. Weights: A name and type, B categories, C attributes, D description.
CREATE TABLE product_fts (
    product_id TEXT PRIMARY KEY REFERENCES products (id) ON DELETE CASCADE,
    document   TSVECTOR NOT NULL
);
CREATE INDEX product_fts_document ON product_fts USING GIN (document);
