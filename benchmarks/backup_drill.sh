#!/usr/bin/env bash
# The backup and restore drill (README, "Deploying > Backups"): back a site up with its files, encrypted
# as Frappe does it, restore it into a new site, compare the two (benchmarks/site_snapshot.py: row counts
# of every table, every file's checksum, a sample of records field by field, users, roles, User
# Permissions, password hashes and encrypted secrets), then log in on the restored site over HTTP as a
# member and as an operator. Prints the figures; exits non-zero on any difference.
#
#   sudo DB_ROOT_USER=... DB_ROOT_PASSWORD=... STAFF_PASSWORD=... benchmarks/backup_drill.sh
#
# Environment: BENCH_DIR, SITE (default union.localhost) as for scripts/deploy.sh; RESTORE_SITE (default
# union-restore.localhost, dropped and made again); STAFF_PASSWORD, the password of the demo operator
# operator.garmen@example.org; KEEP_RESTORED=1 keeps the restored site. The site's scheduler is paused
# while the backup and the first snapshot are taken (so both see the same rows). The HTTP logins go to
# gunicorn (deploy.sh's production server), which serves every site of the bench by its Host header.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
SITE="${SITE:-union.localhost}"
RESTORE_SITE="${RESTORE_SITE:-union-restore.localhost}"
OPERATOR="operator.garmen@example.org"
: "${STAFF_PASSWORD:?set STAFF_PASSWORD (the password of $OPERATOR)}"
KEEP_RESTORED="${KEEP_RESTORED:-0}"
require_root
[ "$RESTORE_SITE" != "$SITE" ] || die "RESTORE_SITE must differ from SITE"
site_exists "$SITE" || die "no site $SITE"

DRILL="$BENCH_DIR/drill-backup"
rm -rf "$DRILL"
mkdir -p "$DRILL"
chown "$FRAPPE_USER:" "$DRILL"
chmod 700 "$DRILL"
trap 'bench_cmd "--site '"'$SITE'"' set-config pause_scheduler 0 --parse" >/dev/null 2>&1 || true' EXIT
py() { as_frappe "cd sites && ../env/bin/python ../apps/$APP_NAME/benchmarks/$*"; }
seconds() { local t0=$SECONDS; "$@"; echo $((SECONDS - t0)); }
member_password="$(openssl rand -hex 12)"
site_config() { as_frappe "./env/bin/python -c 'import json; print(json.load(open(\"sites/$1/site_config.json\")).get(\"$2\") or \"\")'"; }

log "Members with portal users on $SITE"
py "load_fixtures.py --site '$SITE' --members 3 --password '$member_password' --output '$DRILL/fixtures.json'"
member="$(as_frappe "./env/bin/python -c 'import json; print(json.load(open(\"$DRILL/fixtures.json\"))[\"members\"][0][\"user\"])'")"
member_case="$(as_frappe "./env/bin/python -c 'import json; print(json.load(open(\"$DRILL/fixtures.json\"))[\"members\"][0][\"cases\"][0])'")"

log "Backing up $SITE with its files (scheduler paused)"
bench_cmd "--site '$SITE' set-config pause_scheduler 1 --parse" >/dev/null
sleep 5 # a job the scheduler had started finishes
t0=$SECONDS
bench_cmd "--site '$SITE' backup --with-files --backup-path '$DRILL'" >"$DRILL/backup.log"
backup_seconds=$((SECONDS - t0))
py "site_snapshot.py --site '$SITE' --output '$DRILL/before.json'"
bench_cmd "--site '$SITE' set-config pause_scheduler 0 --parse" >/dev/null

db_file="$(ls "$DRILL"/*-database*.sql.gz | head -1)"
public_file="$(ls "$DRILL"/*-files*.tar | grep -v private | head -1)"
private_file="$(ls "$DRILL"/*-private-files*.tar | head -1)"
config_file="$(ls "$DRILL"/*-site_config_backup*.json | head -1)"
encrypted="no"
file "$db_file" | grep -q "GPG symmetrically encrypted" && encrypted="yes (GPG, AES256; key: backup_encryption_key of the site config)"
echo
echo "Backup of $SITE in ${backup_seconds}s, encrypted: $encrypted"
for f in "$db_file" "$public_file" "$private_file" "$config_file"; do
	printf '  %-72s %10s bytes\n' "$(basename "$f")" "$(stat -c %s "$f")"
done

log "Restoring into $RESTORE_SITE"
if site_exists "$RESTORE_SITE"; then
	bench_cmd "drop-site '$RESTORE_SITE' --force --no-backup --db-root-username '$DB_ROOT_USER' --db-root-password '$DB_ROOT_PASSWORD'" >/dev/null
fi
# an empty site to restore into (its Administrator password is replaced by the backup's)
ADMIN_PASSWORD="$(openssl rand -hex 12)" new_site "$RESTORE_SITE"
key="$(site_config "$SITE" backup_encryption_key)"
key_args=""
[ "${encrypted%% *}" = yes ] && key_args="--encryption-key '$key'"
t0=$SECONDS
bench_cmd "--site '$RESTORE_SITE' restore '$db_file' --with-public-files '$public_file' --with-private-files '$private_file' \
	$key_args --db-root-username '$DB_ROOT_USER' --db-root-password '$DB_ROOT_PASSWORD'" >"$DRILL/restore.log" 2>&1 \
	|| { tail -20 "$DRILL/restore.log"; die "restore failed"; }
restore_seconds=$((SECONDS - t0))
# Secrets (Password fields) are encrypted with the site's encryption_key: take it from the config backup.
# (Frappe 15 names that file -enc but leaves it in clear: it holds the key and the database password.)
config_encrypted=no
file "$config_file" | grep -q "GPG symmetrically encrypted" && config_encrypted=yes
if [ "$config_encrypted" = yes ]; then
	as_frappe "gpg --batch --quiet --passphrase '$key' --pinentry-mode loopback -d '$config_file' > '$DRILL/site_config.json'"
else
	cp "$config_file" "$DRILL/site_config.json"
fi
site_key="$(as_frappe "./env/bin/python -c 'import json; print(json.load(open(\"$DRILL/site_config.json\"))[\"encryption_key\"])'")"
bench_cmd "--site '$RESTORE_SITE' set-config encryption_key '$site_key'" >/dev/null
bench_cmd "--site '$RESTORE_SITE' set-config backup_encryption_key '$key'" >/dev/null
echo "Restored into $RESTORE_SITE in ${restore_seconds}s; the site's encryption_key taken from the config backup" \
	"(itself encrypted: $config_encrypted)"

log "Comparing $SITE as backed up with $RESTORE_SITE"
py "site_snapshot.py --site '$RESTORE_SITE' --output '$DRILL/after.json'"
echo
set +e
py "site_snapshot.py --compare '$DRILL/before.json' '$DRILL/after.json'"
differences=$?
set -e

log "Logging in on $RESTORE_SITE over HTTP"
port="$(sed -n 's/.*"webserver_port": *\([0-9]*\).*/\1/p' "$BENCH_DIR/sites/common_site_config.json")"
web() { curl -s -H "Host: $RESTORE_SITE" "$@"; }
jar="$DRILL/jar"
login_ok=0
c="$(web -c "$jar.m" -o /dev/null -w '%{http_code}' -X POST "http://127.0.0.1:$port/api/method/login" --data-urlencode "usr=$member" --data-urlencode "pwd=$member_password")"
page="$(web -b "$jar.m" "http://127.0.0.1:$port/my-cases")"
if [ "$c" = 200 ] && grep -q "$member_case" <<<"$page"; then
	echo "  member   $member: login $c, /my-cases lists $member_case"
else
	echo "  member   $member: login $c, /my-cases without $member_case: FAILED"; login_ok=1
fi
c="$(web -c "$jar.o" -o /dev/null -w '%{http_code}' -X POST "http://127.0.0.1:$port/api/method/login" --data-urlencode "usr=$OPERATOR" --data-urlencode "pwd=$STAFF_PASSWORD")"
restored_count="$(web -b "$jar.o" "http://127.0.0.1:$port/api/method/frappe.client.get_count?doctype=Case")"
source_count="$(curl -s -c "$jar.s" -o /dev/null -H "Host: $SITE" -X POST "http://127.0.0.1:$port/api/method/login" --data-urlencode "usr=$OPERATOR" --data-urlencode "pwd=$STAFF_PASSWORD"; \
	curl -s -b "$jar.s" -H "Host: $SITE" "http://127.0.0.1:$port/api/method/frappe.client.get_count?doctype=Case")"
form="$(web -b "$jar.o" -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/api/method/frappe.desk.form.load.getdoc?doctype=Case&name=$member_case")"
if [ "$c" = 200 ] && [ "$restored_count" = "$source_count" ] && [[ "$restored_count" == *'"message":'[1-9]* ]]; then
	echo "  operator $OPERATOR: login $c, cases they may see: $restored_count (source: $source_count), a case form: $form"
else
	echo "  operator $OPERATOR: login $c, cases $restored_count vs $source_count: FAILED"; login_ok=1
fi

if [ "$KEEP_RESTORED" != 1 ]; then
	bench_cmd "drop-site '$RESTORE_SITE' --force --no-backup --db-root-username '$DB_ROOT_USER' --db-root-password '$DB_ROOT_PASSWORD'" >/dev/null
fi
rm -rf "$DRILL"
echo
if [ "$differences" = 0 ] && [ "$login_ok" = 0 ]; then
	echo "Backup and restore drill passed: backup ${backup_seconds}s, restore ${restore_seconds}s, nothing differs."
else
	echo "Backup and restore drill FAILED ($differences differences)."
	exit 1
fi
