-- Acknowledge a processed (or dead-lettered) item; hand over the shopper's next parked message
-- under the same lock, or release the lock. A lock that is no longer ours (we were presumed dead
-- and reaped) is left alone: the fencing check.
-- KEYS: 1 processing list, 2 locks hash, 3 shoppers held by this instance, 4 dead-letter list
-- ARGV: 1 item as taken, 2 shopper key, 3 lock value, 4 dead-letter entry ('' for none)
-- Returns the next item to process, or false.
redis.call('LREM', KEYS[1], 1, ARGV[1])
if ARGV[4] ~= '' then redis.call('LPUSH', KEYS[4], ARGV[4]) end
if redis.call('HGET', KEYS[2], ARGV[2]) ~= ARGV[3] then return false end
local nxt = redis.call('LPOP', '{message_queue}:pending:' .. ARGV[2])
if nxt then
  redis.call('LPUSH', KEYS[1], nxt)
  return nxt
end
redis.call('HDEL', KEYS[2], ARGV[2])
redis.call('SREM', KEYS[3], ARGV[2])
return false
