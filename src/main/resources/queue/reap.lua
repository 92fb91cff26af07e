-- Instances that stopped heart-beating are presumed dead: what they held in flight goes back to
-- the taking end of the queue (oldest first) and their shopper locks are released.
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
    while redis.call('LMOVE', proc, KEYS[2], 'LEFT', 'RIGHT') do
      moved = moved + 1
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
