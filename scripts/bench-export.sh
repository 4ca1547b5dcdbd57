#!/bin/sh
# Issue 18's export and registration figures at 1M cases, before and after,
# back to back on the same machine (docs/benchmarks.md, "Reports and exports").
#
#   scripts/bench-export.sh [BASE]
#
# BASE is the commit to compare with (default: the branch point of the
# export work, ea82d77); its tree gets this tree's benchmarks so both sides
# measure the same way. The database is $TMPDIR/complaintdesk-reports-1m-v1.db
# (made by the benchmarks when missing: about 10 minutes), read only; the
# registration benchmarks work on copies of it. Prints the load before and
# after each measurement: compare runs made at the same load.
set -eu
base=${1:-ea82d77}
tmp=${TMPDIR:-/tmp}
out=$tmp/bench-export
db=$tmp/complaintdesk-reports-1m-v1.db
mkdir -p "$out"
rm -rf "$out/base"
mkdir "$out/base"
git archive "$base" | tar -x -C "$out/base"
cp internal/report/bench_test.go "$out/base/internal/report/"
(cd "$out/base" && go test -c -o "$out/before.test" ./internal/report && go build -o "$out/desk-before" ./cmd/desk)
go test -c -o "$out/after.test" ./internal/report
go build -o "$out/desk-after" ./cmd/desk

load() { echo "  load: $(cut -d' ' -f1-3 /proc/loadavg)"; }

echo "== XLSX export of every case, in-process, normal priority"
for v in before after; do
	load
	/usr/bin/time -f "  $v: wall %e s, user %U s, sys %S s, max RSS %M KB" \
		"$out/$v.test" -test.run '^$' -test.bench 'Export1M/xlsx' -test.benchtime 1x | grep Benchmark
done
load

echo "== desk export cases --format xlsx (nice 10, as people run it)"
for v in before after; do
	load
	DESK_DB=$db /usr/bin/time -f "  $v: wall %e s, user %U s, sys %S s, max RSS %M KB" \
		"$out/desk-$v" export cases --format xlsx --out "$out/cases-$v.xlsx" --force
	rm -f "$out/cases-$v.xlsx"
done
load

echo "== registrations, one every 20 ms, nothing else running (3,000)"
for v in before after; do
	load
	"$out/$v.test" -test.run '^$' -test.bench 'Register1M$' -test.benchtime 1x -test.timeout 60m | grep Benchmark
done
load

echo "== registrations while another process exports (nice 10 and 0)"
for v in before after; do
	load
	"$out/$v.test" -test.run '^$' -test.bench 'RegisterWhileExporting1M' -test.benchtime 1x -test.timeout 60m | grep -E 'Benchmark|bench:'
done
load
