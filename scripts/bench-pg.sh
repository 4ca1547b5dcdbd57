#!/usr/bin/env bash
# bench-pg.sh: the same desk on SQLite and on PostgreSQL, measured side by
# side (issue 17): the queue's first page and tab counts, every kind of
# search, the monthly report, the CSV and XLSX exports, and register p50/p99.
#
#   scripts/bench-pg.sh FILE URL [COUNT] [ROUNDS]
#
# FILE is a SQLite desk, URL a PostgreSQL database holding the same desk.
# When FILE does not exist it is made with `desk demo --count COUNT --seed 1`
# (default 100000) and copied into URL with `desk db copy` (URL must then
# be an empty database). For a throwaway server:
#
#   .ci/postgres.sh bash -c 'scripts/bench-pg.sh /tmp/d100k.db "$DESK_TEST_PG"'
#
# ROUNDS (default 2) rounds alternate the two stores so both run at a
# similar load; each result line is preceded by /proc/loadavg. The register
# benchmark runs last, once a store, and adds 201 cases to each (the same
# ones, so the desks stay alike). .ci/postgres.sh's server runs with
# fsync=off: its commits are not durable, so its register figures do not
# compare with SQLite's; measure register on a server with fsync on.
# BENCH_MONTH (YYYY-MM) is the month of the report; by default the previous
# month, as `desk report monthly` takes it (the demo's cases are the last
# days', about 1,400 a day, so a small COUNT may leave it empty).
set -euo pipefail

db=${1:-}
url=${2:-}
count=${3:-100000}
rounds=${4:-2}
month=${BENCH_MONTH:-$(date -d "$(date +%Y-%m-01) -1 month" +%Y-%m)}
if [[ -z $db || -z $url ]]; then
	echo "usage: $0 FILE URL [COUNT] [ROUNDS]  (a SQLite desk and a PostgreSQL URL holding the same desk)" >&2
	exit 2
fi
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$root" && go build -o "$tmp/desk" ./cmd/desk && go test -c -o "$tmp/queue.test" ./ui/pages/queue)
desk=$tmp/desk
export LANG=C.UTF-8
load() { echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"; }

if [[ ! -f $db ]]; then
	load
	DESK_DB=$db /usr/bin/time -f 'demo: wall %e s, CPU %U + %S s' "$desk" demo --count "$count" --seed 1
	load
	/usr/bin/time -f 'db copy: wall %e s, CPU %U + %S s' "$desk" db copy --from "$db" --to "$url"
	load
fi

# One store's round: the in-process benchmarks (store part of the queue
# and of each search; 10 runs each), then the commands as a person runs them.
round() {
	local name=$1 dsn=$2
	echo "== $name"
	load
	(cd "$root/ui/pages/queue" && DESK_BENCH_DB=$dsn "$tmp/queue.test" -test.run '^$' \
		-test.bench 'FirstPage1M|SearchQuery1M' -test.benchtime 10x) | grep -vE '^(goos|goarch|pkg|cpu|PASS)'
	load
	DESK_DB=$dsn /usr/bin/time -f "report monthly $month: wall %e s, CPU %U + %S s, max RSS %M KB" \
		"$desk" report monthly --month "$month" >/dev/null
	for f in csv xlsx; do
		load
		DESK_DB=$dsn /usr/bin/time -f "export $f: wall %e s, CPU %U + %S s, max RSS %M KB" \
			"$desk" export cases --format $f --out "$tmp/cases.$f" --force >/dev/null
		ls -l "$tmp/cases.$f" | awk '{print "  " $5 " bytes"}'
	done
}

for r in $(seq "$rounds"); do
	echo "=== round $r"
	round sqlite "$db"
	round postgres "$url"
done

# Last: it adds cases to both desks.
register() {
	echo "== $1 register"
	load
	(cd "$root/ui/pages/queue" && DESK_BENCH_DB=$2 "$tmp/queue.test" -test.run '^$' \
		-test.bench 'Register1M' -test.benchtime 200x) | grep -vE '^(goos|goarch|pkg|cpu|PASS)'
}
register sqlite "$db"
register postgres "$url"
load
