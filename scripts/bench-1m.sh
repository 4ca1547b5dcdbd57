#!/usr/bin/env bash
# bench-1m.sh: make the million-case database the benchmarks read, once,
# with the product itself (desk demo: histories, clocks and texts), and
# print how long that took and the machine's load.
#
#   scripts/bench-1m.sh [FILE] [COUNT]
#
# FILE defaults to $TMPDIR/complaintdesk-demo-1m.db, COUNT to 1000000. An
# existing FILE is kept. Then, for example:
#
#   DESK_BENCH_DB=FILE go test ./ui/pages/queue -run '^$' -bench FilterKeystroke1M -benchtime 20x
#   scripts/bench-cli.sh FILE
set -euo pipefail

db=${1:-${TMPDIR:-/tmp}/complaintdesk-demo-1m.db}
count=${2:-1000000}
if [[ -f $db ]]; then
	echo "$db exists: kept"
	exit 0
fi
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$root" && go build -o "$tmp/desk" ./cmd/desk)
echo "load before: $(cat /proc/loadavg)"
DESK_DB=$db /usr/bin/time -f 'wall %e s, CPU %U + %S s, max RSS %M KB' "$tmp/desk" demo --count "$count" --seed 1
echo "load after: $(cat /proc/loadavg)"
ls -la "$db"
