-- Items whose backoff is over (by Redis's clock) go back to the taking end of the queue, ahead of
-- everything, and their shopper's lock is released so the next take claims it.
-- KEYS: 1 delayed set, 2 the shard's queue list, 3 locks hash
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, 100)
for _, m in ipairs(due) do
  redis.call('ZREM', KEYS[1], m)
  local k = cjson.decode(m)['k']
  if redis.call('HGET', KEYS[3], k) == 'retry' then redis.call('HDEL', KEYS[3], k) end
  redis.call('RPUSH', KEYS[2], m)
end
return #due
