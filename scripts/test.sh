#!/usr/bin/env bash
# Run the whole test suite of union_cases against fresh sites, as CI does.
#
#   sudo scripts/test.sh
#
# Creates the site union-test.localhost anew, installs the app from the working tree as it is now,
# runs every test with CI=1, then checks install and uninstall on a site with ERPNext
# (set WITH_ERPNEXT=0 to skip that part), and walks the member portal in Chromium with the demo data
# and sweeps the desk as each role (set WITH_BROWSER=0 to skip both; screenshots go to
# test-artifacts/screenshots and test-artifacts/screenshots/desk), and lints the code
# (ruff, copied code; WITH_LINT=0 skips). The last line is
# "N passed, N failed"; any failure exits 1.
# Environment: BENCH_DIR (default: ~frappe/frappe-bench), TEST_SITE, ERPNEXT_TEST_SITE, BROWSER_PORT.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

TEST_SITE="${TEST_SITE:-union-test.localhost}"
ERPNEXT_TEST_SITE="${ERPNEXT_TEST_SITE:-union-erpnext-test.localhost}"
WITH_ERPNEXT="${WITH_ERPNEXT:-1}"
WITH_BROWSER="${WITH_BROWSER:-1}"
BROWSER_PORT="${BROWSER_PORT:-8010}"
PLAYWRIGHT_VERSION="1.65.1"
ARTIFACTS="$REPO_DIR/test-artifacts"
export CI=1

started=$(date +%s)
prepare_machine
# The app's test-only Python packages ([tool.bench.dev-dependencies] in pyproject.toml: freezegun,
# which FrappeTestCase.freeze_time needs), once per bench
as_frappe "./env/bin/python -c 'import freezegun'" >/dev/null 2>&1 ||
	bench_cmd "setup requirements --dev '$APP_NAME'"
compile_translations
mkdir -p "$ARTIFACTS"
chown "$FRAPPE_USER:" "$ARTIFACTS"

fresh_site() {
	local site="$1"; shift
	if site_exists "$site"; then
		bench_cmd "drop-site '$site' --force --no-backup --db-root-password '$DB_ROOT_PASSWORD' >/dev/null"
		rm -rf "$BENCH_DIR/archived_sites/$site"*
	fi
	new_site "$site" "$@"
	bench_cmd "--site '$site' set-config allow_tests true >/dev/null"
	configure_local_mail "$site"
}

passed=0
failed=0
# Read unittest's summary ("Ran N tests", then "OK (skipped=c)" or "FAILED (failures=a, errors=b,
# skipped=c)") from a log. Only those lines count: Frappe's runner prints its own
# "<TimeLoggingTestResult run=N errors=b failures=a>" for the same tests, which must not count twice.
count_results() {
	local log="$1" ran bad skipped summaries
	ran=$({ grep -Eo '^Ran [0-9]+ tests?' "$log" || true; } | awk '{s+=$2} END {print s+0}')
	summaries=$({ grep -E '^(OK|FAILED) \(' "$log" || true; })
	bad=$({ grep -Eo '(failures|errors)=[0-9]+' <<<"$summaries" || true; } | cut -d= -f2 | awk '{s+=$1} END {print s+0}')
	skipped=$({ grep -Eo 'skipped=[0-9]+' <<<"$summaries" || true; } | cut -d= -f2 | awk '{s+=$1} END {print s+0}')
	if [ "$ran" = 0 ]; then bad=$((bad + 1)); fi
	passed=$((passed + ran - bad - skipped))
	failed=$((failed + bad))
}

log "Creating a fresh test site $TEST_SITE"
fresh_site "$TEST_SITE" --install-app "$APP_NAME"

log "Running the test suite on $TEST_SITE"
set +e
bench_cmd "--site '$TEST_SITE' run-tests --app '$APP_NAME'" 2>&1 | tee "$ARTIFACTS/tests.log"
status=${PIPESTATUS[0]}
set -e
count_results "$ARTIFACTS/tests.log"
[ "$status" = 0 ] || grep -qE '(failures|errors)=' "$ARTIFACTS/tests.log" || failed=$((failed + 1))
# the route x persona matrix of the security sweep (union_cases/tests/test_route_sweep.py)
sed -n '/^==== route matrix/,/^==== end of route matrix/p' "$ARTIFACTS/tests.log" > "$ARTIFACTS/route-matrix.txt"

# The member's journey in a real browser: Debian's Chromium driven by Playwright (the library only;
# it downloads no browser), against the test site served on BROWSER_PORT with the demo data.
ensure_playwright() {
	local dir="$FRAPPE_HOME/.union-browser"
	if [ ! -f "$dir/node_modules/playwright-core/package.json" ] ||
		! grep -q "\"version\": \"$PLAYWRIGHT_VERSION\"" "$dir/node_modules/playwright-core/package.json"; then
		log "Installing playwright-core $PLAYWRIGHT_VERSION (npm) into $dir"
		as_frappe "mkdir -p '$dir' && npm install --silent --no-audit --no-fund --prefix '$dir' playwright-core@$PLAYWRIGHT_VERSION >/dev/null"
	fi
}

stop_browser_server() {
	pkill -f "serve --port $BROWSER_PORT" 2>/dev/null || true
}

if [ "$WITH_BROWSER" = 1 ]; then
	log "Browser test: the member portal in Chromium"
	ensure_playwright
	staff_password="$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
	bench_cmd "--site '$TEST_SITE' union-cases-demo --password '$staff_password'" > "$ARTIFACTS/browser-demo.log" 2>&1
	stop_browser_server
	as_frappe "nohup bench --site '$TEST_SITE' serve --port $BROWSER_PORT --noreload > '$ARTIFACTS/browser-server.log' 2>&1 &"
	for _ in $(seq 1 60); do
		curl -sf -o /dev/null "http://127.0.0.1:$BROWSER_PORT/api/method/ping" && break
		sleep 1
	done
	rm -rf "$ARTIFACTS/screenshots"
	set +e
	as_frappe "NODE_PATH='$FRAPPE_HOME/.union-browser/node_modules' BASE_URL='http://127.0.0.1:$BROWSER_PORT' \
		CHROMIUM=\"\$(command -v chromium)\" STAFF_PASSWORD='$staff_password' ADMIN_PASSWORD='$ADMIN_PASSWORD' \
		SCREENSHOTS='$ARTIFACTS/screenshots' node '$BENCH_DIR/apps/$APP_NAME/union_cases/tests/browser/portal_flow.js'" \
		2>&1 | tee "$ARTIFACTS/tests-browser.log"
	# The desk as each role meets it: every workspace item, report, list and form at 1280 and 390 px
	log "Browser test: the desk as each role meets it (union_cases/tests/browser/desk_sweep.js)"
	as_frappe "NODE_PATH='$FRAPPE_HOME/.union-browser/node_modules' BASE_URL='http://127.0.0.1:$BROWSER_PORT' \
		CHROMIUM=\"\$(command -v chromium)\" STAFF_PASSWORD='$staff_password' ADMIN_PASSWORD='$ADMIN_PASSWORD' \
		SCREENSHOTS='$ARTIFACTS/screenshots/desk' node '$BENCH_DIR/apps/$APP_NAME/union_cases/tests/browser/desk_sweep.js'" \
		2>&1 | tee "$ARTIFACTS/tests-desk-sweep.log"
	# The member's side as each person meets it: every portal page at 390 and 1280 px, the buttons, 3G
	log "Browser test: the member's side as each person meets it (union_cases/tests/browser/portal_sweep.js)"
	as_frappe "NODE_PATH='$FRAPPE_HOME/.union-browser/node_modules' BASE_URL='http://127.0.0.1:$BROWSER_PORT' \
		CHROMIUM=\"\$(command -v chromium)\" STAFF_PASSWORD='$staff_password' ADMIN_PASSWORD='$ADMIN_PASSWORD' \
		SCREENSHOTS='$ARTIFACTS/screenshots/portal' node '$BENCH_DIR/apps/$APP_NAME/union_cases/tests/browser/portal_sweep.js'" \
		2>&1 | tee "$ARTIFACTS/tests-portal-sweep.log"
	set -e
	stop_browser_server
	for browser_log in tests-browser.log tests-desk-sweep.log tests-portal-sweep.log; do
		browser_summary="$(grep -Eo '^[0-9]+ passed, [0-9]+ failed' "$ARTIFACTS/$browser_log" | tail -1)"
		if [ -n "$browser_summary" ]; then
			passed=$((passed + $(echo "$browser_summary" | cut -d' ' -f1)))
			failed=$((failed + $(echo "$browser_summary" | cut -d' ' -f3)))
		else
			failed=$((failed + 1))
		fi
	done
fi

# Lint (WITH_LINT=0 skips): ruff's checks and format as pyproject.toml sets them, and copied code
# kept under a ceiling: pylint's duplicate-code (6 similar lines or more, imports and signatures not
# counted) may report at most DUPLICATE_CEILING blocks. The ones left are Frappe's generated type
# blocks of child doctypes that share a field. Import direction is checked by tests/test_architecture.py.
DUPLICATE_CEILING="${DUPLICATE_CEILING:-3}"
if [ "${WITH_LINT:-1}" = 1 ]; then
	lint_venv="$FRAPPE_HOME/.union-lint"
	if ! "$lint_venv/bin/ruff" --version 2>/dev/null | grep -q "0.8.6" || [ ! -x "$lint_venv/bin/pylint" ]; then
		log "Installing ruff and pylint into $lint_venv"
		as_frappe "/usr/bin/python3 -m venv '$lint_venv' && '$lint_venv/bin/pip' install -q 'ruff==0.8.6' 'pylint==3.3.9'"
	fi
	log "Lint: ruff, and copied code (at most $DUPLICATE_CEILING blocks)"
	lint_failed=0
	(cd "$REPO_DIR" && "$lint_venv/bin/ruff" check union_cases benchmarks && "$lint_venv/bin/ruff" format --check union_cases benchmarks) \
		> "$ARTIFACTS/lint.log" 2>&1 || lint_failed=1
	duplicates=$(cd "$REPO_DIR" && "$lint_venv/bin/pylint" --disable=all --enable=duplicate-code \
		--min-similarity-lines=6 --ignore-imports=yes --ignore-signatures=yes union_cases 2>&1 | tee -a "$ARTIFACTS/lint.log" | grep -c R0801 || true)
	echo "copied-code blocks: $duplicates (ceiling $DUPLICATE_CEILING)" | tee -a "$ARTIFACTS/lint.log"
	[ "$duplicates" -le "$DUPLICATE_CEILING" ] || lint_failed=1
	if [ "$lint_failed" = 0 ]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		cat "$ARTIFACTS/lint.log"
	fi
fi

if [ "$WITH_ERPNEXT" = 1 ]; then
	ensure_erpnext
	if ! site_exists "$ERPNEXT_TEST_SITE"; then
		log "Creating $ERPNEXT_TEST_SITE with ERPNext (once; reused by later runs)"
		fresh_site "$ERPNEXT_TEST_SITE" --install-app erpnext
	fi
	log "Installing $APP_NAME on $ERPNEXT_TEST_SITE (ERPNext present)"
	set +e
	{
		if grep -q "\"$APP_NAME\"" <(bench_cmd "--site '$ERPNEXT_TEST_SITE' list-apps --format json" 2>/dev/null); then
			bench_cmd "--site '$ERPNEXT_TEST_SITE' uninstall-app '$APP_NAME' --yes --no-backup --force"
		fi
		bench_cmd "--site '$ERPNEXT_TEST_SITE' install-app '$APP_NAME'" &&
			bench_cmd "--site '$ERPNEXT_TEST_SITE' run-tests --module union_cases.tests.test_install" &&
			bench_cmd "--site '$ERPNEXT_TEST_SITE' run-tests --module union_cases.tests.test_dues_erpnext"
	} 2>&1 | tee "$ARTIFACTS/tests-erpnext.log"
	status=${PIPESTATUS[0]}
	set -e
	count_results "$ARTIFACTS/tests-erpnext.log"
	[ "$status" = 0 ] || grep -qE '(failures|errors)=' "$ARTIFACTS/tests-erpnext.log" || failed=$((failed + 1))
fi

log "Finished in $(( $(date +%s) - started )) s; logs in test-artifacts/"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
