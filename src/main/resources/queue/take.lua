-- Take the oldest message into this instance's processing list, unless its shopper is busy (a
-- message of theirs is being processed, waits for a retry or gathers a burst): then park it behind
-- the shopper's earlier ones, so that one shopper's messages run in order and never two at once. The
-- instance joins the holders: whatever happens to it later, the reaper can find what it holds.
-- With bursts on (window > 0, see burst.lua): a burst whose window closed is handed out first, with
-- the parked messages that continue it (or put aside again, up to the burst's longest, while its
-- shopper keeps writing); a message younger than the window is put aside to gather one; an older
-- one (the queue was behind, a retry, a hand-back) is handed out at once, with those that continue it.
-- KEYS: 1 the shard's queue list, 2 processing list of this instance, 3 locks hash, 4 shoppers held by this instance,
--       5 fence counter, 6 holders set, 7 gathering set, 8 the shard's prefix of parked messages (never read as a key:
--       named so that a cluster routes the script by its slot like the others)
-- ARGV: 1 instance id, 2 burst window (ms, 0: no bursts), 3 most messages in a burst, 4 a burst's longest (ms)
-- Returns false (empty), {'deferred'}, or {item, lock, item...}: the items (one, or a burst in order)
-- and the fencing value to finish them with.
local window, most, longest = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])

local function lock_for(k)
  local lock = ARGV[1] .. '|' .. redis.call('INCR', KEYS[5])
  redis.call('HSET', KEYS[3], k, lock)
  redis.call('SADD', KEYS[4], k)
  redis.call('SADD', KEYS[6], ARGV[1])
  return lock
end

local now = 0
if window > 0 then
  now = redis_now()
  for _ = 1, 10 do
    local due = redis.call('ZRANGEBYSCORE', KEYS[7], '-inf', now, 'LIMIT', 0, 1)
    if #due == 0 then break end
    local entry = due[1]
    redis.call('ZREM', KEYS[7], entry)
    local bar = string.find(entry, '|', 1, true)
    local start, msg = tonumber(string.sub(entry, 1, bar - 1)), string.sub(entry, bar + 1)
    local lead = cjson.decode(msg)
    local n, last = continuing(KEYS[8], lead['k'], lead, window, most, longest)
    local closes = math.min(start + (last - lead['at']) + window, start + longest)
    if n + 1 < most and closes > now then
      redis.call('ZADD', KEYS[7], closes, entry) -- still writing: the window runs from their latest
    else
      return hand_out(KEYS[2], KEYS[8], lead['k'], msg, n, lock_for(lead['k']))
    end
  end
end

local msg = redis.call('RPOP', KEYS[1])
if not msg then return false end
local item = cjson.decode(msg)
local k = item['k']
if redis.call('HEXISTS', KEYS[3], k) == 1 then
  redis.call('RPUSH', KEYS[8] .. k, msg)
  return {'deferred'}
end
if window > 0 then
  if gather_later(KEYS[7], KEYS[3], k, msg, item, now, window) then return {'deferred'} end
  return hand_out(KEYS[2], KEYS[8], k, msg, (continuing(KEYS[8], k, item, window, most, longest)), lock_for(k))
end
local lock = lock_for(k)
redis.call('LPUSH', KEYS[2], msg)
return {msg, lock}
