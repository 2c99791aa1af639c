#!/usr/bin/env bash
# The load drill (README, "Deploying > Measured"): many people at once against the production server
# (scripts/deploy.sh) on 127.0.0.1, with locust, headless, in stages that end by themselves; prints per
# stage the requests per second, p50/p95/p99 per request type, the answers by status and where the CPU
# went, and the app's throughput as a ratio of Frappe's own ping on the same server.
#
#   sudo STAFF_PASSWORD=... benchmarks/load_drill.sh
#
# Environment: BENCH_DIR, SITE, NGINX_PORT as for scripts/deploy.sh; STAFF_PASSWORD, the demo staff's
# password (the operators log in with it); LOAD_SIZE, the demo data's size to make first (default 1:
# 300 members, 60 cases; 10 makes ten times as many; nothing is made when the site has it already);
# LOAD_TARGET, the most simulated users (default 200); LOAD_STAGE_SECONDS (default 45); LOAD_MEMBERS,
# how many members log in (default 100). Locust is installed into a virtual environment of its own
# (LOAD_VENV, default ~frappe/.locust-venv), never into the bench's. Writes the figures to
# benchmarks/results/load-latest.json of the working tree as well.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
SITE="${SITE:-union.localhost}"
NGINX_PORT="${NGINX_PORT:-80}"
: "${STAFF_PASSWORD:?set STAFF_PASSWORD (the demo staff users password)}"
LOAD_SIZE="${LOAD_SIZE:-1}"
LOAD_TARGET="${LOAD_TARGET:-200}"
LOAD_MEMBERS="${LOAD_MEMBERS:-100}"
LOAD_VENV="${LOAD_VENV:-$FRAPPE_HOME/.locust-venv}"
LOCUST_VERSION="2.47.0"
require_root
curl -fs "http://127.0.0.1:$NGINX_PORT/api/method/ping" | grep -q pong \
	|| die "nothing answers on port $NGINX_PORT: start production mode first (scripts/deploy.sh)"

if ! "$LOAD_VENV/bin/locust" --version 2>/dev/null | grep -q "$LOCUST_VERSION"; then
	log "Installing locust $LOCUST_VERSION into $LOAD_VENV"
	python3 -m venv "$LOAD_VENV"
	"$LOAD_VENV/bin/pip" install -q "locust==$LOCUST_VERSION"
fi

WORK="$(mktemp -d)"
chown "$FRAPPE_USER:" "$WORK"
trap '[ "${KEEP_WORK:-0}" = 1 ] || rm -rf "$WORK"' EXIT
if [ "$LOAD_SIZE" -gt 1 ]; then
	log "Demo data of size $LOAD_SIZE (only what is missing)"
	bench_cmd "--site '$SITE' union-cases-demo --size $LOAD_SIZE --password '$STAFF_PASSWORD'" | tail -1
fi
member_password="$(openssl rand -hex 12)"
log "Members who log in ($LOAD_MEMBERS)"
as_frappe "cd sites && ../env/bin/python ../apps/$APP_NAME/benchmarks/load_fixtures.py --site '$SITE' \
	--members $LOAD_MEMBERS --password '$member_password' --output '$WORK/fixtures.json'"
"$BENCH_DIR/env/bin/python" -c "from PIL import Image; Image.new('RGB', (1024, 768), (90, 120, 60)).save('$WORK/photo.jpg', quality=80)"
ulimit -n 10000

run_locust() { # kind
	LOAD_KIND="$1" LOAD_FIXTURES="$WORK/fixtures.json" LOAD_MEMBER_PASSWORD="$member_password" \
		LOAD_STAFF_PASSWORD="$STAFF_PASSWORD" LOAD_OUTPUT="$WORK/results-$1.json" LOAD_PHOTO="$WORK/photo.jpg" \
		LOAD_TARGET="$LOAD_TARGET" "$LOAD_VENV/bin/locust" -f "$REPO_DIR/benchmarks/locustfile.py" --headless \
		--host "http://127.0.0.1:$NGINX_PORT" --only-summary --loglevel WARNING >"$WORK/locust-$1.log" 2>&1 || true
}
log "Load 1/5: Frappe's ping alone, no think time (the floor)"
run_locust ping
log "Load 2/5: the app's pages, no think time (its throughput)"
run_locust capacity
log "Load 3/5: guests' pages (/complaint, /knowledge), no think time"
run_locust guest
log "Load 4/5: members' pages (/my-cases, a case page), no think time"
run_locust member
log "Load 5/5: the mix with think time, stages of ${LOAD_STAGE_SECONDS:-45}s up to $LOAD_TARGET users (ends by itself)"
run_locust mix

"$BENCH_DIR/env/bin/python" - "$WORK" <<'PY'
import json, sys
work = sys.argv[1]
merged = {"stages": [], "samples": {}}
for kind in ("ping", "capacity", "guest", "member", "mix"):
	try:
		part = json.load(open(f"{work}/results-{kind}.json"))
	except OSError:
		continue
	merged["fixtures"] = part["fixtures"]
	merged["stages"] += part["stages"]
	merged["samples"].update(part.get("samples", {}))
json.dump(merged, open(f"{work}/results.json", "w"), indent=1)
PY
mkdir -p "$REPO_DIR/benchmarks/results"
cp "$WORK/results.json" "$REPO_DIR/benchmarks/results/load-latest.json"
"$BENCH_DIR/env/bin/python" "$REPO_DIR/benchmarks/load_report.py" "$WORK/results.json"
