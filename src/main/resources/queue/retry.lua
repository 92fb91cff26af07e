-- A failed item waits in the delayed set until its backoff is over; the shopper stays locked
-- ('retry') so that their later messages keep waiting behind it. The due time is Redis's clock,
-- like every time the queue compares: instances' clocks may disagree.
-- KEYS: 1 processing list, 2 locks hash, 3 shoppers held by this instance, 4 delayed set
-- ARGV: 1 item as taken, 2 shopper key, 3 lock value, 4 item with its attempt counted, 5 delay (ms)
-- Returns 1 scheduled, 0 not ours any more (the item was handed back or reaped meanwhile).
redis.call('LREM', KEYS[1], 1, ARGV[1])
if redis.call('HGET', KEYS[2], ARGV[2]) ~= ARGV[3] then return 0 end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZADD', KEYS[4], now + tonumber(ARGV[5]), ARGV[4])
redis.call('HSET', KEYS[2], ARGV[2], 'retry')
redis.call('SREM', KEYS[3], ARGV[2])
return 1
