#!/usr/bin/env bash
# bench-ssh.sh: the SSH load test (cmd/desk/ssh_load_test.go): desk serve
# with 100 sessions of the real UI, a registration every second; it prints
# the server's CPU and memory, how long a change takes to reach every
# session, and the server's RSS over rounds of closing and reopening
# sessions. The machine's load is printed before and after: write it beside
# the numbers.
#
#   scripts/bench-ssh.sh
#
# DESK_SSH_LOAD_SESSIONS, _SECONDS, _QUIET, _SIZE, _ROUNDS, _GOGC and
# _PROFILE=DIR change it (see the test file's comment).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
echo "load before: $(cat /proc/loadavg)"
(cd "$root" && DESK_SSH_LOAD=1 go test ./cmd/desk -run 'TestSSHLoad$' -v -count=1 -timeout 20m) |
	grep -E 'ssh_load_test.go|^(--- |ok|FAIL|PASS)'
echo "load after: $(cat /proc/loadavg)"
