-- Reminders (issue 16, part 4). Portable SQL.
--
-- One row per reminder decided: an unpaid order's (order_id: at most one per order) or an abandoned
-- cart's (cart_since: when that cart began, the later of its oldest line and the conversation's last
-- order: at most one per cart). The row is the claim: it is inserted in the transaction that also
-- writes the notice down (outbound_messages), and the unique indexes let one insert win, so with
-- several workers a reminder is decided once; a worker that dies after the commit leaves the written
-- notice to the notice retrier, never to a second reminder.
--   outcome  sent (handed to the outbox: outbound_message_id is its notice, with its delivery status)
--            or skipped, with the reason (opted_out, outside_window: reminders go only free-form,
--            inside the 24-hour window); a skipped reminder is not tried again.
CREATE TABLE reminders (
    id                  TEXT PRIMARY KEY,
    kind                TEXT NOT NULL CHECK (kind IN ('unpaid_order', 'abandoned_cart')),
    conversation_id     TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    order_id            TEXT REFERENCES orders (id) ON DELETE CASCADE,
    cart_since          TIMESTAMP(3),
    outcome             TEXT NOT NULL CHECK (outcome IN ('sent', 'skipped')),
    reason              TEXT CHECK (reason IN ('opted_out', 'outside_window')),
    outbound_message_id TEXT REFERENCES outbound_messages (id) ON DELETE SET NULL,
    decided_at          TIMESTAMP(3) NOT NULL,
    CHECK ((kind = 'unpaid_order' AND order_id IS NOT NULL AND cart_since IS NULL)
        OR (kind = 'abandoned_cart' AND order_id IS NULL AND cart_since IS NOT NULL)),
    CHECK ((outcome = 'sent' AND reason IS NULL) OR (outcome = 'skipped' AND reason IS NOT NULL))
);
-- NULLs are distinct in a unique index on both engines: each index binds only its own kind.
CREATE UNIQUE INDEX reminders_order ON reminders (order_id);
CREATE UNIQUE INDEX reminders_cart ON reminders (conversation_id, cart_since);
CREATE INDEX reminders_decided ON reminders (decided_at);

-- What the reminder poller looks for: links about to expire, and a cart's conversation's orders.
CREATE INDEX payments_expiring ON payments (status, expires_at);
CREATE INDEX orders_conversation ON orders (conversation_id, created_at);

-- The shop's reminder settings, editable by an admin at /api/admin/settings/reminders; a setting
-- with no row here is the configuration's (shopkeeper.reminders.abandoned-cart.*).
CREATE TABLE reminder_settings (
    name       TEXT PRIMARY KEY CHECK (name IN ('abandoned-cart-reminders', 'abandoned-after')),
    value      TEXT NOT NULL CHECK (length(value) BETWEEN 1 AND 100),
    updated_at TIMESTAMP(3) NOT NULL,
    updated_by TEXT NOT NULL                          -- the admin token's name
);
