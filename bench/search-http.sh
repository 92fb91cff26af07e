#!/usr/bin/env bash
# Search over HTTP on the 50k catalog (issue 17; docs/search.md):
#   ./sk -Pbench verify          once: imports ../shared/data/catalog-50k.jsonl.gz into target/bench/search-bench.db
#   bench/search-http.sh         the jar on that database, warm, then the dev queries over one keep-alive connection
# BENCH_WARM / BENCH_ROUNDS: rounds of the 153 dev queries before and while measuring (15 / 5): fewer than
# about ten warm-up rounds measure the JIT still compiling (3 rounds: p50 14.5 ms where 15 give 8.8).
# BENCH_DB / BENCH_DB_PARAMS: another database file / parameters appended to its JDBC URL (A/B runs).
# BENCH_JAVA_OPTS: more JVM options for the app (e.g. -XX:StartFlightRecording=filename=/tmp/search.jfr).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
db="${BENCH_DB:-$root/target/bench/search-bench.db}"
[ -f "$db" ] || { echo "search-http: no $db; run ./sk -Pbench verify first" >&2; exit 1; }
jar=$(ls "$root"/target/shopkeeper-*.jar 2>/dev/null | grep -v plain | head -n1 || true)
[ -n "$jar" ] || { echo "search-http: no jar; run ./sk -q package -DskipTests first" >&2; exit 1; }
java_bin=$(cd "$root" && bash -c 'source <(sed -n "/^java_major/,/^}/p;/^pick_jdk/,/^}/p" sk); echo "$(pick_jdk)/bin/java"')
port=${BENCH_PORT:-18093}
token=bench-token-0123456789abcdef
out=$(mktemp -d /tmp/shopkeeper-search-http.XXXXXX)
"$java_bin" --enable-native-access=ALL-UNNAMED -Xms1g -Xmx1g -XX:+UseZGC ${BENCH_JAVA_OPTS:-} -jar "$jar" --server.port="$port" \
  --shopkeeper.db.url="jdbc:sqlite:$db${BENCH_DB_PARAMS:-}" --shopkeeper.crypto.key-dir="$root/target/bench/keys" \
  --shopkeeper.admin.bootstrap-token="$token" --shopkeeper.catalog.seed-demo=false \
  --logging.level.root=WARN > "$out/app.log" 2>&1 &
app=$!
trap 'kill $app 2>/dev/null; wait $app 2>/dev/null || true' EXIT
for _ in $(seq 1 240); do
  curl -fs "http://127.0.0.1:$port/actuator/health" >/dev/null 2>&1 && break
  sleep 0.5
done
# Wait until every product has its vector (the index loads them at start-up).
for _ in $(seq 1 600); do
  status=$(curl -fs -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/admin/search/status" || true)
  python3 -c 'import json,sys; s=json.loads(sys.argv[1]); sys.exit(0 if s["products"] and s["products"]==s["embedded"] else 1)' "$status" 2>/dev/null && break
  sleep 1
done
echo "== $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $status"
python3 "$here/search_http.py" "http://127.0.0.1:$port" "$token" "$root/../shared/data/search-relevance/dev.jsonl" \
  "${BENCH_WARM:-15}" "${BENCH_ROUNDS:-5}"
