-- The chat simulator's limits beside a real platform, in one atomic step: a fixed window per client
-- and one for all clients. Time is Redis's own (TIME), so that every instance counts the same windows.
-- KEYS: 1 the client's counter, 2 the global counter (HASHes count, reset_at; one hash tag, one slot)
-- ARGV: 1 the client's limit, 2 the global limit, 3 the window (s)
-- Returns {0, 0} taken; {1, s} over the client's limit, {2, s} over the global one, s = seconds
-- until that window ends. A refused request is not counted.
local now = tonumber(redis.call('TIME')[1])
local window = tonumber(ARGV[3])

local function read(key)
  local reset = tonumber(redis.call('HGET', key, 'reset_at') or '0')
  if reset <= now then return 0, now + window end
  return tonumber(redis.call('HGET', key, 'count') or '0'), reset
end

local function count(key, n, reset)
  if n == 0 then
    redis.call('HSET', key, 'count', 1, 'reset_at', reset)
    redis.call('EXPIREAT', key, reset + 1)
  else
    redis.call('HINCRBY', key, 'count', 1)
  end
end

local client, clientReset = read(KEYS[1])
if client >= tonumber(ARGV[1]) then return {1, clientReset - now} end
local all, allReset = read(KEYS[2])
if all >= tonumber(ARGV[2]) then return {2, allReset - now} end
count(KEYS[1], client, clientReset)
count(KEYS[2], all, allReset)
return {0, 0}
