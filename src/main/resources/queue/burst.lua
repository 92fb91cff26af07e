-- Bursts: what take.lua and finish.lua share (MessageQueue puts this before them). A shopper's
-- messages that arrive within the window of each other are one turn. A message that starts one is
-- put aside in the gathering set until its window closes, its shopper locked ('gather') so that
-- what they write meanwhile parks behind it; then it is handed out with the parked messages that
-- continue it, in order.
--   gathering: zset, score the due time (Redis's clock), member '<start>|<item>', start being the
--              first message's receipt on Redis's clock.
-- Receipt times ('at') are the gateway's clock. A message's age is Redis's clock less its 'at',
-- held within [0, window]: an instance whose clock is off can neither hold a lone message for
-- longer than the window nor a burst for longer than its longest. Gaps between the messages of one
-- burst are differences of 'at' (the gateways' clocks against each other).

local function redis_now()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end

-- How many of the shopper's parked messages continue the burst that `lead` (decoded) starts: each
-- within the window of the one before, within the burst's longest of the first, at most `most` in
-- all; and the receipt ('at') of the last of them.
local function continuing(pending, k, lead, window, most, longest)
  local n, last = 0, lead['at']
  if lead['kind'] ~= 'message' or most < 2 then return 0, last end
  for _, m in ipairs(redis.call('LRANGE', pending .. k, 0, most - 2)) do
    local d = cjson.decode(m)
    if d['kind'] ~= 'message' or d['at'] - last > window or d['at'] - lead['at'] > longest then break end
    n = n + 1
    last = d['at']
  end
  return n, last
end

-- Whether `item` (decoded) is a message still inside its window: then it is put aside in the
-- gathering set, its shopper locked until it is due.
local function gather_later(gathering, locks, k, msg, item, now, window)
  if item['kind'] ~= 'message' then return false end
  local age = math.min(math.max(now - item['at'], 0), window)
  if age >= window then return false end
  local start = now - age
  redis.call('HSET', locks, k, 'gather')
  redis.call('ZADD', gathering, start + window, string.format('%d', start) .. '|' .. msg)
  return true
end

-- `pending` is the shard's prefix of parked messages ('<prefix>pending:', followed by the shopper).

-- Moves `msg` and the next n parked messages of its shopper onto the processing list, in order;
-- answers them as {msg, lock, the parked ones...}.
local function hand_out(processing, pending, k, msg, n, lock)
  redis.call('LPUSH', processing, msg)
  local out = {msg, lock}
  for _ = 1, n do
    local f = redis.call('LPOP', pending .. k)
    redis.call('LPUSH', processing, f)
    out[#out + 1] = f
  end
  return out
end

