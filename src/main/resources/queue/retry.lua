-- A failed item waits in the delayed set until its backoff is over; the shopper stays locked
-- ('retry') so that their later messages keep waiting behind it. The due time is Redis's clock,
-- like every time the queue compares: instances' clocks may disagree. A failed burst: its first
-- item waits, the others go back in front of the shopper's parked messages, in order, and are
-- taken with it again when it is due (take.lua hands out an old message with those that continue it).
-- KEYS: 1 processing list, 2 locks hash, 3 shoppers held by this instance, 4 delayed set,
--       5 the shard's prefix of parked messages
-- ARGV: 1 shopper key, 2 lock value, 3 the first item with its attempt counted, 4 delay (ms), 5 n,
--       then n items as taken (the first, then the rest of the burst)
-- Returns 1 scheduled, 0 not ours any more (the items were handed back or reaped meanwhile).
local n = tonumber(ARGV[5])
for i = 1, n do redis.call('LREM', KEYS[1], 1, ARGV[5 + i]) end
if redis.call('HGET', KEYS[2], ARGV[1]) ~= ARGV[2] then return 0 end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZADD', KEYS[4], now + tonumber(ARGV[4]), ARGV[3])
for i = n, 2, -1 do redis.call('LPUSH', KEYS[5] .. ARGV[1], ARGV[5 + i]) end
redis.call('HSET', KEYS[2], ARGV[1], 'retry')
redis.call('SREM', KEYS[3], ARGV[1])
return 1
