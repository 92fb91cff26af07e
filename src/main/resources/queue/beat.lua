-- An instance says it is alive, by Redis's clock (instances' clocks may disagree).
-- KEYS: 1 instances (zset of last heartbeat, epoch ms)
-- ARGV: 1 instance id
local t = redis.call('TIME')
redis.call('ZADD', KEYS[1], tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000), ARGV[1])
return 1
