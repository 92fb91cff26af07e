-- Instances that stopped heart-beating are presumed dead: what they held in flight goes back to
-- the taking end of the queue (oldest first), marked as delivered before ("rd": the worker then
-- checks whether it was processed), and their shopper locks are released. The mark is spliced in
-- as text: a quote inside a JSON string is escaped, so '"rd":true' can only be the mark itself.
-- The reaper beats its own heart first and never reaps itself: a reaper that was itself held up
-- (a long pause, a slow call) must not take for dead the instance it runs in.
-- KEYS: 1 instances (zset of last heartbeat, epoch ms), 2 message_queue, 3 locks hash
-- ARGV: 1 now (epoch ms), 2 stale after (ms), 3 the reaping instance
redis.call('ZADD', KEYS[1], ARGV[1], ARGV[3])
local dead = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', tonumber(ARGV[1]) - tonumber(ARGV[2]))
local moved = 0
for _, inst in ipairs(dead) do
  if inst ~= ARGV[3] then
    local proc = '{message_queue}:processing:' .. inst
    local msg = redis.call('LPOP', proc)
    while msg do
      if not string.find(msg, '"rd":true', 1, true) then msg = '{"rd":true,' .. string.sub(msg, 2) end
      redis.call('RPUSH', KEYS[2], msg)
      moved = moved + 1
      msg = redis.call('LPOP', proc)
    end
    local held = '{message_queue}:held:' .. inst
    for _, k in ipairs(redis.call('SMEMBERS', held)) do
      local v = redis.call('HGET', KEYS[3], k)
      if v and string.sub(v, 1, #inst + 1) == inst .. '|' then redis.call('HDEL', KEYS[3], k) end
    end
    redis.call('DEL', held)
    redis.call('ZREM', KEYS[1], inst)
  end
end
return moved
