-- Shopkeeper core schema. One file for SQLite and PostgreSQL alike: only the SQL both accept.
--
-- Conventions
--   * ids are TEXT (time-ordered UUIDv7 strings made by the application);
--   * money is an exact integer count of the currency's minor unit (cents for USD, yen for JPY)
--     beside a three-letter ISO 4217 code: SQLite has no exact decimal type (NUMERIC there
--     means REAL), and an integer is exact and comparable on both engines;
--   * timestamps are TIMESTAMP columns holding UTC wall-clock time, always written by the
--     application from its Clock (no engine-local defaults);
--   * columns marked [enc] hold Tink ciphertext (base64); [det] is deterministic AEAD so
--     that the column can still be looked up by equality.

CREATE TABLE users (
    id                     TEXT PRIMARY KEY,
    phone_number           TEXT NOT NULL UNIQUE,        -- [det] the shopper's platform address
    name                   TEXT,                        -- [enc]
    opted_out              BOOLEAN NOT NULL DEFAULT FALSE,
    created_at             TIMESTAMP(3) NOT NULL,
    last_interaction       TIMESTAMP(3) NOT NULL,
    -- Not a foreign key: users and conversations point at each other, and SQLite cannot
    -- add a constraint after the fact. The application keeps it consistent.
    active_conversation_id TEXT
);

CREATE TABLE products (
    id          TEXT PRIMARY KEY,
    sku         TEXT UNIQUE,
    name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
    description TEXT NOT NULL DEFAULT '',
    price_minor BIGINT NOT NULL CHECK (price_minor >= 0),
    currency    TEXT NOT NULL CHECK (length(currency) = 3),
    image_url   TEXT,
    in_stock    BOOLEAN NOT NULL DEFAULT TRUE,
    attributes  TEXT NOT NULL DEFAULT '{}',             -- JSON object: color, material, size, brand...
    created_at  TIMESTAMP(3) NOT NULL,
    updated_at  TIMESTAMP(3) NOT NULL,
    -- Soft delete: order lines keep pointing at the product they sold.
    deleted_at  TIMESTAMP(3)
);
CREATE INDEX products_listing ON products (deleted_at, in_stock, created_at);
CREATE INDEX products_price ON products (price_minor);

CREATE TABLE product_categories (
    product_id TEXT NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    category   TEXT NOT NULL CHECK (length(category) BETWEEN 1 AND 100),
    position   INTEGER NOT NULL CHECK (position >= 0),  -- department, section, leaf...
    PRIMARY KEY (product_id, category)
);
CREATE INDEX product_categories_category ON product_categories (category, product_id);

CREATE TABLE conversations (
    id                TEXT PRIMARY KEY,
    user_id           TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    platform          TEXT NOT NULL,
    state             TEXT NOT NULL DEFAULT 'BROWSING'
                      CHECK (state IN ('BROWSING', 'PRODUCT_FOCUS', 'CART', 'CHECKOUT', 'AWAITING_PAYMENT')),
    context           TEXT NOT NULL DEFAULT '{}',       -- JSON: last shown results, slots
    active_product_id TEXT REFERENCES products (id) ON DELETE SET NULL,
    version           BIGINT NOT NULL DEFAULT 0,        -- optimistic locking
    created_at        TIMESTAMP(3) NOT NULL,
    updated_at        TIMESTAMP(3) NOT NULL
);
CREATE INDEX conversations_user ON conversations (user_id, updated_at);
CREATE INDEX conversations_state ON conversations (state, updated_at);
CREATE INDEX conversations_updated ON conversations (updated_at);

CREATE TABLE messages (
    id                  TEXT PRIMARY KEY,
    conversation_id     TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    role                TEXT NOT NULL CHECK (role IN ('user', 'assistant')),
    content             TEXT NOT NULL,                  -- [enc]
    platform_message_id TEXT UNIQUE,                    -- the platform's id (Twilio MessageSid): processed once, ever
    timestamp           TIMESTAMP(3) NOT NULL
);
CREATE INDEX messages_conversation ON messages (conversation_id, timestamp);

CREATE TABLE cart_items (
    id              TEXT PRIMARY KEY,
    conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    product_id      TEXT NOT NULL REFERENCES products (id),
    quantity        INTEGER NOT NULL CHECK (quantity > 0),
    added_at        TIMESTAMP(3) NOT NULL,
    UNIQUE (conversation_id, product_id)
);

CREATE TABLE orders (
    id              TEXT PRIMARY KEY,
    user_id         TEXT NOT NULL REFERENCES users (id),
    conversation_id TEXT REFERENCES conversations (id) ON DELETE SET NULL,
    total_minor     BIGINT NOT NULL CHECK (total_minor >= 0),
    currency        TEXT NOT NULL CHECK (length(currency) = 3),
    status          TEXT NOT NULL
                    CHECK (status IN ('PENDING_PAYMENT', 'PAID', 'FULFILLED', 'SHIPPED', 'DELIVERED',
                                      'CANCELLED', 'PAYMENT_FAILED', 'EXPIRED')),
    created_at      TIMESTAMP(3) NOT NULL,
    updated_at      TIMESTAMP(3) NOT NULL
);
CREATE INDEX orders_user ON orders (user_id, created_at);
CREATE INDEX orders_status ON orders (status, created_at);
CREATE INDEX orders_created ON orders (created_at);
-- Never two live orders for one cart: a new one supersedes (cancels) the pending one first.
CREATE UNIQUE INDEX orders_one_pending_per_conversation ON orders (conversation_id)
    WHERE status = 'PENDING_PAYMENT';

CREATE TABLE order_items (
    id               TEXT PRIMARY KEY,
    order_id         TEXT NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    product_id       TEXT NOT NULL REFERENCES products (id),
    product_name     TEXT NOT NULL,                     -- what the shopper bought, as it was named then
    quantity         INTEGER NOT NULL CHECK (quantity > 0),
    unit_price_minor BIGINT NOT NULL CHECK (unit_price_minor >= 0),
    UNIQUE (order_id, product_id)
);

CREATE TABLE payments (
    id           TEXT PRIMARY KEY,
    order_id     TEXT NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    provider     TEXT NOT NULL,
    payment_id   TEXT,                                  -- [det] the provider's id, looked up by webhooks
    payment_link TEXT,                                  -- [enc]
    status       TEXT NOT NULL CHECK (status IN ('PENDING', 'PAID', 'FAILED', 'EXPIRED', 'CANCELLED')),
    expires_at   TIMESTAMP(3),
    created_at   TIMESTAMP(3) NOT NULL,
    updated_at   TIMESTAMP(3) NOT NULL,
    UNIQUE (provider, payment_id)
);
CREATE INDEX payments_order ON payments (order_id);
CREATE INDEX payments_pending ON payments (status, created_at);

-- Provider events already applied (webhooks are delivered at least once).
CREATE TABLE payment_events (
    provider   TEXT NOT NULL,
    event_id   TEXT NOT NULL,
    event_type TEXT NOT NULL,
    order_id   TEXT,
    received_at TIMESTAMP(3) NOT NULL,
    PRIMARY KEY (provider, event_id)
);

-- Every step of every conversation's state machine, applied or refused, in order.
CREATE TABLE conversation_transitions (
    id              TEXT PRIMARY KEY,
    conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    seq             INTEGER NOT NULL CHECK (seq > 0),
    from_state      TEXT NOT NULL,
    event           TEXT NOT NULL,
    to_state        TEXT NOT NULL,
    outcome         TEXT NOT NULL DEFAULT 'APPLIED' CHECK (outcome IN ('APPLIED', 'REFUSED')),
    reason          TEXT,                               -- why a refused call was refused
    message_id      TEXT,                               -- the shopper message that caused it
    at              TIMESTAMP(3) NOT NULL,
    UNIQUE (conversation_id, seq)
);
CREATE INDEX conversation_transitions_at ON conversation_transitions (at);
CREATE INDEX conversation_transitions_event ON conversation_transitions (event, at);

CREATE TABLE admin_tokens (
    id           TEXT PRIMARY KEY,
    name         TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    token_hash   TEXT NOT NULL UNIQUE,                  -- SHA-256 of the token; the token itself is shown once
    role         TEXT NOT NULL CHECK (role IN ('ADMIN', 'VIEWER')),
    created_at   TIMESTAMP(3) NOT NULL,
    revoked_at   TIMESTAMP(3)
);
