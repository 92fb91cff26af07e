-- Cluster half two (the queue's hash slot): the global per-second limit, then enqueue.
-- KEYS: 1 global counter of this second, 2 message_queue
-- ARGV: 1 item JSON, 2 global limit per second
-- Returns 1 enqueued, 4 over the global limit.
local g = redis.call('INCR', KEYS[1])
if g == 1 then redis.call('EXPIRE', KEYS[1], 2) end
if g > tonumber(ARGV[2]) then return 4 end
redis.call('LPUSH', KEYS[2], ARGV[1])
return 1
