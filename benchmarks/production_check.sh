#!/usr/bin/env bash
# Checks a production set-up (scripts/deploy.sh) from outside, through nginx, and prints each result:
# Frappe's ping, portal pages, a static asset (gzip, cache header), a private file (refused to a guest,
# served to its reader through nginx), no traceback in an error answer, the upload limit (5 files of
# union_cases_max_upload_mb pass, a larger body gets 413), then supervisor's restarts: a gunicorn worker,
# the gunicorn master, an RQ worker and the scheduler are killed and must come back.
#
#   sudo STAFF_USER=Administrator STAFF_PASSWORD=... benchmarks/production_check.sh
#
# Environment: BENCH_DIR, SITE, NGINX_PORT as for scripts/deploy.sh. It files two guest complaints
# (from the loopback addresses 127.0.0.5 and 127.0.0.6, so the per-address limits are not yours).
# Exits non-zero on a failed check. A developer tool: its output is English.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
SITE="${SITE:-union.localhost}"
NGINX_PORT="${NGINX_PORT:-80}"
BENCH_NAME="$(basename "$BENCH_DIR")"
URL="http://127.0.0.1:$NGINX_PORT"
STAFF_USER="${STAFF_USER:-Administrator}"
: "${STAFF_PASSWORD:?set STAFF_PASSWORD (the password of STAFF_USER)}"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
failed=0
check() { # label, condition result (0 = pass), detail
	if [ "$2" = 0 ]; then printf '  ok    %-58s %s\n' "$1" "$3"; else printf '  FAIL  %-58s %s\n' "$1" "$3"; failed=1; fi
}
code() { curl -s -o /dev/null -w '%{http_code}' "$@"; }
federation="$(bench_cmd "--site '$SITE' execute frappe.db.get_value --args \"['Federation', {'level': 'Federation', 'active': 1}, 'name']\"" 2>/dev/null | tail -1 | tr -d '"')"

echo "Serving through nginx ($URL, site $SITE)"
body="$(curl -s "$URL/api/method/ping")"
check "GET /api/method/ping" "$([ "$body" = '{"message":"pong"}' ]; echo $?)" "$body"
for page in /complaint /join/new /knowledge /login; do
	c="$(code "$URL$page")"
	check "GET $page (guest)" "$([ "$c" = 200 ]; echo $?)" "$c"
done
c="$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' "$URL/my-cases")"
check "GET /my-cases (guest) sends to the login" "$([[ "$c" == 30?*login* ]]; echo $?)" "$c"
asset="$(curl -s "$URL/complaint" | grep -o '/assets/[^"]*\.css' | head -1)"
headers="$(curl -s -D - -o /dev/null -H 'Accept-Encoding: gzip' "$URL$asset")"
check "static asset from nginx, gzip, cached a year" \
	"$(grep -qi '^content-encoding: gzip' <<<"$headers" && grep -qi 'max-age=31536000' <<<"$headers"; echo $?)" "$asset"
c="$(curl -s -D - -o /dev/null -H 'Accept-Encoding: gzip' "$URL/complaint" | grep -ci '^content-encoding: gzip')"
check "portal page gzip" "$([ "$c" = 1 ]; echo $?)" ""

echo "Private files and errors"
"$BENCH_DIR/env/bin/python" -c "from PIL import Image; Image.new('RGB', (640, 480), (120, 80, 40)).save('$TMP/photo.jpg', quality=85)"
answer="$(curl -s --interface 127.0.0.5 -X POST "$URL/api/method/union_cases.api.portal.submit_complaint" \
	-F title="Pemeriksaan produksi" -F description="Berkas bukti foto" -F contact_name="Pemeriksa" \
	-F email="pemeriksa@example.org" -F "federation=$federation" -F "files=@$TMP/photo.jpg;type=image/jpeg")"
case_name="$(sed -n 's/.*"name":"\([^"]*\)".*/\1/p' <<<"$answer")"
check "guest complaint with a photo" "$([ -n "$case_name" ]; echo $?)" "$case_name"
file_url="$(bench_cmd "--site '$SITE' execute frappe.db.get_value --args \"['File', {'attached_to_name': '$case_name'}, 'file_url']\"" 2>/dev/null | tail -1 | tr -d '"')"
c="$(code "$URL$file_url")"
check "private file refused to a guest" "$([ "$c" = 403 ]; echo $?)" "$c $file_url"
curl -s -c "$TMP/jar" -o /dev/null -X POST "$URL/api/method/login" --data-urlencode "usr=$STAFF_USER" --data-urlencode "pwd=$STAFF_PASSWORD"
curl -s -b "$TMP/jar" -o "$TMP/served.jpg" "$URL$file_url"
stored="$BENCH_DIR/sites/$SITE$(sed 's#^/private/files#/private/files#' <<<"$file_url")"
check "private file served to staff (X-Accel-Redirect), same bytes" "$(cmp -s "$TMP/served.jpg" "$stored"; echo $?)" \
	"$(stat -c %s "$TMP/served.jpg" 2>/dev/null) bytes"
body="$(curl -s "$URL/api/method/frappe.no_such_module.method")"
check "an error answer carries no traceback" "$(grep -q 'Traceback' <<<"$body"; [ $? = 1 ]; echo $?)" \
	"$(head -c 60 <<<"$body")..."

echo "Upload limit"
max_mb="$(bench_cmd "--site '$SITE' execute frappe.conf.get --args \"['union_cases_max_upload_mb']\"" 2>/dev/null | tail -1 | tr -dc '0-9')"
max_mb="${max_mb:-10}"
args=()
for i in 1 2 3 4 5; do
	"$BENCH_DIR/env/bin/python" -c "
import random; random.seed($i); w = ['upah', 'lembur', 'kontrak', 'pabrik', 'buruh', 'cuti', 'gaji']
open('$TMP/big$i.txt', 'w').write(' '.join(random.choice(w) for _ in range(${max_mb}*250000))[:${max_mb}*1048576])"
	args+=(-F "files=@$TMP/big$i.txt;type=text/plain")
done
out="$(curl -s --interface 127.0.0.6 -w ' %{http_code} %{size_upload}' -X POST "$URL/api/method/union_cases.api.portal.submit_complaint" \
	-F title="Lima berkas besar" -F description="Batas unggah" -F contact_name="Pemeriksa" \
	-F email="pemeriksa@example.org" -F "federation=$federation" "${args[@]}")"
check "5 files of ${max_mb} MB in one complaint" "$([[ "$out" == *'"name":"CASE-'*' 200 '* ]]; echo $?)" "$(awk '{print $(NF-1), $NF " bytes"}' <<<"$out")"
cat "$TMP"/big*.txt "$TMP/big1.txt" > "$TMP/huge.txt"
c="$(code --interface 127.0.0.6 -X POST "$URL/api/method/union_cases.api.portal.submit_complaint" -F title=x -F "files=@$TMP/huge.txt")"
check "a larger body is refused by nginx" "$([ "$c" = 413 ]; echo $?)" "$c"

echo "Supervision"
program() { supervisorctl pid "$BENCH_NAME-$1"; }
wait_for() { for _ in $(seq 1 "$2"); do eval "$1" && return 0; sleep 1; done; return 1; }
master="$(program web:$BENCH_NAME-frappe-web)"
before="$(pgrep -P "$master" | wc -l)"
worker="$(pgrep -P "$master" | head -1)"
kill -9 "$worker"
wait_for "[ \$(pgrep -P $master | wc -l) = $before ] && ! kill -0 $worker 2>/dev/null" 15
check "gunicorn worker killed (-9): the master starts another" \
	"$([ "$(pgrep -P "$master" | wc -l)" = "$before" ] && ! kill -0 "$worker" 2>/dev/null; echo $?)" \
	"$(pgrep -P "$master" | wc -l) of $before workers"
ok=0; fails=0
kill -9 "$master"
for _ in $(seq 1 90); do
	if [ "$(code --max-time 5 "$URL/api/method/ping")" = 200 ]; then ok=$((ok + 1)); else fails=$((fails + 1)); fi
	new="$(program web:$BENCH_NAME-frappe-web)"
	[ "$new" != "$master" ] && [ "$new" != 0 ] && [ "$(pgrep -P "$new" | wc -l)" -gt 0 ] && break
	sleep 1
done
check "gunicorn master killed (-9): supervisor starts a new one" "$([ "$new" != "$master" ] && [ "$(pgrep -P "$new" | wc -l)" -gt 0 ]; echo $?)" \
	"pings meanwhile: $ok answered, $fails not"
for prog in "workers:$BENCH_NAME-frappe-short-worker-0" "workers:$BENCH_NAME-frappe-long-worker-0" "workers:$BENCH_NAME-frappe-schedule" "web:$BENCH_NAME-node-socketio" "redis:$BENCH_NAME-redis-queue"; do
	pid="$(program "$prog")"
	kill -9 "$pid"
	wait_for "p=\$(supervisorctl pid $BENCH_NAME-$prog); [ \"\$p\" != $pid ] && [ \"\$p\" != 0 ]" 30
	new="$(program "$prog")"
	check "${prog#*:} killed (-9): restarted" "$([ "$new" != "$pid" ] && [ "$new" != 0 ]; echo $?)" "pid $pid -> $new"
done
wait_for "[ \"\$(code $URL/api/method/ping)\" = 200 ]" 30
check "ping after the restarts" "$([ "$(code "$URL/api/method/ping")" = 200 ]; echo $?)" ""
[ "$failed" = 0 ] && echo "All checks passed." || echo "Some checks failed."
exit "$failed"
