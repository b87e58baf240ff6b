#!/usr/bin/env bash
# The outage soak of BENCHMARKS.md (issue 14): `pressclip serve` over N
# loopback sources on a short schedule; after the first pass the network
# is cut (every outlet's listener closed, so connections are refused) for
# P passes, then restored. It prints, pass by pass, what /healthz says,
# and checks: degraded within one pass of the cut, ok within one pass of
# the return, every source fetched in that pass (none left backed off),
# and no mention lost.
#
#   scripts/soak-outage.sh [sources] [passes-down] [schedule]   # default 200, 10, @every 6s
set -euo pipefail
cd "$(dirname "$0")/.."
sources=${1:-200} down_passes=${2:-10} schedule=${3:-@every 6s}
tmp=$(mktemp -d)
port=18091
trap 'kill $server $serve 2>/dev/null || true; [ -n "${KEEP:-}" ] || rm -rf "$tmp"' EXIT
go build -o "$tmp/pressclip" ./cmd/pressclip
go -C eval build -o "$tmp/benchserver" ./benchserver
ulimit -n 65536 2>/dev/null || true
"$tmp/benchserver" -sources "$sources" -items 5 -latency 0 -fetch "host_delay: 0s, retries: -1" \
  -config "$tmp/outage.yaml" -db "$tmp/outage.db" \
  -extra "schedule: '$schedule'\nserve:\n  listen: 127.0.0.1:$port\n  jitter: 0s\n" 2>"$tmp/server.log" &
server=$!
for _ in $(seq 100); do [ -f "$tmp/outage.yaml" ] && break; sleep 0.1; done
"$tmp/pressclip" serve --config "$tmp/outage.yaml" --log-format json >"$tmp/serve.out" 2>"$tmp/serve.log" &
serve=$!
health() { curl -s "http://127.0.0.1:$port/healthz" || echo '{}'; }
field() { sed -n "s/.*\"$1\":\(\"[^\"]*\"\|[0-9a-z]*\).*/\1/p" | tr -d '"'; }
mentions() { curl -s "http://127.0.0.1:$port/metrics" | awk '$1=="pressclip_new_mentions_total" {print $2}'; }
# next_pass waits for the next pass to end and prints its health line
# (the last end seen is kept in a file: next_pass runs in a subshell).
: >"$tmp/last_end"
next_pass() {
  for _ in $(seq 600); do
    h=$(health)
    end=$(echo "$h" | field last_pass_end)
    if [ -n "$end" ] && [ "$end" != "$(cat "$tmp/last_end")" ]; then
      echo "$end" >"$tmp/last_end"
      echo "$h"
      return
    fi
    sleep 0.2
  done
  echo "no pass ended in 120 s" >&2
  exit 1
}
row() {
  local phase=$1 n=$2 h=$3
  printf "%-8s %-5s %-9s %-5s %-7s %-8s %-7s\n" "$phase" "$n" "$(echo "$h" | field status)" \
    "$(echo "$h" | field last_pass_sources_ok)" "$(echo "$h" | field last_pass_sources_failed)" \
    "$(echo "$h" | field last_pass_sources_skipped)" "$(echo "$h" | field last_pass_outage)"
}
echo "work dir: $tmp"
printf "%-8s %-5s %-9s %-5s %-7s %-8s %-7s\n" phase pass status ok failed skipped outage
h=$(next_pass); row up 1 "$h"
before=$(mentions)
kill -USR1 "$server"
fail=0
for n in $(seq "$down_passes"); do
  h=$(next_pass); row down "$n" "$h"
  if [ "$n" = 1 ] && [ "$(echo "$h" | field status)" != degraded ]; then echo "FAIL: not degraded one pass after the cut"; fail=1; fi
done
kill -USR1 "$server"
h=$(next_pass); row back 1 "$h"
[ "$(echo "$h" | field status)" = ok ] || { echo "FAIL: not ok one pass after the return"; fail=1; }
[ "$(echo "$h" | field last_pass_sources_ok)" = "$sources" ] || { echo "FAIL: not every source fetched in the first pass back"; fail=1; }
[ "$(echo "$h" | field last_pass_sources_skipped)" = 0 ] || { echo "FAIL: sources still backed off"; fail=1; }
after=$(mentions)
echo "mentions kept before the cut: $before; after the return: $after"
awk -v a="$after" -v b="$before" 'BEGIN { exit !(a >= b) }' || { echo "FAIL: mentions lost"; fail=1; }
grep -c '"network outage' "$tmp/serve.log" | xargs echo "outage passes logged:" || true
grep -c '"level":"ERROR"' "$tmp/serve.log" | xargs echo "errors logged:" || true
exit $fail
