-- Move one dead letter back onto the queue, as new.
-- KEYS: 1 dead-letter list, 2 the shard's queue list
-- ARGV: 1 the dead-letter entry, 2 the item to enqueue
if redis.call('LREM', KEYS[1], 1, ARGV[1]) == 0 then return 0 end
redis.call('LPUSH', KEYS[2], ARGV[2])
return 1
