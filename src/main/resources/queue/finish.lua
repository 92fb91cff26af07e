-- Acknowledge processed (or dead-lettered) items, one or a burst; hand over the shopper's next
-- parked message under the same lock, or release the lock. A lock that is no longer ours (we were
-- presumed dead and reaped) is left alone: the fencing check.
-- With bursts on (window > 0, see burst.lua), the next parked message is handed over with the parked
-- messages that continue it, or, when it is younger than the window, put aside to gather a burst
-- (the shopper stays locked, 'gather', and this instance holds nothing of theirs any more).
-- KEYS: 1 processing list, 2 locks hash, 3 shoppers held by this instance, 4 dead-letter list, 5 gathering set,
--       6 the shard's prefix of parked messages
-- ARGV: 1 shopper key, 2 lock value, 3 burst window (ms, 0: no bursts), 4 most messages in a burst,
--       5 a burst's longest (ms), 6 n, then n items as taken, then n dead-letter entries ('' for none)
-- Returns {item, item...}: the next items to process, in order; or false.
local window, most, longest, n = tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6])
for i = 1, n do
  redis.call('LREM', KEYS[1], 1, ARGV[6 + i])
  if ARGV[6 + n + i] ~= '' then redis.call('LPUSH', KEYS[4], ARGV[6 + n + i]) end
end
local k = ARGV[1]
if redis.call('HGET', KEYS[2], k) ~= ARGV[2] then return false end
local nxt = redis.call('LPOP', KEYS[6] .. k)
if nxt then
  if window == 0 then
    redis.call('LPUSH', KEYS[1], nxt)
    return {nxt}
  end
  local item = cjson.decode(nxt)
  if gather_later(KEYS[5], KEYS[2], k, nxt, item, redis_now(), window) then
    redis.call('SREM', KEYS[3], k)
    return false
  end
  local out = hand_out(KEYS[1], KEYS[6], k, nxt, (continuing(KEYS[6], k, item, window, most, longest)), ARGV[2])
  table.remove(out, 2)
  return out
end
redis.call('HDEL', KEYS[2], k)
redis.call('SREM', KEYS[3], k)
return false
