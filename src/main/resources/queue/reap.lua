-- Hands back what an instance holds: the items in its processing list go back to the taking end
-- of the queue (oldest first) and the shopper locks it holds are released, in one step, so that
-- no shopper is left locked behind an instance that will never finish.
--   mode 'leave': the instance ARGV[2] is stopping and hands back everything it still holds (a turn
--                 running past the stop's wait is taken up again elsewhere; the turn ledger keeps
--                 it from being applied twice).
--   mode 'reap':  ARGV[2] beats its own heart first, then hands back for every other instance that
--                 stopped heart-beating (by Redis's clock) or that holds something without being
--                 registered at all (it left, or was reaped, while a worker of it still took or
--                 finished an item). The reaper never reaps itself: a reaper that was held up (a long
--                 pause) must not take for dead the instance it runs in.
--                 A heartbeat is evidence only while reapers are watching: the watch key lives as
--                 long as an instance may stay silent and every reap renews it. When it is gone, no
--                 reaper ran for that long (Redis restarted or was unreachable, or every instance
--                 stalled), so every heartbeat is as old as the gap and says nothing about who is
--                 alive; instances reconnect one by one, and the first back must not hand back the
--                 turns of the others. Then every registered instance gets a fresh allowance instead.
-- Each shard of the queue (see Shard.java) is reaped on its own, with its own registry of instances
-- and its own watch: a shard's node may restart while the others stay up.
-- KEYS: 1 instances (zset of last heartbeat, epoch ms), 2 the shard's queue list, 3 locks hash, 4 holders set,
--       5 the reapers' watch (read in mode 'reap' only), 6 the shard's key prefix ('{<tag>}:', never read as a key)
-- ARGV: 1 mode, 2 instance, 3 stale after (ms)
-- Returns how many items went back to the queue.
--   A burst in hand (several items of one shopper) goes back as it came: its first item to the queue,
--   the others in front of the shopper's parked messages, in order, so that neither what the shopper
--   wrote after the burst nor the burst's own later messages overtake it (take.lua hands the first
--   out again with those that continue it).
local function hand_back(inst)
  local moved = 0
  local proc = KEYS[6] .. 'processing:' .. inst
  local items = redis.call('LRANGE', proc, 0, -1) -- newest first
  local oldest = {}
  for i = #items, 1, -1 do
    local k = cjson.decode(items[i])['k']
    if not oldest[k] then oldest[k] = i end
  end
  for i = 1, #items do
    local k = cjson.decode(items[i])['k']
    if oldest[k] == i then
      redis.call('RPUSH', KEYS[2], items[i])
    else
      redis.call('LPUSH', KEYS[6] .. 'pending:' .. k, items[i])
    end
    moved = moved + 1
  end
  redis.call('DEL', proc)
  local held = KEYS[6] .. 'held:' .. inst
  for _, k in ipairs(redis.call('SMEMBERS', held)) do
    local v = redis.call('HGET', KEYS[3], k)
    if v and string.sub(v, 1, #inst + 1) == inst .. '|' then redis.call('HDEL', KEYS[3], k) end
  end
  redis.call('DEL', held)
  redis.call('ZREM', KEYS[1], inst)
  redis.call('SREM', KEYS[4], inst)
  return moved
end

if ARGV[1] == 'leave' then return hand_back(ARGV[2]) end

local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local stale = tonumber(ARGV[3])
local watched = redis.call('EXISTS', KEYS[5]) == 1
redis.call('SET', KEYS[5], now, 'PX', stale)
redis.call('ZADD', KEYS[1], now, ARGV[2])
local moved = 0
if watched then
  for _, inst in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now - stale)) do
    if inst ~= ARGV[2] then moved = moved + hand_back(inst) end
  end
else
  for _, inst in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do redis.call('ZADD', KEYS[1], now, inst) end
end
for _, inst in ipairs(redis.call('SMEMBERS', KEYS[4])) do
  if inst ~= ARGV[2] and not redis.call('ZSCORE', KEYS[1], inst) then moved = moved + hand_back(inst) end
end
return moved
