#!/usr/bin/env bash
# Production: union_cases behind nginx, every process supervised (README, "Deploying").
#
#   sudo DB_ROOT_PASSWORD=... ADMIN_PASSWORD=... SITE=cases.example.org scripts/deploy.sh
#   sudo scripts/deploy.sh --start     start nginx, supervisor and cron again (a machine without systemd)
#   sudo scripts/deploy.sh --stop      stop them (this bench's programs, supervisord, nginx)
#   sudo scripts/deploy.sh --status    what supervisor runs, and Frappe's ping through nginx
#   (scripts/run.sh --production is the same as the first line)
#
# The set-up is bench's own production set-up (`bench setup production` = `bench setup supervisor`,
# `bench setup nginx`, their links into /etc/supervisor/conf.d and /etc/nginx/conf.d, and a reload),
# with nginx and supervisor from Debian's packages instead of bench's Ansible roles. Written here is
# only the difference:
#   - the documented local passwords (README: MariaDB root, Administrator, demo staff) are refused;
#   - gunicorn workers sized to this machine's cores (2 x cores + 1, as bench computes at init);
#   - nginx's client_max_body_size and Frappe's request limit sized to the portal's uploads
#     (union_cases_max_upload_mb x 5 files + 1 MB; bench writes 50m, Frappe allows 25 MB);
#   - System Settings: no tracebacks to visitors, encrypted backups (union-cases-production);
#   - maintenance mode and a paused scheduler while an existing site migrates;
#   - Redis handed to supervisor (restarted on failure like the rest), cron started for bench's
#     backup job (`bench setup backups`, every 6 hours) and Debian's daily logrotate of nginx's logs;
#     supervisor rotates the programs' logs itself (50 MB x 10), Frappe its own (frappe.log...).
#
# Environment (besides scripts/lib.sh's BENCH_DIR, DB_ROOT_USER, DB_ROOT_PASSWORD, ADMIN_PASSWORD):
#   SITE        the site (default union.localhost); name it after its domain in production
#   NGINX_PORT  the port nginx serves the site on (default 80; bench setup lets-encrypt adds 443)
#   WITH_DEMO   1 loads the demo data (needs a DEMO_PASSWORD of your own); default 0
#   HOST_NAME   the site's public address for links in mail, e.g. https://cases.example.org
#   TRUSTED_PROXY  behind another proxy or load balancer: its addresses (e.g. "10.0.0.5 10.0.1.0/24"),
#               whose X-Forwarded-For nginx then believes, so the per-address limits see the visitor
set -euo pipefail

# What the caller set, before lib.sh fills in the documented local defaults.
GIVEN_DB_ROOT_PASSWORD="${DB_ROOT_PASSWORD:-}"
GIVEN_ADMIN_PASSWORD="${ADMIN_PASSWORD:-}"
GIVEN_DEMO_PASSWORD="${DEMO_PASSWORD:-}"
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

SITE="${SITE:-union.localhost}"
NGINX_PORT="${NGINX_PORT:-80}"
WITH_DEMO="${WITH_DEMO:-0}"
HOST_NAME="${HOST_NAME:-}"
TRUSTED_PROXY="${TRUSTED_PROXY:-}"
BENCH_NAME="$(basename "$BENCH_DIR")"
ACTION="${1:-deploy}"

site_config_value() {
	as_frappe "./env/bin/python -c 'import json; print(json.load(open(\"sites/$SITE/site_config.json\")).get(\"$1\", \"\"))'"
}

webserver_port() { sed -n 's/.*"webserver_port": *\([0-9]*\).*/\1/p' "$BENCH_DIR/sites/common_site_config.json"; }

ping_nginx() {
	curl -fsS --max-time 5 "http://127.0.0.1:$NGINX_PORT/api/method/ping" 2>/dev/null | grep -q pong
}

start_services() {
	# Debian's init scripts work with or without systemd as PID 1.
	if ! mysqladmin ping >/dev/null 2>&1; then
		log "Starting MariaDB"
		service mariadb start >/dev/null 2>&1 || (mysqld_safe >/dev/null 2>&1 &)
		for _ in $(seq 1 60); do mysqladmin ping >/dev/null 2>&1 && break; sleep 1; done
	fi
	if ! pgrep -x supervisord >/dev/null; then
		log "Starting supervisord"
		service supervisor start >/dev/null 2>&1 || supervisord -c /etc/supervisor/supervisord.conf
		for _ in $(seq 1 20); do [ -S /var/run/supervisor.sock ] && break; sleep 0.5; done
	fi
	supervisorctl reread >/dev/null
	supervisorctl update >/dev/null
	supervisorctl start "$BENCH_NAME-redis:*" "$BENCH_NAME-web:*" "$BENCH_NAME-workers:*" >/dev/null 2>&1 || true
	nginx -t -q
	if pgrep -x nginx >/dev/null; then
		nginx -s reload
	else
		log "Starting nginx"
		service nginx start >/dev/null 2>&1 || nginx
	fi
	pgrep -x cron >/dev/null || { service cron start >/dev/null 2>&1 || cron; }
}

wait_until_serving() {
	for _ in $(seq 1 90); do ping_nginx && return 0; sleep 1; done
	die "nginx does not answer /api/method/ping on port $NGINX_PORT; see $BENCH_DIR/logs/web.error.log"
}

status() {
	supervisorctl status "$BENCH_NAME-redis:*" "$BENCH_NAME-web:*" "$BENCH_NAME-workers:*" || true
	if ping_nginx; then echo "ping through nginx on port $NGINX_PORT: pong"; else echo "ping through nginx: no answer"; fi
}

case "$ACTION" in
--stop)
	require_root
	log "Stopping this bench's programs, supervisord and nginx"
	supervisorctl stop "$BENCH_NAME-web:*" "$BENCH_NAME-workers:*" "$BENCH_NAME-redis:*" "$BENCH_NAME-mail-sink" >/dev/null 2>&1 || true
	service supervisor stop >/dev/null 2>&1 || true
	pgrep -x supervisord >/dev/null && kill "$(cat /var/run/supervisord.pid)" 2>/dev/null || true
	service nginx stop >/dev/null 2>&1 || nginx -s quit 2>/dev/null || true
	exit 0 ;;
--start)
	require_root
	start_services
	wait_until_serving
	status
	exit 0 ;;
--status) status; exit 0 ;;
deploy | --production) ;;
*) die "unknown argument $ACTION (deploy, --start, --stop, --status)" ;;
esac

require_root

# 1. No documented default password in production.
refuse_default() { # name, value given, documented default
	[ -n "$2" ] || die "production mode: set $1 (the local default '$3' is documented, so it is refused)"
	[ "$2" != "$3" ] || die "production mode: $1 is the documented default '$3'; choose your own"
}
refuse_default DB_ROOT_PASSWORD "$GIVEN_DB_ROOT_PASSWORD" "$DOCUMENTED_DB_ROOT_PASSWORD"
if ! site_exists "$SITE"; then
	refuse_default ADMIN_PASSWORD "$GIVEN_ADMIN_PASSWORD" "$DOCUMENTED_ADMIN_PASSWORD"
fi
if [ "$WITH_DEMO" = 1 ]; then
	refuse_default DEMO_PASSWORD "$GIVEN_DEMO_PASSWORD" "$DOCUMENTED_DEMO_PASSWORD"
fi

# 2. The machine, the bench and the app, as for scripts/run.sh; then nginx, supervisor and cron.
prepare_machine
compile_translations
missing=()
for pkg in nginx supervisor cron logrotate; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
if [ "${#missing[@]}" -gt 0 ]; then
	log "Installing ${missing[*]} (Debian packages)"
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
if mariadb -u"$DB_ROOT_USER" -p"$DOCUMENTED_DB_ROOT_PASSWORD" -h127.0.0.1 -e "select 1" >/dev/null 2>&1; then
	die "MariaDB's $DB_ROOT_USER still accepts the documented password '$DOCUMENTED_DB_ROOT_PASSWORD'"
fi
[ "$DB_ROOT_USER" = root ] || ! mariadb -uroot -p"$DOCUMENTED_DB_ROOT_PASSWORD" -h127.0.0.1 -e "select 1" >/dev/null 2>&1 \
	|| log "warning: MariaDB's root still accepts the documented password '$DOCUMENTED_DB_ROOT_PASSWORD'; change it"

# 3. The site: created, or migrated to this version in maintenance mode.
if site_exists "$SITE"; then
	log "Migrating $SITE in maintenance mode (visitors get Frappe's 503 page meanwhile)"
	bench_cmd "--site '$SITE' set-maintenance-mode on"
	bench_cmd "--site '$SITE' set-config pause_scheduler 1 --parse"
	bench_cmd "--site '$SITE' migrate" >/dev/null \
		|| die "migrate failed; $SITE stays in maintenance mode: fix it and run again (or: bench --site $SITE set-maintenance-mode off)"
	bench_cmd "--site '$SITE' set-config pause_scheduler 0 --parse"
	bench_cmd "--site '$SITE' set-maintenance-mode off"
else
	log "Creating site $SITE with $APP_NAME"
	new_site "$SITE" --install-app "$APP_NAME"
fi
if [ "$WITH_DEMO" = 1 ]; then
	log "Demo data (idempotent)"
	bench_cmd "--site '$SITE' union-cases-demo --password '$GIVEN_DEMO_PASSWORD'"
fi
[ -z "$HOST_NAME" ] || bench_cmd "--site '$SITE' set-config host_name '$HOST_NAME'"
bench_cmd "--site '$SITE' enable-scheduler" >/dev/null
bench_cmd "use '$SITE'" >/dev/null
log "Production settings of $SITE"
bench_cmd "--site '$SITE' union-cases-production" \
	|| die "production mode: not serving (see the message above)"
request_mb="$(( $(site_config_value max_file_size) / 1048576 ))"

# 4. Bench's production configuration (supervisor, nginx), and the difference.
cores="$(nproc)"
bench_cmd "config set-common-config -c gunicorn_workers $((2 * cores + 1))" >/dev/null
bench_cmd "--site '$SITE' set-config nginx_port '$NGINX_PORT' --parse" >/dev/null
bench_cmd "setup supervisor --user '$FRAPPE_USER' --yes --skip-supervisord" >/dev/null
bench_cmd "setup nginx --yes --log_format combined" >/dev/null
sed -i "s/client_max_body_size [0-9]*m;/client_max_body_size ${request_mb}m;/" "$BENCH_DIR/config/nginx.conf"
ln -sfn "$BENCH_DIR/config/supervisor.conf" "/etc/supervisor/conf.d/$BENCH_NAME.conf"
ln -sfn "$BENCH_DIR/config/nginx.conf" "/etc/nginx/conf.d/$BENCH_NAME.conf"
rm -f /etc/nginx/sites-enabled/default /etc/nginx/conf.d/default.conf
real_ip_conf="/etc/nginx/conf.d/00-$BENCH_NAME-real-ip.conf"
if [ -n "$TRUSTED_PROXY" ]; then
	{
		for net in $TRUSTED_PROXY; do echo "set_real_ip_from $net;"; done
		echo "real_ip_header X-Forwarded-For;"
		echo "real_ip_recursive on;"
	} > "$real_ip_conf"
else
	rm -f "$real_ip_conf"
fi
# A site scripts/run.sh made sends its mail to a local sink (nothing leaves the machine): keep that sink
# running under supervisor too, until a real mail server is configured (README, "Deploying > Mail").
sink_conf="/etc/supervisor/conf.d/$BENCH_NAME-mail-sink.conf"
if [ "$(site_config_value mail_server)" = 127.0.0.1 ] && [ "$(site_config_value mail_port)" = "$LOCAL_SMTP_PORT" ]; then
	log "warning: $SITE sends mail to the local sink on port $LOCAL_SMTP_PORT (logs/union-mail.log), not to anyone"
	cat > "$sink_conf" <<-CONF
	[program:$BENCH_NAME-mail-sink]
	command=$BENCH_DIR/env/bin/python -W ignore -u -m smtpd -n -c DebuggingServer 127.0.0.1:$LOCAL_SMTP_PORT
	autostart=true
	autorestart=true
	stdout_logfile=$BENCH_DIR/logs/union-mail.log
	redirect_stderr=true
	user=$FRAPPE_USER
	directory=$BENCH_DIR
	CONF
else
	rm -f "$sink_conf"
fi
chmod o+rx "$FRAPPE_HOME"
# The frappe user may drive supervisor (bench restart, bench update), as bench's own check sets it.
sup_conf=/etc/supervisor/supervisord.conf
if ! grep -q "^chown=$FRAPPE_USER:$FRAPPE_USER" "$sup_conf"; then
	sed -i "s/^chmod=0700 .*/chmod=0760/; /^\[unix_http_server\]/a chown=$FRAPPE_USER:$FRAPPE_USER" "$sup_conf"
	pgrep -x supervisord >/dev/null && { service supervisor stop >/dev/null 2>&1 || true; sleep 2; }
fi
bench_cmd "setup backups" >/dev/null

# Redis runs under supervisor from now on: stop what scripts/lib.sh started on its own.
for conf in redis_cache redis_queue; do
	port="$(sed -n 's/^port \([0-9]*\)/\1/p' "$BENCH_DIR/config/$conf.conf")"
	if redis-cli -p "$port" ping >/dev/null 2>&1 \
		&& ! supervisorctl status "$BENCH_NAME-redis:$BENCH_NAME-${conf/_/-}" 2>/dev/null | grep -q RUNNING; then
		redis-cli -p "$port" shutdown >/dev/null 2>&1 || true
	fi
done

# 5. Start, and restart what runs the old code.
start_services
supervisorctl restart "$BENCH_NAME-web:*" "$BENCH_NAME-workers:*" >/dev/null
wait_until_serving

cat <<MSG

  union_cases runs in production mode: nginx on port $NGINX_PORT -> gunicorn ($((2 * cores + 1)) workers) on
  127.0.0.1:$(webserver_port), socketio, the short/default/long workers and the scheduler, all under supervisor
  (restarted on failure). Uploads up to ${request_mb} MB a request.
  Site: $SITE   (http://$SITE:$NGINX_PORT, or this machine's address)
  Backups: every 6 hours (cron), encrypted; keep backup_encryption_key of sites/$SITE/site_config.json
  and copies of sites/$SITE/private/backups off this machine (README, "Deploying").
  After a reboot on a machine without systemd: sudo scripts/deploy.sh --start

MSG
status
