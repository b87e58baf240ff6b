#!/usr/bin/env bash
# The workers benchmark of BENCHMARKS.md (issue 19): N loopback feed
# sources × M items (each source its own port, as N outlets are), fetched
# by 1, 2 and 3 `fetch --worker` processes sharing one PostgreSQL; each
# count gets a fresh schema: a cold pass (every article new, no
# politeness delay: CPU-bound) and a warm pass (every feed answers 304).
# Prints each pass's wall time, articles/s and the workers' CPU seconds;
# then the same cold pass by one plain `fetch` on SQLite, for the CPU per
# article.
#
#   scripts/bench-workers.sh postgres://pressclip@127.0.0.1:5432/postgres [sources] [items] [latency]
set -euo pipefail
cd "$(dirname "$0")/.."
url=${1:?a PostgreSQL URL whose role may create schemas} sources=${2:-500} items=${3:-20} latency=${4:-0s}
tmp=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$tmp"' EXIT
go build -o "$tmp/pressclip" ./cmd/pressclip
go -C eval build -o "$tmp/benchserver" ./benchserver
ulimit -n 65536 2>/dev/null || true
"$tmp/benchserver" -sources "$sources" -items "$items" -latency "$latency" -config "$tmp/bench.yaml" -db "$tmp/bench.db" \
  -fetch "host_delay: 1ms, per_host: 8, concurrency: 16" &
server=$!
for _ in $(seq 100); do [ -f "$tmp/bench.yaml" ] && break; sleep 0.1; done
sep=$([[ $url == *\?* ]] && echo '&' || echo '?')
articles=$((sources * items))
pass() { # workers label url
  local n=$1 label=$2 u=$3 start end pids=()
  start=$(date +%s.%N)
  for i in $(seq "$n"); do
    PRESSCLIP_DATABASE_URL="$u" /usr/bin/time -f "%U %S" -o "$tmp/cpu.$i" \
      "$tmp/pressclip" fetch --worker --pass "$label" --config "$tmp/bench.yaml" >"$tmp/out.$i" 2>"$tmp/log.$i" &
    pids+=($!)
  done
  for p in "${pids[@]}"; do wait "$p" || { echo "a worker failed:"; tail -5 "$tmp"/log.*; exit 1; }; done
  end=$(date +%s.%N)
  cpu=$(cat "$tmp"/cpu.* | awk '{s += $1 + $2} END {printf "%.1f", s}')
  awk -v n="$n" -v l="$label" -v s="$start" -v e="$end" -v a="$articles" -v c="$cpu" \
    'BEGIN {w = e - s; printf "%d worker(s), %s pass: %.2f s wall, %.0f articles/s, %s s CPU in the workers (%.2f ms per article)\n", n, l, w, (l ~ /cold/ ? a / w : 0), c, c * 1000 / a}'
  rm -f "$tmp"/cpu.*
}
for n in 1 2 3; do
  schema="bench_workers_$n"
  psql "$url" -qAtc "DROP SCHEMA IF EXISTS $schema CASCADE; CREATE SCHEMA $schema; CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public"
  u="$url${sep}search_path=$schema,public"
  pass "$n" "cold $n" "$u"
  pass "$n" "warm $n" "$u"
  psql "$url" -qAtc "DROP SCHEMA $schema CASCADE"
done
/usr/bin/time -f "1 process on SQLite, cold pass: %e s wall, %U s user + %S s system CPU" \
  "$tmp/pressclip" fetch --config "$tmp/bench.yaml" --db "$tmp/sqlite.db" >/dev/null 2>"$tmp/sqlite.log"
