-- Catalog imports in chunks (issue 13, item 3). A 50k-row import in one transaction held SQLite's
-- write lock for about a minute, longer than the busy timeout, so every turn in that window failed.
-- Now an import is staged here in short transactions, then marked PUBLISHING (its commit point:
-- from there on it is finished, by a restarted or another instance if need be) and applied to the
-- products in short transactions, each of which deletes the staged rows it applied. Before the
-- commit point nothing reaches the products; an abandoned staging is deleted. Portable SQL.
CREATE TABLE product_imports (
    id              TEXT PRIMARY KEY,
    state           TEXT NOT NULL CHECK (state IN ('STAGING', 'PUBLISHING', 'DONE')),
    rows_total      INTEGER NOT NULL CHECK (rows_total >= 0),
    created         INTEGER NOT NULL DEFAULT 0,
    updated         INTEGER NOT NULL DEFAULT 0,
    -- 1 while PUBLISHING, else NULL: unique, so one import publishes at a time, on every engine.
    publishing_slot INTEGER UNIQUE CHECK (publishing_slot = 1),
    lease_owner     TEXT NOT NULL,                   -- the instance working on it
    lease_until     TIMESTAMP(3) NOT NULL,           -- past this, another instance takes it over
    created_at      TIMESTAMP(3) NOT NULL,
    finished_at     TIMESTAMP(3)
);
CREATE INDEX product_imports_state ON product_imports (state, lease_until);

CREATE TABLE product_import_rows (
    import_id TEXT NOT NULL REFERENCES product_imports (id) ON DELETE CASCADE,
    position  INTEGER NOT NULL CHECK (position >= 0),
    draft     TEXT NOT NULL,                         -- JSON: one validated product draft
    PRIMARY KEY (import_id, position)
);
