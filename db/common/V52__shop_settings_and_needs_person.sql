-- Shop questions (issue 14, item 5). The shop's own answers about itself, editable by an admin at
-- /api/admin/settings/shop; a topic with no row here falls back to shopkeeper.shop.* in the
-- configuration, and with neither it is never answered by guessing.
CREATE TABLE shop_settings (
    topic      TEXT PRIMARY KEY CHECK (topic IN ('delivery', 'returns', 'hours', 'contact', 'payment_methods')),
    answer     TEXT NOT NULL CHECK (length(answer) BETWEEN 1 AND 1000),
    updated_at TIMESTAMP(3) NOT NULL,
    updated_by TEXT NOT NULL                          -- the admin token's name
);

-- A conversation that waits for a person from the shop (a question the bot could not answer):
-- why, and since when; both NULL when nothing waits. Set in the turn's transaction, cleared by an
-- admin (DELETE /api/admin/conversations/{id}/needs-person).
ALTER TABLE conversations ADD COLUMN needs_person TEXT;
ALTER TABLE conversations ADD COLUMN needs_person_since TIMESTAMP(3);
CREATE INDEX conversations_needs_person ON conversations (needs_person_since);
