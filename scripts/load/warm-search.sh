#!/usr/bin/env bash
# Warm API searches under load, as docs/BENCHMARKS.md ("The server") measures them: starts `BINARY serve` on DB,
# warms every recipient's answer up, then runs wrk for 20 s with 32 connections and prints wrk's latencies, the
# requests per second, the server's CPU per request (from /proc/PID/stat) and wrk's own.
#
#   scripts/load/warm-search.sh BINARY DB TOKEN_FILE IDS_FILE [PORT]
#   WARM=45 (seconds of warm-up, default 45: every answer must be computed once first)
set -euo pipefail
bin=$1 db=$2 token_file=$3 ids=$4 port=${5:-18099}
here=$(cd "$(dirname "$0")" && pwd)
"$bin" serve --db "$db" --port "$port" 2> /dev/null & pid=$!
trap 'kill -TERM $pid 2>/dev/null; wait $pid 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$port/api/v1/health" && break; sleep 0.2; done
export TOKEN=$(cat "$token_file") IDS=$ids DATES=1
wrk -t2 -c32 -d"${WARM:-45}"s --timeout 10s -s "$here/search.lua" "http://127.0.0.1:$port" > /dev/null
read -r u0 s0 < <(awk '{print $14, $15}' /proc/$pid/stat)
out=$(mktemp); times=$(mktemp)
/usr/bin/time -f "%U %S" -o "$times" wrk -t2 -c32 -d20s --latency -s "$here/search.lua" "http://127.0.0.1:$port" > "$out"
read -r u1 s1 < <(awk '{print $14, $15}' /proc/$pid/stat)
read -r wu ws < "$times"
n=$(grep -oE "^requests [0-9]+" "$out" | awk '{print $2}')
python3 - "$n" "$u0" "$s0" "$u1" "$s1" "$wu" "$ws" "$(getconf CLK_TCK)" "$(tail -1 "$out")" "$(grep Requests/sec "$out" | awk '{print $2}')" <<'PY'
import sys
n, u0, s0, u1, s1 = (int(x) for x in sys.argv[1:6]); wu, ws = float(sys.argv[6]), float(sys.argv[7]); tck = int(sys.argv[8])
print(f"{sys.argv[9]} | {sys.argv[10]} requests/s | server CPU {((u1 + s1) - (u0 + s0)) / tck / n * 1000:.3f} ms a request "
      f"| wrk {(wu + ws) / n * 1000:.3f} ms a request")
PY
rm -f "$out" "$times"
echo "load average $(cut -d' ' -f1-3 /proc/loadavg)"
