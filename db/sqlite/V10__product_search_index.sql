-- Keyword search over products (issue #3): an FTS5 index kept by the application
-- (catalog.search.SearchIndexer) in the same transaction as the product it indexes.
-- The text of each column is prepared in Java (ProductText): lower case, apostrophes folded
-- ("men's" -> "mens"), attribute values and colour families spelled out, so both engines index
-- the same words. Columns are separate so that BM25 can weigh a name match above a description match.
CREATE VIRTUAL TABLE product_fts USING fts5(
    name,
    kind,          -- the product type ("loveseat", "tv stand"), when the catalog gives one
    categories,
    attributes,    -- colour (with its family), material, size, brand
    description,
    tokenize = 'porter unicode61 remove_diacritics 2',
    -- Prefix indexes make "smartw*" as cheap as a whole word.
    prefix = '2 3 4'
);

-- The FTS5 rowid of each product. Product ids are text, and an FTS5 table can only be looked up
-- by its integer rowid: without this map every update would scan the whole index.
CREATE TABLE product_search_docs (
    doc_id     INTEGER PRIMARY KEY,
    product_id TEXT NOT NULL UNIQUE REFERENCES products (id) ON DELETE CASCADE
);
