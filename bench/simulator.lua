-- wrk script: chat-simulator messages (platform "web") from BENCH_SESSIONS shoppers, each with a
-- fresh id; paced by BENCH_DELAY_MS per connection. For the queue round trip benchmark.
-- Shoppers join at a steady pace, one more every BENCH_JOIN_EVERY messages (default 40) until all
-- BENCH_SESSIONS are chatting, as new shoppers arrive in real traffic; BENCH_JOIN_EVERY=0 has them
-- all write at once from the first message (a burst of first contacts).
local delay_ms = tonumber(os.getenv("BENCH_DELAY_MS") or "0")
local sessions = tonumber(os.getenv("BENCH_SESSIONS") or "100")
local join_every = tonumber(os.getenv("BENCH_JOIN_EVERY") or "40")
local counter = 0

function setup(thread)
  thread:set("tid", counter)
  counter = counter + 1
end

function init(args)
  n = 0
  run = os.getenv("BENCH_RUN") or "run"
end

if delay_ms > 0 then
  function delay() return delay_ms end
end

function request()
  n = n + 1
  local active = sessions
  if join_every > 0 then active = math.min(sessions, 1 + math.floor(n / join_every)) end
  local session = string.format("bench-%s-%04d", run, (n * 7 + tid) % active)
  local id = string.format("%s-%d-%08d", run, tid, n)
  return wrk.format("POST", "/webhook/web",
    { ["Content-Type"] = "application/json", ["X-Simulator-Session"] = session },
    '{"id":"' .. id .. '","text":"hello ' .. n .. '"}')
end
