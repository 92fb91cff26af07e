-- The gateway's one round trip (standalone Redis): back-pressure, the global limit, de-duplicate,
-- the shopper's limit, enqueue. What is refused for being busy (full queue, global limit) is refused
-- before its id is remembered, so that the platform's retry of it gets through later.
-- KEYS: 1 seen marker, 2 rate_limit:<shopper pseudonym>, 3 global counter of this second, 4 the shard's queue list (message_queue with one shard)
-- ARGV: 1 item JSON, 2 per-shopper limit per hour, 3 global limit per second, 4 now (epoch s), 5 seen TTL (s),
--       6 most items that list may hold
-- Returns 0 duplicate, 1 enqueued, 2 over the shopper's limit, 3 the first message over it,
--         4 over the global limit, 5 the queue is full.
if redis.call('LLEN', KEYS[4]) >= tonumber(ARGV[6]) then return 5 end
if tonumber(redis.call('GET', KEYS[3]) or '0') >= tonumber(ARGV[3]) then return 4 end
if not redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[5]) then return 0 end
local now = tonumber(ARGV[4])
local reset = tonumber(redis.call('HGET', KEYS[2], 'reset_at') or '0')
local count
if reset <= now then
  redis.call('HSET', KEYS[2], 'count', 1, 'reset_at', now + 3600)
  redis.call('EXPIRE', KEYS[2], 3600)
  count = 1
else
  count = redis.call('HINCRBY', KEYS[2], 'count', 1)
end
local limit = tonumber(ARGV[2])
if count > limit then
  if count == limit + 1 then return 3 end
  return 2
end
if redis.call('INCR', KEYS[3]) == 1 then redis.call('EXPIRE', KEYS[3], 2) end
redis.call('LPUSH', KEYS[4], ARGV[1])
return 1
