#!/usr/bin/env bash
# Shared set-up for scripts/run.sh and scripts/test.sh.
# Sourced, not run. Everything here is idempotent: a second run only checks and starts what is missing.

set -euo pipefail

APP_NAME="union_cases"
FRAPPE_USER="${FRAPPE_USER:-frappe}"
FRAPPE_HOME="$(getent passwd "$FRAPPE_USER" 2>/dev/null | cut -d: -f6 || true)"
FRAPPE_HOME="${FRAPPE_HOME:-/home/$FRAPPE_USER}"
BENCH_DIR="${BENCH_DIR:-$FRAPPE_HOME/frappe-bench}"
FRAPPE_BRANCH="${FRAPPE_BRANCH:-version-15}"
FRAPPE_REPO="${FRAPPE_REPO:-https://github.com/frappe/frappe}"
ERPNEXT_REPO="${ERPNEXT_REPO:-https://github.com/frappe/erpnext}"
# Documented local defaults (README): change them for anything but a local machine.
# Production mode (scripts/deploy.sh) refuses these and asks for your own.
DOCUMENTED_DB_ROOT_PASSWORD=root
DOCUMENTED_ADMIN_PASSWORD=admin
DOCUMENTED_DEMO_PASSWORD=demo
DB_ROOT_USER="${DB_ROOT_USER:-root}"
DB_ROOT_PASSWORD="${DB_ROOT_PASSWORD:-$DOCUMENTED_DB_ROOT_PASSWORD}"
ADMIN_PASSWORD="${ADMIN_PASSWORD:-$DOCUMENTED_ADMIN_PASSWORD}"

REPO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH_CLI_VENV="$FRAPPE_HOME/.bench-cli"
CONSTRAINTS_FILE="$FRAPPE_HOME/.bench-constraints.txt"

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

require_root() {
	[ "$(id -u)" = "0" ] || die "run this script as root (it installs system packages and runs bench as '$FRAPPE_USER')"
}

# Run a command as the frappe user inside the bench, with the bench CLI on PATH.
as_frappe() {
	# Pass on only what reaching the package registries needs (CA bundles, proxies, index settings).
	local passed=() name
	for name in $(compgen -e); do
		case "$name" in
		*CERT* | *_CA_* | *CA_BUNDLE* | *CAINFO* | *[Pp][Rr][Oo][Xx][Yy]* | PIP_INDEX_URL | PIP_EXTRA_INDEX_URL | UV_*)
			passed+=("$name=${!name}") ;;
		esac
	done
	runuser -u "$FRAPPE_USER" -- env -i HOME="$FRAPPE_HOME" USER="$FRAPPE_USER" LANG=C.UTF-8 "${passed[@]}" \
		PATH="$BENCH_CLI_VENV/bin:/usr/local/bin:/usr/bin:/bin" \
		PIP_CONSTRAINT="$CONSTRAINTS_FILE" PIP_DISABLE_PIP_VERSION_CHECK=1 \
		CI="${CI:-}" BENCH_DIR="$BENCH_DIR" \
		bash -c "cd '$BENCH_DIR' 2>/dev/null || cd '$FRAPPE_HOME'; $*"
}

bench_cmd() { as_frappe "bench $*"; }

install_system_packages() {
	local missing=()
	command -v mariadbd >/dev/null 2>&1 || [ -x /usr/sbin/mariadbd ] || missing+=(mariadb-server)
	command -v mariadb >/dev/null 2>&1 || missing+=(mariadb-client)
	command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
	command -v git >/dev/null 2>&1 || missing+=(git)
	command -v rsync >/dev/null 2>&1 || missing+=(rsync)
	command -v curl >/dev/null 2>&1 || missing+=(curl)
	command -v node >/dev/null 2>&1 || missing+=(nodejs npm)
	command -v wkhtmltopdf >/dev/null 2>&1 || missing+=(wkhtmltopdf)
	command -v chromium >/dev/null 2>&1 || missing+=(chromium)
	command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
	dpkg -s python3-venv >/dev/null 2>&1 || missing+=(python3-venv)
	dpkg -s python3-dev >/dev/null 2>&1 || missing+=(python3-dev)
	dpkg -s libmariadb-dev >/dev/null 2>&1 || missing+=(libmariadb-dev)
	dpkg -s pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
	dpkg -s build-essential >/dev/null 2>&1 || missing+=(build-essential)
	dpkg -s fonts-noto-core >/dev/null 2>&1 || missing+=(fonts-noto-core)
	if [ "${#missing[@]}" -gt 0 ]; then
		log "Installing system packages: ${missing[*]}"
		apt-get update -qq
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
	fi
	if ! command -v yarn >/dev/null 2>&1; then
		log "Installing yarn 1.22"
		npm install -g --silent yarn@1.22.22 >/dev/null
	fi
}

ensure_frappe_user() {
	if ! id "$FRAPPE_USER" >/dev/null 2>&1; then
		log "Creating user $FRAPPE_USER"
		useradd -m -s /bin/bash "$FRAPPE_USER"
		FRAPPE_HOME="$(getent passwd "$FRAPPE_USER" | cut -d: -f6)"
	fi
	chmod o+rx "$FRAPPE_HOME"
	printf 'setuptools<81\n' > "$CONSTRAINTS_FILE"
	chown "$FRAPPE_USER:" "$CONSTRAINTS_FILE"
}

configure_mariadb() {
	local cnf=/etc/mysql/mariadb.conf.d/99-union-cases.cnf
	if [ ! -f "$cnf" ]; then
		log "Configuring MariaDB for Frappe (utf8mb4)"
		mkdir -p "$(dirname "$cnf")"
		cat > "$cnf" <<-'EOF'
		[mysqld]
		character-set-client-handshake = FALSE
		character-set-server = utf8mb4
		collation-server = utf8mb4_unicode_ci
		innodb_buffer_pool_size = 1G
		innodb_flush_log_at_trx_commit = 2
		innodb_log_file_size = 256M
		max_allowed_packet = 256M

		[mysql]
		default-character-set = utf8mb4
		EOF
		if mysqladmin ping >/dev/null 2>&1; then
			service mariadb restart >/dev/null 2>&1 || true
		fi
	fi
	if ! mysqladmin ping >/dev/null 2>&1; then
		log "Starting MariaDB"
		service mariadb start >/dev/null 2>&1 || (mysqld_safe >/dev/null 2>&1 &)
		for _ in $(seq 1 60); do mysqladmin ping >/dev/null 2>&1 && break; sleep 1; done
		mysqladmin ping >/dev/null 2>&1 || die "MariaDB did not start"
	fi
	# Frappe creates site databases as root with a password; keep socket login for the system root too.
	# Another administrative account (DB_ROOT_USER) must exist already: it is used, never created.
	if [ "$DB_ROOT_USER" != root ]; then
		mariadb -u"$DB_ROOT_USER" -p"$DB_ROOT_PASSWORD" -h127.0.0.1 -e "select 1" >/dev/null 2>&1 \
			|| die "MariaDB refuses $DB_ROOT_USER with the DB_ROOT_PASSWORD given"
	elif ! mariadb -uroot -p"$DB_ROOT_PASSWORD" -h127.0.0.1 -e "select 1" >/dev/null 2>&1; then
		log "Setting the MariaDB root password (DB_ROOT_PASSWORD; the local default is documented in the README)"
		mariadb -uroot -e "ALTER USER 'root'@'localhost' IDENTIFIED VIA unix_socket OR mysql_native_password USING PASSWORD('$DB_ROOT_PASSWORD'); FLUSH PRIVILEGES;"
	fi
}

ensure_bench_cli() {
	if [ ! -x "$BENCH_CLI_VENV/bin/bench" ]; then
		log "Installing the bench CLI for $FRAPPE_USER"
		runuser -u "$FRAPPE_USER" -- /usr/bin/python3 -m venv "$BENCH_CLI_VENV"
		runuser -u "$FRAPPE_USER" -- "$BENCH_CLI_VENV/bin/pip" install -q "frappe-bench" "setuptools<81"
	fi
}

ensure_bench() {
	if [ ! -d "$BENCH_DIR/apps/frappe" ]; then
		log "Creating a bench at $BENCH_DIR (Frappe $FRAPPE_BRANCH); this takes several minutes"
		[ -e "$BENCH_DIR" ] && die "$BENCH_DIR exists but holds no Frappe app; remove it or set BENCH_DIR"
		mkdir -p "$(dirname "$BENCH_DIR")"
		chown "$FRAPPE_USER:" "$(dirname "$BENCH_DIR")" 2>/dev/null || true
		as_frappe "bench init --frappe-branch '$FRAPPE_BRANCH' --frappe-path '$FRAPPE_REPO' --python /usr/bin/python3 --no-backups '$BENCH_DIR'"
	fi
	as_frappe "./env/bin/python -c 'import setuptools,sys; sys.exit(int(setuptools.__version__.split(\".\")[0]) >= 81)'" \
		|| as_frappe "./env/bin/pip install -q 'setuptools<81'"
}

ensure_erpnext() {
	if [ ! -d "$BENCH_DIR/apps/erpnext" ]; then
		log "Getting ERPNext (version-15)"
		bench_cmd "get-app --branch version-15 '$ERPNEXT_REPO'"
	fi
}

# Put the working tree's app into the bench exactly as it is now (uncommitted changes included).
sync_app() {
	local target="$BENCH_DIR/apps/$APP_NAME"
	log "Copying the working tree into $target"
	mkdir -p "$target"
	rsync -a --delete \
		--exclude '__pycache__' --exclude '*.pyc' --exclude 'node_modules' \
		--exclude '/test-artifacts' --exclude '/.ci-output' \
		"$REPO_DIR/" "$target/"
	chown -R "$FRAPPE_USER:" "$target"
	local stamp="$BENCH_DIR/.${APP_NAME}-pyproject.sha"
	local sum
	sum="$(sha256sum "$target/pyproject.toml" | cut -d' ' -f1)"
	if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$sum" ] \
		|| ! as_frappe "./env/bin/python -c 'import $APP_NAME'" >/dev/null 2>&1; then
		log "Installing $APP_NAME into the bench's Python environment"
		as_frappe "./env/bin/pip install -q -e apps/$APP_NAME"
		echo "$sum" > "$stamp"
		chown "$FRAPPE_USER:" "$stamp"
	fi
	# the app's static files under /assets/union_cases/, linked as `bench build` links them
	if [ ! -e "$BENCH_DIR/sites/assets/$APP_NAME" ]; then
		mkdir -p "$BENCH_DIR/sites/assets"
		ln -s "$target/$APP_NAME/public" "$BENCH_DIR/sites/assets/$APP_NAME"
		chown -h "$FRAPPE_USER:" "$BENCH_DIR/sites/assets/$APP_NAME"
	fi
	grep -qx "$APP_NAME" "$BENCH_DIR/sites/apps.txt" || {
		[ -n "$(tail -c1 "$BENCH_DIR/sites/apps.txt")" ] && echo >> "$BENCH_DIR/sites/apps.txt"
		echo "$APP_NAME" >> "$BENCH_DIR/sites/apps.txt"
	}
}

start_redis() {
	local conf port
	for conf in redis_cache redis_queue; do
		port="$(sed -n 's/^port \([0-9]*\)/\1/p' "$BENCH_DIR/config/$conf.conf")"
		if ! redis-cli -p "$port" ping >/dev/null 2>&1; then
			log "Starting $conf on port $port"
			as_frappe "redis-server config/$conf.conf --daemonize yes >/dev/null"
			for _ in $(seq 1 20); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.5; done
		fi
	done
}

site_exists() { [ -f "$BENCH_DIR/sites/$1/site_config.json" ]; }

new_site() {
	local site="$1"; shift
	bench_cmd "new-site '$site' --db-root-username '$DB_ROOT_USER' --db-root-password '$DB_ROOT_PASSWORD' --admin-password '$ADMIN_PASSWORD' $* >/dev/null"
}

prepare_machine() {
	require_root
	install_system_packages
	ensure_frappe_user
	configure_mariadb
	ensure_bench_cli
	ensure_bench
	start_redis
	sync_app
}

# Compile locale/*.po into the bench's .mo files so the desk shows the app in Indonesian.
compile_translations() {
	bench_cmd "compile-po-to-mo --app '$APP_NAME' --force >/dev/null"
}

# Outgoing mail of a local site goes to a sink on this machine (scripts/run.sh prints it to
# logs/union-mail.log); nothing leaves the machine. Configure a real Email Account for production.
LOCAL_SMTP_PORT="${LOCAL_SMTP_PORT:-2525}"
configure_local_mail() {
	local site="$1"
	bench_cmd "--site '$site' set-config mail_server 127.0.0.1 >/dev/null"
	bench_cmd "--site '$site' set-config mail_port $LOCAL_SMTP_PORT --parse >/dev/null"
	bench_cmd "--site '$site' set-config disable_mail_smtp_authentication 1 --parse >/dev/null"
	bench_cmd "--site '$site' set-config auto_email_id notifications@union.localhost >/dev/null"
}
