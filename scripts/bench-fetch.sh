#!/usr/bin/env bash
# The fetch benchmark of BENCHMARKS.md: N loopback feed sources × M items,
# every response after a fixed latency; a cold pass (every article new),
# then a warm pass (every feed answers 304). Prints wall time and peak RSS.
#
#   scripts/bench-fetch.sh [sources] [items] [latency] ["fetch settings"]
#   scripts/bench-fetch.sh 500 20 50ms "host_delay: 0s, per_host: 20"
set -euo pipefail
cd "$(dirname "$0")/.."
sources=${1:-500} items=${2:-20} latency=${3:-50ms} fetch=${4:-}
tmp=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$tmp"' EXIT
go build -o "$tmp/pressclip" ./cmd/pressclip
go -C eval build -o "$tmp/benchserver" ./benchserver
ulimit -n 65536 2>/dev/null || true
"$tmp/benchserver" -sources "$sources" -items "$items" -latency "$latency" -config "$tmp/bench.yaml" -db "$tmp/bench.db" -fetch "$fetch" &
server=$!
for _ in $(seq 100); do [ -f "$tmp/bench.yaml" ] && break; sleep 0.1; done
for pass in cold warm; do
  /usr/bin/time -f "$pass pass: %e s wall, %M KB max RSS, %P CPU" \
    "$tmp/pressclip" fetch --config "$tmp/bench.yaml" --log-format json 2>"$tmp/$pass.log" | tail -1
  grep -E "pass:" "$tmp/$pass.log" || tail -3 "$tmp/$pass.log"
done
