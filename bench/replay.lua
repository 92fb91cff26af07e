-- wrk script: replays pre-signed, distinct webhook requests (one per line: signature TAB body) of one
-- platform: BENCH_PLATFORM twilio (signed forms, the default) or meta (signed JSON).
-- Each wrk thread takes its own stride of the file, so no request is sent twice unless the file
-- runs out (counted and reported as "reused"). BENCH_DELAY_MS paces each connection (a fixed rate).
local file = os.getenv("BENCH_REQUESTS")
local delay_ms = tonumber(os.getenv("BENCH_DELAY_MS") or "0")
local platform = os.getenv("BENCH_PLATFORM") or "twilio"
local path = "/webhook/" .. platform
local content_type = platform == "meta" and "application/json" or "application/x-www-form-urlencoded"
local signature_header = platform == "meta" and "X-Hub-Signature-256" or "X-Twilio-Signature"
local threads = {}
local counter = 0

function setup(thread)
  thread:set("tid", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  step = tonumber(os.getenv("BENCH_THREADS") or "1")
  sigs, bodies = {}, {}
  local n = 0
  for line in io.lines(file) do
    n = n + 1
    local tab = line:find("\t", 1, true)
    sigs[n] = line:sub(1, tab - 1)
    bodies[n] = line:sub(tab + 1)
  end
  total = n
  idx = tid + 1
  reused = 0
  ok = 0
end

if delay_ms > 0 then
  function delay() return delay_ms end
end

function request()
  local i = idx
  idx = idx + step
  if i > total then
    reused = reused + 1
    i = ((i - 1) % total) + 1
  end
  return wrk.format("POST", path, { ["Content-Type"] = content_type, [signature_header] = sigs[i] }, bodies[i])
end

function response(status, headers, body)
  if status == 200 then ok = ok + 1 end
end

function done(summary, latency, requests)
  local reused_total, ok_total = 0, 0
  for _, t in ipairs(threads) do
    reused_total = reused_total + t:get("reused")
    ok_total = ok_total + t:get("ok")
  end
  io.write(string.format("BENCH requests=%d ok200=%d reused=%d non2xx=%d errors=%d\n", summary.requests, ok_total,
    reused_total, summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
  for _, p in ipairs({ 50, 90, 99, 99.9 }) do
    io.write(string.format("BENCH latency_p%s_ms=%.3f\n", p, latency:percentile(p) / 1000.0))
  end
end
