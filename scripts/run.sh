#!/usr/bin/env bash
# Serve union_cases with demo data on http://localhost:8000.
#
#   sudo scripts/run.sh               set up what is missing, then serve (Ctrl-C stops)
#   sudo scripts/run.sh --setup-only  set up the site and demo data, do not serve
#   sudo scripts/run.sh --production  production mode: scripts/deploy.sh (nginx, supervisor; README, "Deploying")
#
# Environment: BENCH_DIR (default: ~frappe/frappe-bench), SITE (default: union.localhost),
# PORT (default: 8000), ADMIN_PASSWORD / DB_ROOT_PASSWORD (local defaults: admin / root).
[ "${1:-}" = "--production" ] && exec "$(dirname "${BASH_SOURCE[0]}")/deploy.sh" "$@"
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

SITE="${SITE:-union.localhost}"
PORT="${PORT:-8000}"
SETUP_ONLY=0
[ "${1:-}" = "--setup-only" ] && SETUP_ONLY=1

prepare_machine
compile_translations

if site_exists "$SITE"; then
	log "Reusing site $SITE; applying the working tree's changes (migrate)"
	bench_cmd "--site '$SITE' migrate --skip-search-index >/dev/null"
else
	log "Creating site $SITE with $APP_NAME"
	new_site "$SITE" --install-app "$APP_NAME"
fi
configure_local_mail "$SITE"
log "Demo data (idempotent)"
bench_cmd "--site '$SITE' union-cases-demo --password '${DEMO_PASSWORD:-demo}'"
bench_cmd "use '$SITE'" >/dev/null

if [ "$SETUP_ONLY" = 1 ]; then
	log "Site $SITE is ready"
	exit 0
fi

log "Starting background workers and the scheduler"
pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; }
trap cleanup EXIT INT TERM
as_frappe "exec bench worker >logs/union-worker.log 2>&1" & pids+=($!)
as_frappe "exec bench --site '$SITE' schedule >logs/union-schedule.log 2>&1" & pids+=($!)
as_frappe "exec ./env/bin/python -W ignore -u -m smtpd -n -c DebuggingServer 127.0.0.1:$LOCAL_SMTP_PORT >>logs/union-mail.log 2>&1" &
pids+=($!)

cat <<MSG

  union_cases is running on http://localhost:$PORT  (also http://$SITE:$PORT)
  Log in as Administrator with the local default password '$ADMIN_PASSWORD'
  (set ADMIN_PASSWORD before the first run to choose another), then open
  http://localhost:$PORT/app/union-cases
  Demo staff (password '${DEMO_PASSWORD:-demo}'): operator.garmen@example.org, advokat.garmen@example.org,
  pengurus.garmen@example.org (likewise .sawit and .konstruksi), admin.serikat@example.org.
  Mail the site sends is written to $BENCH_DIR/logs/union-mail.log.
  Stop with Ctrl-C.

MSG
as_frappe "exec bench serve --port '$PORT' --noreload" & pids+=($!)
wait "${pids[-1]}"
