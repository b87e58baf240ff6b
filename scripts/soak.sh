#!/usr/bin/env bash
# The soak benchmark of BENCHMARKS.md: `pressclip serve` with N loopback
# sources on a one-minute schedule, each feed publishing new items every
# minute, for a while; every minute it prints serve's resident memory,
# Go heap, goroutines, open file descriptors, passes and database size.
#
#   scripts/soak.sh [sources] [minutes]        # default 200 sources, 30 minutes
set -euo pipefail
cd "$(dirname "$0")/.."
sources=${1:-200} minutes=${2:-30}
tmp=$(mktemp -d)
port=18089
trap 'kill $server $serve 2>/dev/null || true; rm -rf "$tmp"' EXIT
go build -o "$tmp/pressclip" ./cmd/pressclip
go -C eval build -o "$tmp/benchserver" ./benchserver
ulimit -n 65536 2>/dev/null || true
"$tmp/benchserver" -sources "$sources" -items 20 -latency 20ms -new-every 1m -new-items 2 \
  -config "$tmp/soak.yaml" -db "$tmp/soak.db" \
  -extra "schedule: '@every 1m'\nserve:\n  listen: 127.0.0.1:$port\n  jitter: 10s\n" 2>"$tmp/server.log" &
server=$!
for _ in $(seq 100); do [ -f "$tmp/soak.yaml" ] && break; sleep 0.1; done
"$tmp/pressclip" serve --config "$tmp/soak.yaml" --log-format json >"$tmp/serve.out" 2>"$tmp/serve.log" &
serve=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
metric() { curl -s "http://127.0.0.1:$port/metrics" | awk -v m="$1" '$1==m {v=$2} END {print v}' || true; }
printf "%-6s %-8s %-8s %-8s %-10s %-6s %-7s %-8s %-8s\n" minute rss_mb anon_mb heap_mb goroutines fds passes mentions db_mb
for minute in $(seq 0 "$minutes"); do
  [ "$minute" -gt 0 ] && sleep 60
  rss=$(awk '/VmRSS/ {printf "%.1f", $2/1024}' "/proc/$serve/status")
  anon=$(awk '/RssAnon/ {printf "%.1f", $2/1024}' "/proc/$serve/status")
  fds=$(ls "/proc/$serve/fd" | wc -l)
  heap=$(metric go_memstats_heap_inuse_bytes | awk '{printf "%.1f", $1/1048576}')
  gor=$(metric go_goroutines)
  passes=$(metric 'pressclip_passes_total{outcome="done"}')
  mentions=$(metric pressclip_new_mentions_total)
  db=$(metric pressclip_database_bytes | awk '{printf "%.1f", $1/1048576}')
  printf "%-6s %-8s %-8s %-8s %-10s %-6s %-7s %-8s %-8s\n" "$minute" "$rss" "$anon" "$heap" "$gor" "$fds" "${passes:-0}" "${mentions:-0}" "$db"
done
grep -c '"pass done"' "$tmp/serve.log" | xargs echo "passes logged:"
grep -c '"level":"ERROR"' "$tmp/serve.log" | xargs echo "errors logged:" || true
