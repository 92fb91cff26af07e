-- When the polling fallback last asked the provider about a payment. The poller takes the pending
-- payments least recently checked first (never checked before all), so that every pending payment
-- is asked about in turn: ordered by creation, the oldest batch (say, a hundred sessions a shopper
-- left open) was asked about forever and a newer one whose webhook was lost never. Portable SQL.
ALTER TABLE payments ADD COLUMN checked_at TIMESTAMP(3);
CREATE INDEX payments_poll ON payments (status, provider, checked_at);
