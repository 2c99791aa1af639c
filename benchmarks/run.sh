#!/usr/bin/env bash
# The scale benchmark (README, "Benchmark"): a national union's size on a site of its own.
#
#   sudo benchmarks/run.sh
#
# Creates (or reuses) the site $BENCH_SITE with the app, generates $BENCH_MEMBERS members and
# $BENCH_CASES cases with the bulk demo generator unless they are there already, migrates the site to
# the working tree (indexes included), then runs benchmarks/measure.py, which prints a table and writes
# benchmarks/results/latest.json. Set BENCH_DIR and the other variables of scripts/lib.sh as for run.sh.

source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"

BENCH_SITE="${BENCH_SITE:-union-bench.localhost}"
BENCH_MEMBERS="${BENCH_MEMBERS:-1000000}"
BENCH_CASES="${BENCH_CASES:-300000}"
BENCH_RUNS="${BENCH_RUNS:-10}"
# the tree and the employers grow with the size: 300 members per unit of size
BENCH_SIZE=$(( (BENCH_MEMBERS + 299) / 300 ))
RESULTS="$BENCH_DIR/apps/$APP_NAME/benchmarks/results"

prepare_machine
if ! site_exists "$BENCH_SITE"; then
	log "Creating the benchmark site $BENCH_SITE"
	new_site "$BENCH_SITE" --install-app "$APP_NAME"
else
	bench_cmd "--site '$BENCH_SITE' list-apps" 2>/dev/null | grep "^$APP_NAME" >/dev/null \
		|| bench_cmd "--site '$BENCH_SITE' install-app '$APP_NAME'"
	log "Migrating $BENCH_SITE to the working tree"
	bench_cmd "--site '$BENCH_SITE' migrate >/dev/null"
fi
compile_translations

count() {
	bench_cmd "--site '$BENCH_SITE' execute frappe.db.count --args \"['$1']\"" 2>/dev/null | tail -1 | tr -dc '0-9'
}
mkdir -p "$RESULTS"
chown "$FRAPPE_USER:" "$RESULTS"
members="$(count Member)"
cases="$(count Case)"
if [ "${members:-0}" -lt "$BENCH_MEMBERS" ] || [ "${cases:-0}" -lt "$BENCH_CASES" ]; then
	log "Generating $BENCH_MEMBERS members and $BENCH_CASES cases (has $members and $cases); several minutes"
	bench_cmd "--site '$BENCH_SITE' union-cases-demo --bulk --size $BENCH_SIZE --members $BENCH_MEMBERS --cases $BENCH_CASES" \
		| tee "$RESULTS/generation.log"
else
	log "The data is there ($members members, $cases cases): not generating"
fi

log "Measuring ($BENCH_RUNS runs each)"
as_frappe "cd sites && ../env/bin/python ../apps/$APP_NAME/benchmarks/measure.py --site '$BENCH_SITE' --runs $BENCH_RUNS \
	--generation-log ../apps/$APP_NAME/benchmarks/results/generation.log --output ../apps/$APP_NAME/benchmarks/results/latest.json"
mkdir -p "$REPO_DIR/benchmarks/results"
cp "$RESULTS"/*.json "$RESULTS"/*.log "$REPO_DIR/benchmarks/results/" 2>/dev/null || true
