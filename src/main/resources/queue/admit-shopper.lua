-- Cluster half one (the shopper's hash slot): de-duplicate and apply the shopper's hourly limit.
-- KEYS: 1 seen marker (hash-tagged to the rate key's slot), 2 rate_limit:<address>
-- ARGV: 1 per-shopper limit per hour, 2 now (epoch s), 3 seen TTL (s)
-- Returns 0 duplicate, 1 within the limit, 2 over it, 3 the first message over it.
if not redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[3]) then return 0 end
local now = tonumber(ARGV[2])
local reset = tonumber(redis.call('HGET', KEYS[2], 'reset_at') or '0')
local count
if reset <= now then
  redis.call('HSET', KEYS[2], 'count', 1, 'reset_at', now + 3600)
  redis.call('EXPIRE', KEYS[2], 3600)
  count = 1
else
  count = redis.call('HINCRBY', KEYS[2], 'count', 1)
end
local limit = tonumber(ARGV[1])
if count > limit then
  if count == limit + 1 then return 3 end
  return 2
end
return 1
