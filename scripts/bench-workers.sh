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
#
# With PGPID set to the PostgreSQL server's postmaster pid (the first line
# of postmaster.pid), the server's CPU seconds per pass are printed too
# (its backends' CPU, counted as the postmaster reaps them).
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
# servercpu: the PostgreSQL server's CPU seconds so far (postmaster, its
# reaped children and the live ones), or 0 without PGPID.
servercpu() {
  [ -n "${PGPID:-}" ] || { echo 0; return; }
  local tck=$(getconf CLK_TCK) t=0 p
  for p in "$PGPID" $(pgrep -P "$PGPID"); do
    t=$((t + $(awk '{print $14 + $15 + $16 + $17}' "/proc/$p/stat" 2>/dev/null || echo 0)))
  done
  awk -v t="$t" -v k="$tck" 'BEGIN {printf "%.2f", t / k}'
}
pass() { # workers label url
  local n=$1 label=$2 u=$3 start end pids=() s0
  s0=$(servercpu)
  start=$(date +%s.%N)
  for i in $(seq "$n"); do
    PRESSCLIP_DATABASE_URL="$u" /usr/bin/time -f "%U %S" -o "$tmp/cpu.$i" \
      "$tmp/pressclip" fetch --worker --pass "$label" --config "$tmp/bench.yaml" >"$tmp/out.$i" 2>"$tmp/log.$i" &
    pids+=($!)
  done
  for p in "${pids[@]}"; do wait "$p" || { echo "a worker failed:"; tail -5 "$tmp"/log.*; exit 1; }; done
  end=$(date +%s.%N)
  cpu=$(cat "$tmp"/cpu.* | awk '{s += $1 + $2} END {printf "%.1f", s}')
  srv=$(awk -v a="$(servercpu)" -v b="$s0" 'BEGIN {printf "%.1f", a - b}')
  awk -v n="$n" -v l="$label" -v s="$start" -v e="$end" -v a="$articles" -v c="$cpu" -v d="$srv" \
    'BEGIN {w = e - s; printf "%d worker(s), %s pass: %.2f s wall, %.0f articles/s; CPU: workers %s s, PostgreSQL %s s (%.2f ms per article together)\n", n, l, w, (l ~ /cold/ ? a / w : 0), c, d, (c + d) * 1000 / a}'
  rm -f "$tmp"/cpu.*
}
for n in 1 2 3; do
  schema="bench_workers_$n"
  psql "$url" -qAtc "DROP SCHEMA IF EXISTS $schema CASCADE; CREATE SCHEMA $schema; CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public" 2>/dev/null
  u="$url${sep}search_path=$schema,public"
  pass "$n" "cold $n" "$u"
  pass "$n" "warm $n" "$u"
  psql "$url" -qAtc "DROP SCHEMA $schema CASCADE" 2>/dev/null
done
/usr/bin/time -o "$tmp/sqlite.time" -f "%e %U %S" \
  "$tmp/pressclip" fetch --config "$tmp/bench.yaml" --db "$tmp/sqlite.db" >/dev/null 2>"$tmp/sqlite.log"
awk -v a="$articles" '{printf "1 process on SQLite, cold pass: %.2f s wall, %.0f articles/s; CPU %.1f s (%.2f ms per article)\n", $1, a / $1, $2 + $3, ($2 + $3) * 1000 / a}' "$tmp/sqlite.time"
