-- Forgets the oldest entries of a list (newest first: LPUSH) once they are older than the retention:
-- dead letters and dropped messages carry personal data and are not kept for ever.
-- KEYS: 1 the list
-- ARGV: 1 the field holding each entry's time (epoch ms), 2 cut-off (epoch ms), 3 most entries to look at
local removed = 0
for _ = 1, tonumber(ARGV[3]) do
  local last = redis.call('LINDEX', KEYS[1], -1)
  if not last then break end
  local ok, entry = pcall(cjson.decode, last)
  local at = ok and tonumber(entry[ARGV[1]]) or 0
  if at >= tonumber(ARGV[2]) then break end
  redis.call('RPOP', KEYS[1])
  removed = removed + 1
end
return removed
