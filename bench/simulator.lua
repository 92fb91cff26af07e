-- wrk script: chat-simulator messages (platform "web") from BENCH_SESSIONS shoppers, each with a
-- fresh id; paced by BENCH_DELAY_MS per connection. For the queue round trip benchmark.
local delay_ms = tonumber(os.getenv("BENCH_DELAY_MS") or "0")
local sessions = tonumber(os.getenv("BENCH_SESSIONS") or "100")
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
  local session = string.format("bench-%s-%04d", run, (n * 7 + tid) % sessions)
  local id = string.format("%s-%d-%08d", run, tid, n)
  return wrk.format("POST", "/webhook/web",
    { ["Content-Type"] = "application/json", ["X-Simulator-Session"] = session },
    '{"id":"' .. id .. '","text":"hello ' .. n .. '"}')
end
