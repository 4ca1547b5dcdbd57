#!/usr/bin/env bash
# bench-cli.sh: how long `desk cases list` and `desk cases show` take
# against the sqlite3 command-line shell running the same statements on the
# same file, and how long the desk takes to start (`desk --help`).
#
#   scripts/bench-cli.sh [DB] [RUNS]
#
# DB is a desk's database (default $DESK_DB); RUNS how many times each
# command runs (default 30). The desk is built from this checkout into a
# temporary directory (DESK_BIN=FILE runs that binary instead). Uses hyperfine when it is installed (apt-get install
# hyperfine), else a timing loop. The goal (issue 18): every command within
# 2x of sqlite3, start-up within 10 ms. Write the machine's load
# (printed) beside the numbers.
set -euo pipefail

db=${1:-${DESK_DB:-}}
runs=${2:-30}
if [[ -z $db || ! -f $db ]]; then
	echo "usage: $0 DB [RUNS]  (a desk database, e.g. one made by desk demo)" >&2
	exit 2
fi
command -v sqlite3 >/dev/null || { echo "$0: needs the sqlite3 shell (apt-get install sqlite3)" >&2; exit 2; }

root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
desk=${DESK_BIN:-}
if [[ -z $desk ]]; then
	(cd "$root" && go build -o "$tmp/desk" ./cmd/desk)
	desk="$tmp/desk"
fi
export DESK_DB=$db LANG=C.UTF-8

# The case `cases show` reads: the first of the list, with the values its
# statements look up.
IFS='|' read -r id number phone category subject received < <(sqlite3 -readonly "$db" \
	"SELECT c.id, c.number, coalesce(p.phone, ''), c.category, c.subject, c.received_at
	 FROM cases c LEFT JOIN complainants p ON p.case_id = c.id AND p.position = 0
	 ORDER BY c.next_due, c.id LIMIT 1")
q() { printf "'%s'" "${1//\'/\'\'}"; } # an SQL string literal

cols="c.id, c.number, c.version, coalesce(c.idem_key, ''), c.source, c.source_id,
	c.received_at, c.registered_at, c.updated_at, c.created_by,
	c.channel, c.nature, c.category, c.grade, c.grade_reason, c.status, c.is_open,
	c.content, c.demand, c.subject, c.collective_size,
	c.department, c.handler, c.expected_by, c.resolution, c.reply, c.satisfaction,
	c.reopen_count, c.training,
	c.acknowledged_at, c.resolved_at, c.closed_at, c.revisited_at,
	c.next_due, c.next_due_start, c.next_clock, c.fields,
	c.next_warn, c.escalation, c.crisis"
people="SELECT case_id, id, name, phone, email, address, org, anonymous, callback, callback_at, satisfaction FROM complainants"

# desk cases list: the first page (50, nearest deadline first) and its
# complainants (the store reads them with the page's ids as parameters).
cat >"$tmp/list.sql" <<SQL
SELECT $cols FROM cases c ORDER BY c.next_due, c.id LIMIT 50 OFFSET 0;
$people WHERE case_id IN (SELECT id FROM cases c ORDER BY c.next_due, c.id LIMIT 50) ORDER BY case_id, position;
SQL

# desk cases show: the case, its complainants and history, linked cases,
# the caller's other cases and similar complaints (for the grade
# suggestion), each with their complainants.
month=$((30 * 24 * 3600 * 1000))
cat >"$tmp/show.sql" <<SQL
SELECT $cols FROM cases c WHERE c.number = $(q "$number");
$people WHERE case_id IN ($id) ORDER BY case_id, position;
SELECT id, case_id, at, actor, action, reason, note, before, after FROM events WHERE case_id = $id ORDER BY id;
SELECT l.created_at, l.created_by, l.reason, $cols FROM case_links l JOIN cases c ON c.id = l.other_id WHERE l.case_id = $id ORDER BY l.created_at, c.id;
SELECT $cols FROM cases c WHERE c.id IN (SELECT case_id FROM complainants WHERE phone <> '' AND phone = $(q "$phone")) ORDER BY c.received_at DESC, c.id DESC LIMIT 21;
$people WHERE case_id IN (SELECT case_id FROM complainants WHERE phone <> '' AND phone = $(q "$phone")) ORDER BY case_id, position;
SELECT $cols FROM cases c WHERE c.category = $(q "$category") AND c.subject = $(q "$subject") AND c.subject <> ''
	AND c.received_at >= $((received - month)) AND c.received_at <= $((received + month)) AND c.id <> $id
	ORDER BY c.received_at DESC, c.id DESC LIMIT 50;
SQL

"$desk" cases list >/dev/null # the desk's user for this login exists from here on
echo "database: $db ($(sqlite3 -readonly "$db" 'SELECT count(*) FROM cases') cases); case shown: $number"
echo "load before: $(cat /proc/loadavg)"
if command -v hyperfine >/dev/null; then
	hyperfine -N --warmup 3 --runs "$runs" --export-markdown "$tmp/results.md" \
		-n 'desk --help (start-up)' "$desk --help" \
		-n 'sqlite3 (start-up)' "sqlite3 -readonly $db 'SELECT 1'" \
		-n 'desk cases list' "$desk cases list" \
		-n 'sqlite3: the same statements' "sqlite3 -readonly $db -init $tmp/list.sql .quit" \
		-n "desk cases show $number" "$desk cases show $number" \
		-n 'sqlite3: the same statements ' "sqlite3 -readonly $db -init $tmp/show.sql .quit" >/dev/null
	cat "$tmp/results.md"
else
	time_ms() { # mean wall time of "$@" over $runs runs, in ms
		local start end
		for _ in 1 2 3; do "$@" >/dev/null 2>&1; done
		start=$(date +%s%N)
		for _ in $(seq "$runs"); do "$@" >/dev/null 2>&1; done
		end=$(date +%s%N)
		echo "scale=1; ($end - $start) / $runs / 1000000" | bc
	}
	printf '| command | mean ms |\n|---|---|\n'
	printf '| desk --help (start-up) | %s |\n' "$(time_ms "$desk" --help)"
	printf '| sqlite3 (start-up) | %s |\n' "$(time_ms sqlite3 -readonly "$db" 'SELECT 1')"
	printf '| desk cases list | %s |\n' "$(time_ms "$desk" cases list)"
	printf '| sqlite3: the same statements | %s |\n' "$(time_ms sqlite3 -readonly "$db" -init "$tmp/list.sql" .quit)"
	printf '| desk cases show %s | %s |\n' "$number" "$(time_ms "$desk" cases show "$number")"
	printf '| sqlite3: the same statements | %s |\n' "$(time_ms sqlite3 -readonly "$db" -init "$tmp/show.sql" .quit)"
fi
echo "load after: $(cat /proc/loadavg)"
