#!/usr/bin/env bash
# Shopkeeper messaging benchmark (the `bench` command): webhook throughput and latency with wrk
# replaying pre-signed, distinct requests of each WhatsApp platform (Twilio's signed forms, then the
# Cloud API's signed JSON), then the queue round trip at 1,000 messages/s.
#
#   bench/bench.sh                 everything (builds the jar when missing)
#   BENCH_SECONDS=20 bench/bench.sh
#   BENCH_PARTS="3" bench/bench.sh   only the queue round trip (parts: 1 saturation, 2 paced, 3 round trip,
#                                  4 the specification's FastAPI + Redis gateway, bench/peer, then ours, same load)
#   BENCH_PLATFORMS=meta bench/bench.sh   parts 1 and 2 on one platform only (default: "twilio meta")
#   BENCH_JAVA_OPTS="-XX:StartFlightRecording=filename=target/bench/app.jfr,settings=profile" bench/bench.sh
#   BENCH_RT_DELAY_MS=16 BENCH_PARTS=3 bench/bench.sh   the round trip at a gentler pace (about 550/s)
#   BENCH_RT_PROCESSOR=echo BENCH_PARTS=3 bench/bench.sh the round trip with a processor that records messages
#   BENCH_APP_ARGS="--spring.threads.virtual.enabled=false" bench/bench.sh   more application properties
#   BENCH_BURST_WINDOW=1500ms BENCH_PARTS=3 bench/bench.sh   with bursts on (default 0 here: the round
#                                  trip is per message, and a session writes every 200 ms)
#
# Needs: wrk, redis-server, redis-cli, python3. Starts its own Redis on BENCH_REDIS_PORT (17379)
# unless BENCH_REDIS names one (e.g. redis://127.0.0.1:6379/9; that database is FLUSHED).
# BENCH_NICE (default -10 when root, else 0) runs Redis, the app and wrk at that priority, so that a
# machine shared with other work disturbs the figures less. Results go to stdout and target/bench/.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
out="$root/target/bench"; mkdir -p "$out"
redis_port=${BENCH_REDIS_PORT:-17379}
redis_url=${BENCH_REDIS:-redis://127.0.0.1:$redis_port/0}
if [ "$(id -u)" = 0 ]; then nice_level=${BENCH_NICE:--10}; else nice_level=${BENCH_NICE:-0}; fi
run() { nice -n "$nice_level" "$@"; }   # foreground only: in the background $! would be a subshell
port=${BENCH_PORT:-18080}
secs=${BENCH_SECONDS:-15}
conns=${BENCH_CONNECTIONS:-64}
token=bench-auth-token-0123456789abcdef
public=https://bench.example.com

for tool in wrk redis-cli python3; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing (apt-get install -y wrk redis-tools python3)" >&2; exit 1; }
done
jar=$(ls "$root"/target/shopkeeper-*.jar 2>/dev/null | grep -v original | head -n1 || true)
if [ -z "$jar" ]; then
  (cd "$root" && ./sk -q -DskipTests package)
  jar=$(ls "$root"/target/shopkeeper-*.jar | grep -v original | head -n1)
fi
java_bin=$(cd "$root" && bash -c 'source <(sed -n "/^java_major/,/^}/p;/^pick_jdk/,/^}/p" sk); echo "$(pick_jdk)/bin/java"')

app_pid=""
redis_pid=""
stop_app() { if [ -n "$app_pid" ]; then kill "$app_pid" 2>/dev/null || true; wait "$app_pid" 2>/dev/null || true; app_pid=""; fi; }
stop_all() { stop_app; if [ -n "$redis_pid" ]; then kill "$redis_pid" 2>/dev/null || true; wait "$redis_pid" 2>/dev/null || true; fi; }
trap stop_all EXIT
if [ -z "${BENCH_REDIS:-}" ]; then
  nice -n "$nice_level" redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --logfile "$out/redis.log" &
  redis_pid=$!
  for _ in $(seq 1 50); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.1; done
fi

start_app() {  # $1 = roles, then extra --key=value
  local roles=$1; shift
  redis-cli -u "$redis_url" flushdb >/dev/null
  data=$(mktemp -d /tmp/shopkeeper-bench.XXXXXX)  # global: the admin token file is read for /actuator/prometheus
  # shellcheck disable=SC2086 # BENCH_JAVA_OPTS and BENCH_APP_ARGS hold several words each
  # ZGC, as the README recommends for running the jar: G1's pauses put the saturation p99 at 25-60 ms, ZGC's at 10-14.
  nice -n "$nice_level" "$java_bin" --enable-native-access=ALL-UNNAMED -Xms1g -Xmx1g ${BENCH_JAVA_OPTS:--XX:+UseZGC} -jar "$jar" \
    --server.port="$port" --shopkeeper.roles="$roles" \
    --spring.data.redis.url="$redis_url" \
    --shopkeeper.db.url="jdbc:sqlite:$data/shopkeeper.db" --shopkeeper.crypto.key-dir="$data/keys" \
    --shopkeeper.admin.bootstrap-token-file="$data/admin-token" \
    --shopkeeper.catalog.seed-demo=false \
    --shopkeeper.rate-limit.global-per-second=1000000 --shopkeeper.rate-limit.per-shopper-per-hour=1000000 \
    --shopkeeper.engine.burst-window="${BENCH_BURST_WINDOW:-0}" \
    --logging.level.root=WARN --logging.level.com.shopkeeper.queue=INFO \
    ${BENCH_APP_ARGS:-} "$@" > "$out/app-$roles.log" 2>&1 &
  app_pid=$!
  for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$port/actuator/health" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  echo "bench: the app did not start; see $out/app-$roles.log" >&2; exit 1
}

# Parts 1 and 2 replay Twilio webhooks; part 3 goes through the simulator, with no real platform
# configured (so the simulator is on by default, without the limits it has beside one, as before).
twilio=(--shopkeeper.twilio.account-sid=AC0123456789abcdef0123456789abcdef --shopkeeper.twilio.auth-token="$token"
        --shopkeeper.twilio.whatsapp-from=whatsapp:+14155238886 --shopkeeper.twilio.webhook-base-url="$public"
        --shopkeeper.payment.provider=sandbox)
# The Cloud API beside it, by configuration alone (its sends would go nowhere: the gateway role sends none).
meta_secret=bench-meta-app-secret-0123456789
meta_phone_id=106540352242922
meta=(--shopkeeper.meta.app-secret="$meta_secret" --shopkeeper.meta.verify-token=bench-verify
      --shopkeeper.meta.access-token=bench-access-token --shopkeeper.meta.phone-number-id="$meta_phone_id"
      --shopkeeper.meta.api-base-url=http://127.0.0.1:9)
platforms=${BENCH_PLATFORMS:-twilio meta}
platform=twilio

requests() {  # $1 = count, $2 = run id; of the current $platform
  if [ "$platform" = meta ]; then
    python3 "$here/make_meta_requests.py" "$1" "$2" "$meta_secret" "$meta_phone_id" 20000 > "$out/requests-$platform-$2.tsv"
  else
    python3 "$here/make_twilio_requests.py" "$1" "$2" "$token" "$public/webhook/twilio" 20000 > "$out/requests-$platform-$2.tsv"
  fi
  echo "$out/requests-$platform-$2.tsv"
}

run_wrk() {  # $1 = name, $2 = requests file, $3 = threads, $4 = connections, $5 = delay ms, $6 = seconds
  BENCH_PLATFORM=$platform BENCH_REQUESTS=$2 BENCH_THREADS=$3 BENCH_DELAY_MS=$5 \
    run wrk -t"$3" -c"$4" -d"$6"s --latency -s "$here/replay.lua" "http://127.0.0.1:$port" | tee "$out/wrk-$platform-$1.txt"
}

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }  # user + system clock ticks of a process
field() { sed -n "s/.*BENCH.*$2=\([0-9.]*\).*/\1/p" "$1" | head -n1; }

echo "== machine: $(nproc) cores, $(sed -n 's/model name\s*: //p' /proc/cpuinfo | head -n1); load before: $(cut -d' ' -f1-3 /proc/loadavg); nice $nice_level"
parts=${BENCH_PARTS:-1 2 3 4}
part() { case " $parts " in *" $1 "*) return 0;; *) return 1;; esac; }
peer_python=${BENCH_PEER_PYTHON:-/usr/bin/python3}
if part 4 && ! "$peer_python" -c 'import fastapi, uvicorn, redis.asyncio, twilio, multipart' 2>/dev/null; then
  echo "bench: part 4 (the FastAPI peer) needs apt-get install -y python3-fastapi python3-uvicorn python3-redis python3-twilio python3-multipart" >&2
  echo "       (or BENCH_PARTS=\"1 2 3\" without it)" >&2
  exit 1
fi

for platform in $platforms; do
if part 1 || part 2; then
# No back-pressure here: with no worker draining, the queue's max-depth (20,000) would turn the
# rest of the run into 503s and measure those instead of admissions.
start_app gateway "${twilio[@]}" "${meta[@]}" --shopkeeper.queue.max-depth=100000000
fi
if part 1; then
echo "== 1. $platform webhook throughput at saturation (gateway role only: accepted messages stay in message_queue)"
run_wrk warmup "$(requests 150000 w1)" 2 "$conns" 0 10 >/dev/null
redis-cli -u "$redis_url" del message_queue >/dev/null
n=$(( secs * 30000 ))  # enough distinct requests that none is replayed at 20,000/s
run_wrk saturation "$(requests "$n" s1)" 2 "$conns" 0 "$secs"
ok=$(field "$out/wrk-$platform-saturation.txt" ok200); reused=$(field "$out/wrk-$platform-saturation.txt" reused)
sleep 1
queued=$(redis-cli -u "$redis_url" llen message_queue)
distinct=$(redis-cli -u "$redis_url" --raw lrange message_queue 0 -1 | python3 -c 'import sys, json; print(len({json.loads(l)["mid"] for l in sys.stdin if l.strip()}))')
echo "accepted (200 seen by wrk): $ok, reused requests: $reused, in message_queue: $queued, distinct message ids there: $distinct"
# wrk stops counting at the deadline: up to one request per connection was accepted after it.
if [ "$reused" = "0" ] && [ "$queued" = "$distinct" ] && [ "$queued" -ge "$ok" ] && [ "$queued" -le $(( ok + conns )) ]; then
  echo "exactly once: yes (every accepted message once in the queue, none twice)"
else
  echo "exactly once: NO (or the request file ran out)"
fi
fi

if part 2; then
echo "== 2. $platform webhook latency at about 1,000 requests/s (10 connections, each pausing 8 ms after each answer)"
redis-cli -u "$redis_url" del message_queue >/dev/null
run_wrk paced "$(requests $(( secs * 1300 )) p1)" 1 10 8 "$secs"
fi
stop_app
done

if part 3; then
processor=${BENCH_RT_PROCESSOR:-instant}   # instant: the pipeline alone; echo also records both messages
echo "== 3. queue round trip at 1,000 messages/s: webhook in to reply sent (simulator platform, $processor processor)"
start_app gateway,worker --shopkeeper.processor="$processor"
drain() { for _ in $(seq 1 120); do [ "$(redis-cli -u "$redis_url" llen message_queue)" = 0 ] && return 0; sleep 0.5; done; }
# Warm up (JIT, pools), let the queue drain, then measure only the messages of the measured run:
# the round-trip histogram is read before and after it and the difference is reported.
BENCH_DELAY_MS=${BENCH_RT_DELAY_MS:-8} BENCH_RUN=warm BENCH_SESSIONS=200 run wrk -t1 -c10 -d10s -s "$here/simulator.lua" "http://127.0.0.1:$port" >/dev/null
drain; sleep 1
curl -s -H "Authorization: Bearer $(cat "$data/admin-token")" "http://127.0.0.1:$port/actuator/prometheus" > "$out/prometheus-before.txt"
cpu_before=$(cpu_ticks "$app_pid")
BENCH_DELAY_MS=${BENCH_RT_DELAY_MS:-8} BENCH_RUN=rt BENCH_SESSIONS=200 run wrk -t1 -c10 -d"$secs"s --latency -s "$here/simulator.lua" "http://127.0.0.1:$port" | tee "$out/wrk-roundtrip.txt"
drain
cpu_after=$(cpu_ticks "$app_pid")
sleep 1
curl -s -H "Authorization: Bearer $(cat "$data/admin-token")" "http://127.0.0.1:$port/actuator/prometheus" > "$out/prometheus.txt"
python3 - "$out/prometheus-before.txt" "$out/prometheus.txt" "$secs" "$(( cpu_after - cpu_before ))" "$(getconf CLK_TCK)" <<'PY' | tee "$out/roundtrip.txt"
import re, sys
def read(path):
    buckets, count, total = {}, 0.0, 0.0
    for line in open(path):
        if line.startswith("shopkeeper_queue_round_trip_seconds_bucket"):
            le = re.search(r'le="([^"]+)"', line).group(1)
            buckets[float("inf") if le == "+Inf" else float(le)] = float(line.split()[-1])
        elif line.startswith("shopkeeper_queue_round_trip_seconds_count"): count = float(line.split()[-1])
        elif line.startswith("shopkeeper_queue_round_trip_seconds_sum"): total = float(line.split()[-1])
    return buckets, count, total
b0, c0, t0 = read(sys.argv[1])
b1, c1, t1 = read(sys.argv[2])
count, total = c1 - c0, t1 - t0
if not count:
    print("no round-trip figures"); sys.exit()
buckets = sorted((le, n - b0.get(le, 0.0)) for le, n in b1.items())
def q(p):
    return next(le for le, n in buckets if n >= p * count)
print("round trip of the measured run: %d messages (%.0f/s), mean %.1f ms, p50 <= %.1f ms, p99 <= %.1f ms (histogram bucket bounds)"
      % (count, count / float(sys.argv[3]), 1000 * total / count, 1000 * q(0.5), 1000 * q(0.99)))
print("application CPU: %.2f ms per message (webhook, queue, worker and delivery; user + system)"
      % (1000.0 * int(sys.argv[4]) / int(sys.argv[5]) / count))
PY
echo "left in message_queue: $(redis-cli -u "$redis_url" llen message_queue)"
stop_app
fi

if part 4; then
echo "== 4. the specification's gateway (FastAPI + Redis, bench/peer/gateway.py) beside ours: the same signed Twilio load, one after the other"
platform=twilio
n=$(( secs * 30000 ))
peer_requests=$(requests "$n" peer)
ours_requests=$(requests "$n" ours)
redis-cli -u "$redis_url" flushdb >/dev/null
PEER_TWILIO_AUTH_TOKEN="$token" PEER_PUBLIC_URL="$public" PEER_REDIS_URL="$redis_url" \
  nice -n "$nice_level" "$peer_python" -m uvicorn --app-dir "$here/peer" gateway:app --host 127.0.0.1 --port "$port" \
  --workers "$(nproc)" --no-access-log --log-level warning > "$out/peer.log" 2>&1 &
peer_pid=$!
for _ in $(seq 1 100); do curl -s -o /dev/null "http://127.0.0.1:$port/docs" && break; sleep 0.2; done
run_wrk peer-warmup "$(requests 60000 pw)" 2 "$conns" 0 5 >/dev/null
redis-cli -u "$redis_url" del message_queue >/dev/null
run_wrk peer-saturation "$peer_requests" 2 "$conns" 0 "$secs"
echo "peer: in message_queue: $(redis-cli -u "$redis_url" llen message_queue)"
kill "$peer_pid" 2>/dev/null || true; wait "$peer_pid" 2>/dev/null || true
start_app gateway "${twilio[@]}" --shopkeeper.queue.max-depth=100000000
run_wrk ours-warmup "$(requests 150000 ow)" 2 "$conns" 0 10 >/dev/null
redis-cli -u "$redis_url" del message_queue >/dev/null
run_wrk ours-saturation "$ours_requests" 2 "$conns" 0 "$secs"
echo "ours: in message_queue: $(redis-cli -u "$redis_url" llen message_queue)"
stop_app
python3 - "$out/wrk-twilio-peer-saturation.txt" "$out/wrk-twilio-ours-saturation.txt" <<'PY' | tee "$out/peer.txt"
import re, sys
def read(path):
    text = open(path).read()
    rps = float(re.search(r"Requests/sec:\s+([0-9.]+)", text).group(1))
    def pct(p):
        m = re.search(r"^\s+%s%%\s+([0-9.]+)(us|ms|s)" % p, text, re.M)
        v, unit = float(m.group(1)), m.group(2)
        return v / 1000 if unit == "us" else v * 1000 if unit == "s" else v
    return rps, pct(50), pct(99)
peer, ours = read(sys.argv[1]), read(sys.argv[2])
print("peer (FastAPI + Redis): %.0f requests/s, p50 %.1f ms, p99 %.1f ms" % peer)
print("ours:                   %.0f requests/s, p50 %.1f ms, p99 %.1f ms" % ours)
print("ours / peer: %.2fx the requests/s" % (ours[0] / peer[0]))
PY
fi
