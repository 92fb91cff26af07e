-- Take the oldest message into this instance's processing list, unless its shopper is busy (a
-- message of theirs is being processed or waits for a retry): then park it behind the shopper's
-- earlier ones, so that one shopper's messages run in order and never two at once. The instance
-- joins the holders: whatever happens to it later, the reaper can find what it holds.
-- KEYS: 1 message_queue, 2 processing list of this instance, 3 locks hash, 4 shoppers held by this instance,
--       5 fence counter, 6 holders set
-- ARGV: 1 instance id
-- Returns false (empty), {'deferred'}, or {item, lock} where lock is the fencing value to finish with.
local msg = redis.call('RPOP', KEYS[1])
if not msg then return false end
local k = cjson.decode(msg)['k']
if redis.call('HEXISTS', KEYS[3], k) == 1 then
  redis.call('RPUSH', '{message_queue}:pending:' .. k, msg)
  return {'deferred'}
end
local lock = ARGV[1] .. '|' .. redis.call('INCR', KEYS[5])
redis.call('HSET', KEYS[3], k, lock)
redis.call('SADD', KEYS[4], k)
redis.call('SADD', KEYS[6], ARGV[1])
redis.call('LPUSH', KEYS[2], msg)
return {msg, lock}
