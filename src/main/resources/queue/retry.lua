-- A failed item waits in the delayed set until its backoff is over; the shopper stays locked
-- ('retry') so that their later messages keep waiting behind it.
-- KEYS: 1 processing list, 2 locks hash, 3 shoppers held by this instance, 4 delayed set
-- ARGV: 1 item as taken, 2 shopper key, 3 lock value, 4 item with its attempt counted, 5 due (epoch ms)
redis.call('LREM', KEYS[1], 1, ARGV[1])
if redis.call('HGET', KEYS[2], ARGV[2]) ~= ARGV[3] then return 0 end
redis.call('ZADD', KEYS[4], ARGV[5], ARGV[4])
redis.call('HSET', KEYS[2], ARGV[2], 'retry')
redis.call('SREM', KEYS[3], ARGV[2])
return 1
