-- How long until the first burst gathering is due (ms; 0 when due now), or -1 when none gathers:
-- how long an idle taker may wait for the queue before it looks again.
-- KEYS: 1 gathering set
local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #first == 0 then return -1 end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
return math.max(0, math.ceil(tonumber(first[2]) - now))
