#!/usr/bin/env python3
"""Search over HTTP (issue 17): the development queries through GET /api/admin/products/search.

One keep-alive connection, each query with the filters it states (category, max_price), hybrid
mode, ten results: warm-up rounds first, then measured rounds. Prints the HTTP time and the
server's own took_ms, p50 and p99. Usage (bench/search-http.sh runs it):
    search_http.py <base url> <admin token> <dev.jsonl> [warm rounds] [measured rounds]
"""
import http.client
import json
import statistics
import sys
import time
import urllib.parse

base, token, queries_file = sys.argv[1], sys.argv[2], sys.argv[3]
warm = int(sys.argv[4]) if len(sys.argv) > 4 else 3
rounds = int(sys.argv[5]) if len(sys.argv) > 5 else 5

queries = []
with open(queries_file) as f:
    for line in f:
        q = json.loads(line)
        params = {"q": q["query"], "mode": "hybrid", "limit": "10"}
        for key in ("category", "max_price"):
            if q.get("filters", {}).get(key) is not None:
                params[key] = str(q["filters"][key])
        queries.append("/api/admin/products/search?" + urllib.parse.urlencode(params))

url = urllib.parse.urlparse(base)
conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
headers = {"Authorization": "Bearer " + token}


def run(path):
    started = time.perf_counter()
    conn.request("GET", path, headers=headers)
    response = conn.getresponse()
    body = response.read()
    elapsed = (time.perf_counter() - started) * 1000
    if response.status != 200:
        sys.exit(f"{path}: HTTP {response.status} {body[:200]!r}")
    return elapsed, json.loads(body)["took_ms"]


for _ in range(warm):
    for path in queries:
        run(path)
http_ms, took_ms = [], []
for _ in range(rounds):
    for path in queries:
        h, t = run(path)
        http_ms.append(h)
        took_ms.append(t)


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * p))]


print(f"search over HTTP: {len(http_ms)} requests ({len(queries)} queries x {rounds}), hybrid, with the queries' filters")
print(f"  HTTP      p50 {statistics.median(http_ms):.1f} ms  p99 {pct(http_ms, 0.99):.1f} ms")
print(f"  took_ms   p50 {statistics.median(took_ms):.1f} ms  p99 {pct(took_ms, 0.99):.1f} ms")
