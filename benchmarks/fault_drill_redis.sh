#!/usr/bin/env bash
# Fault drill: Redis (cache and queue) stopped for a while under the production set-up (scripts/deploy.sh).
# Meanwhile one request a second goes to Frappe's ping, a portal page and the complaint form (a guest's
# complaint, each from a loopback address of its own); afterwards it prints what each got, and checks
# that every complaint answered 200 is a case in the database and that no answer was a half-saved
# record (a case for a complaint that was refused). Exits non-zero if something was lost.
#
#   sudo benchmarks/fault_drill_redis.sh          # REDIS_DOWN_SECONDS (default 60)
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
SITE="${SITE:-union.localhost}"
NGINX_PORT="${NGINX_PORT:-80}"
DOWN="${REDIS_DOWN_SECONDS:-60}"
BENCH_NAME="$(basename "$BENCH_DIR")"
URL="http://127.0.0.1:$NGINX_PORT"
TMP="$(mktemp -d)"
trap 'supervisorctl start "$BENCH_NAME-redis:*" >/dev/null 2>&1; rm -rf "$TMP"' EXIT
require_root
federation="$(bench_cmd "--site '$SITE' execute frappe.db.get_value --args \"['Federation', {'level': 'Federation', 'active': 1}, 'name']\"" 2>/dev/null | tail -1 | tr -d '"')"
marker="fault-drill-$(date +%s)"
n=0
probe() { # phase
	n=$((n + 1))
	local ping page complaint body
	ping="$(curl -s -o /dev/null -w '%{http_code}' --max-time 30 "$URL/api/method/ping")"
	page="$(curl -s -o /dev/null -w '%{http_code}' --max-time 30 "$URL/complaint")"
	body="$(curl -s --max-time 30 --interface "127.0.9.$((n % 250 + 1))" -w ' %{http_code}' -X POST \
		"$URL/api/method/union_cases.api.portal.submit_complaint" -F "title=$marker $n" \
		-F description="Uji gangguan Redis" -F contact_name="Uji Gangguan" -F contact_phone="081234567890" \
		-F "federation=$federation")"
	complaint="${body##* }"
	echo "$1 $ping $page $complaint $n" >> "$TMP/probes"
}
summary() { # phase
	awk -v p="$1" '$1 == p { ping[$2]++; page[$3]++; c[$4]++; k++ }
		END { printf "  %-8s %3d probes   ping:", p, k; for (s in ping) printf " %s x%d", s, ping[s];
		printf "   /complaint:"; for (s in page) printf " %s x%d", s, page[s];
		printf "   complaint posted:"; for (s in c) printf " %s x%d", s, c[s]; print "" }' "$TMP/probes"
}

log "Before: 10 probes"
for _ in $(seq 1 10); do probe before; sleep 1; done
log "Stopping Redis (cache and queue) for ${DOWN}s"
supervisorctl stop "$BENCH_NAME-redis:*" >/dev/null
t0=$SECONDS
while [ $((SECONDS - t0)) -lt "$DOWN" ]; do probe during; sleep 1; done
supervisorctl start "$BENCH_NAME-redis:*" >/dev/null
log "Redis back; 20 probes after"
for _ in $(seq 1 20); do probe after; sleep 1; done

echo
echo "Answers (HTTP status x count)"
summary before
summary during
summary after
saved="$(bench_cmd "--site '$SITE' execute frappe.db.sql --args \"['select count(*) from tabCase where title like %s', ['$marker %']]\"" 2>/dev/null | tail -1 | tr -dc '0-9')"
answered="$(awk '$4 == 200' "$TMP/probes" | wc -l)"
refused="$(awk '$4 != 200' "$TMP/probes" | wc -l)"
echo "Complaints answered 200: $answered; cases in the database with the drill's titles: $saved; refused: $refused"
lost=$((answered - saved))
if [ "$saved" -gt "$answered" ]; then
	echo "  $((saved - answered)) cases exist for complaints that were refused (a half-done submission)"
fi
echo "Lost: $([ "$lost" -gt 0 ] && echo "$lost complaints answered 200 but not saved" || echo nothing)"
bench_cmd "--site '$SITE' doctor" 2>/dev/null | grep -v "newer version" | sed 's/^/  /' | head -12
[ "$lost" -le 0 ] && [ "$saved" -le "$answered" ]
