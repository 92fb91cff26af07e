-- Cluster half two (the queue's hash slot): back-pressure and the global per-second limit, then enqueue.
-- KEYS: 1 global counter of this second, 2 the shard's queue list
-- ARGV: 1 item JSON, 2 global limit per second, 3 most items that list may hold
-- Returns 1 enqueued, 4 over the global limit, 5 the queue is full (the caller then forgets the id).
if redis.call('LLEN', KEYS[2]) >= tonumber(ARGV[3]) then return 5 end
if tonumber(redis.call('GET', KEYS[1]) or '0') >= tonumber(ARGV[2]) then return 4 end
if redis.call('INCR', KEYS[1]) == 1 then redis.call('EXPIRE', KEYS[1], 2) end
redis.call('LPUSH', KEYS[2], ARGV[1])
return 1
