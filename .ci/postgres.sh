#!/usr/bin/env bash
# Runs a command against a throw-away PostgreSQL 15: starts a server of its
# own (as the postgres user, on 127.0.0.1 and a free port, in a fresh
# directory), creates a user and a database for the tests, runs the command
# with DESK_TEST_PG set to their URL, then stops the server and removes the
# directory, whether the command passed or not. Its exit code is the
# command's.
#
#   .ci/postgres.sh go test ./store/... ./internal/desk/... ./internal/report/...
set -euo pipefail
if [ $# -eq 0 ]; then
	echo "usage: $0 COMMAND [ARG...]" >&2
	exit 2
fi

BIN=/usr/lib/postgresql/15/bin
if [ ! -x "$BIN/initdb" ]; then
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 >/dev/null
fi

# initdb and the server refuse to run as root: run them as postgres.
as_pg() {
	if [ "$(id -u)" -eq 0 ]; then
		(cd / && runuser -u postgres -- "$@") # from a directory postgres may enter
	else
		"$@"
	fi
}

# Not under /tmp: a cleaner of /tmp must not take the cluster mid-run.
DIR=$(mktemp -d /var/tmp/desk-pg.XXXXXX)
cleanup() {
	as_pg "$BIN/pg_ctl" -D "$DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
	rm -rf "$DIR"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
if [ "$(id -u)" -eq 0 ]; then
	chown postgres: "$DIR"
fi
chmod 700 "$DIR"

# A free port: ask the kernel for one, then hand it to the server.
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null ||
	echo $((20000 + RANDOM % 20000)))

as_pg "$BIN/initdb" -D "$DIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1 ||
	{ cat "$DIR/initdb.log" >&2; exit 1; }
as_pg "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 \
	-o "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c max_connections=200 -c fsync=off" start >/dev/null ||
	{ cat "$DIR/server.log" >&2; exit 1; }

PASS=desk-test-$RANDOM$RANDOM
as_pg "$BIN/psql" -X -q -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 \
	-c "CREATE ROLE desk LOGIN CREATEDB PASSWORD '$PASS'" \
	-c "CREATE DATABASE desk OWNER desk"

export DESK_TEST_PG="postgres://desk:$PASS@127.0.0.1:$PORT/desk?sslmode=disable"
set +e
"$@"
rc=$?
set -e
exit $rc
