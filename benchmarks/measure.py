"""The scale benchmark: times the desk, the portal, the reports and the daily job on a large site.

Run by benchmarks/run.sh (which generates the data first) with the bench's Python, from the bench's
`sites` folder:

    ../env/bin/python ../apps/union_cases/benchmarks/measure.py --site union-bench.localhost

Everything goes through Frappe's own code paths as the right session user (the desk list and count
endpoints, the link search, getdoc, the portal page, query_report.run, the job function). Beside each
desk query the bare SQL returning the same rows is timed, and the ratio printed, so the figure holds on
a noisy machine. Each measured query is EXPLAINed and any full scan of a large table is flagged.
Writes benchmarks/results/latest.json and prints a table. A developer tool: its output is English.
"""

import argparse
import datetime
import json
import os
import statistics
import sys
import time

import frappe

OPERATOR = "operator.garmen@example.org"  # a Case Operator scoped to one federation (demo staff)
CONFEDERATION_USER = "admin.serikat@example.org"  # a Union Administrator of the whole confederation
PORTAL_USER = "anggota.benchmark@example.org"  # a member's portal user, made here once
CASE_LIST_FIELDS = ("name", "owner", "creation", "modified", "modified_by", "_user_tags", "_comments",
	"_assign", "_liked_by", "docstatus", "idx", "title", "category", "complainant_name", "next_deadline",
	"workflow_state")  # fmt: skip
MEMBER_LIST_FIELDS = ("name", "owner", "creation", "modified", "modified_by", "_user_tags", "_comments",
	"_assign", "_liked_by", "docstatus", "idx", "full_name", "gender", "mobile_no", "local_union", "status")  # fmt: skip
LARGE_TABLES = ("tabCase", "tabMember", "tabCase Deadline", "tabCase Stage", "tabReferral", "tabEmployer")

GOALS = {
	"list": "p95 < 300 ms and <= 3x bare SQL",
	"count": "< 500 ms",
	"search": "p95 < 300 ms and <= 3x bare SQL",
	"form": "< 150 ms, <= 40 queries",
	"portal": "< 300 ms",
	"report_federation": "< 1 s",
	"report_confederation": "< 5 s",
	"job": "< 60 s",
	"generation": ">= 2000 members/s",
}


class QueryLog:
	"""Records the SQL that frappe.db.sql runs (to count a call's queries and EXPLAIN them)."""

	def __init__(self):
		self.queries = None
		self.original = frappe.db.sql

		def sql(query, *args, **kwargs):
			if self.queries is not None:
				self.queries.append((str(query), args[0] if args else kwargs.get("values")))
			return self.original(query, *args, **kwargs)

		frappe.db.sql = sql

	def __enter__(self):
		self.queries = []
		return self

	def __exit__(self, *exc):
		self.recorded, self.queries = self.queries, None


def percentile(values, share):
	ordered = sorted(values)
	return ordered[min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))]


def timed(fn, runs: int, warmup: int = 1) -> dict:
	for _ in range(warmup):
		fn()
	times = []
	for _ in range(runs):
		started = time.perf_counter()
		fn()
		times.append((time.perf_counter() - started) * 1000)
	return {
		"runs": runs,
		"median_ms": round(statistics.median(times), 1),
		"p95_ms": round(percentile(times, 0.95), 1),
	}


def run_sql(query: str, values=None, **kwargs):
	return frappe.db.sql(query, values, **kwargs) if values else frappe.db.sql(query, **kwargs)


def explain(query: str, values=None) -> list[dict]:
	"""EXPLAIN rows of one query: table, access type, key, rows; full scans of large tables flagged."""
	rows = run_sql(f"explain {query}", values, as_dict=True)
	result = []
	for row in rows:
		table = row.get("table") or ""
		# a full scan of a table of more than a few thousand rows (an alias hides the table's name)
		full_scan = row.get("type") == "ALL" and int(row.get("rows") or 0) > 5000
		result.append(
			{
				"table": table,
				"type": row.get("type"),
				"key": row.get("key"),
				"rows": row.get("rows"),
				"full_scan": full_scan,
			}
		)
	return result


def explain_recorded(log: QueryLog) -> list[dict]:
	"""EXPLAIN each distinct SELECT a call ran on a large table."""
	plans, seen = [], set()
	for query, values in log.recorded:
		text = query.strip()
		if not text.lower().startswith("select") or text in seen:
			continue
		if not any(f"`{t}`" in text or f"{t} " in text for t in LARGE_TABLES):
			continue
		seen.add(text)
		try:
			plan = explain(text, values)
		except Exception as e:
			plan = [{"error": str(e)[:200]}]
		plans.append({"query": " ".join(text.split())[:400], "plan": plan})
	return plans


def as_user(user):
	frappe.set_user(user)
	frappe.local.response = frappe._dict()


def desk_list(doctype: str, fields, filters: list, page_length: int = 20):
	"""What the desk's list view calls: frappe.desk.reportview.get with the view's form data."""
	from frappe.desk.reportview import get

	frappe.local.form_dict = frappe._dict(
		doctype=doctype,
		fields=json.dumps([f"`tab{doctype}`.`{f}`" for f in fields]),
		filters=json.dumps(filters),
		order_by=f"`tab{doctype}`.`modified` desc",
		start=0,
		page_length=page_length,
		view="List",
		group_by="",
		with_comment_count=1,
	)
	return get()


def desk_count(doctype: str, filters: list):
	from frappe.desk.reportview import get_count

	frappe.local.form_dict = frappe._dict(
		doctype=doctype, filters=json.dumps(filters), fields="[]", distinct="false"
	)
	return get_count()


class Benchmark:
	def __init__(self, runs: int, job_runs: int = 2):
		self.runs, self.job_runs = runs, job_runs
		self.log = QueryLog()
		self.results = []
		self.federation = frappe.db.get_value(
			"User Permission", {"user": OPERATOR, "allow": "Federation"}, "for_value"
		)
		lft, rgt = frappe.db.get_value("Federation", self.federation, ["lft", "rgt"])
		self.nodes = frappe.get_all(
			"Federation", filters={"lft": (">=", lft), "rgt": ("<=", rgt)}, pluck="name"
		)

	def add(self, section: str, name: str, goal: str, figures: dict, **extra):
		row = {"section": section, "name": name, "goal": goal, **figures, **extra}
		self.results.append(row)
		shown = {k: v for k, v in row.items() if k not in ("plans", "bare_plan")}
		print(json.dumps(shown, default=str), file=sys.stderr, flush=True)
		return row

	def measure(self, section, name, goal, user, call, bare_sql=None, bare_values=None, runs=None):
		"""Time `call` as `user` (and the bare SQL beside it); EXPLAIN what it ran."""
		runs = runs or self.runs
		as_user(user)
		with self.log:
			result = call()
		plans = explain_recorded(self.log)
		figures = timed(call, runs)
		extra = {"plans": plans, "rows": len(result) if isinstance(result, list | tuple) else result}
		if isinstance(result, dict) and "values" in result:
			extra["rows"] = len(result["values"])
		if bare_sql:
			bare = timed(lambda: run_sql(bare_sql, bare_values), runs)
			extra["bare_median_ms"], extra["bare_p95_ms"] = bare["median_ms"], bare["p95_ms"]
			extra["ratio"] = round(figures["median_ms"] / max(bare["median_ms"], 0.1), 2)
			extra["bare_plan"] = explain(bare_sql, bare_values)
		extra["full_scans"] = sorted(
			{p["table"] for q in plans for p in q["plan"] if p.get("full_scan")}
			| {p["table"] for p in extra.get("bare_plan", []) if p.get("full_scan")}
		)
		frappe.set_user("Administrator")
		return self.add(section, name, goal, figures, **extra)

	# ---- 1 and 2: the scoped lists, their counts, the link search

	def scope_sql(self, column_pairs):
		nodes = ", ".join(frappe.db.escape(n) for n in self.nodes)
		return "(" + " or ".join(f"{c} in ({nodes})" for c in column_pairs) + ")"

	def list_and_count(self, section, doctype, fields, label, filters, where):
		"""The desk list's first 20 rows and its count, each beside the bare SQL with the same WHERE."""
		columns = ", ".join(f"`{f}`" for f in fields)
		self.measure(
			section, f"{doctype} list, 20 rows ({label})", GOALS["list"], OPERATOR,
			lambda: desk_list(doctype, fields, filters),
			f"select {columns} from `tab{doctype}` where {where} order by modified desc limit 20",
		)  # fmt: skip
		self.measure(
			section, f"{doctype} count ({label})", GOALS["count"], OPERATOR,
			lambda: desk_count(doctype, filters),
			f"select count(*) from `tab{doctype}` where {where}",
		)  # fmt: skip

	def lists(self):
		fed = frappe.db.escape(self.federation)
		case_scope = f"federation = {fed} and (confidential = 0 or handler = {frappe.db.escape(OPERATOR)})"
		member_scope = f"federation = {fed}"
		for label, filters, where in (
			("all", [], ""),
			(
				"In Handling",
				[["Case", "workflow_state", "=", "In Handling"]],
				" and workflow_state = 'In Handling'",
			),
			(
				"category Union Busting",
				[["Case", "category", "=", "Union Busting"]],
				" and category = 'Union Busting'",
			),
		):
			self.list_and_count("1 case list", "Case", CASE_LIST_FIELDS, label, filters, case_scope + where)
		local = frappe.get_all(
			"Federation", filters={"name": ("in", self.nodes), "level": "Local Union"}, pluck="name", limit=1
		)[0]
		for label, filters, where in (
			("all", [], ""),
			("status Suspended", [["Member", "status", "=", "Suspended"]], " and status = 'Suspended'"),
			(
				"one local union",
				[["Member", "local_union", "=", local]],
				f" and local_union = {frappe.db.escape(local)}",
			),
		):
			self.list_and_count(
				"2 member list", "Member", MEMBER_LIST_FIELDS, label, filters, member_scope + where
			)
		sample = frappe.db.sql(
			f"select name, full_name, nik from `tabMember` where {member_scope} order by name desc limit 1",
			as_dict=True,
		)[0]
		from frappe.desk.search import search_link

		for label, txt, where in (
			(
				"by name",
				sample.full_name,
				"full_name like %(like)s or name like %(prefix)s or mobile_no like %(like)s",
			),
			("by NIK", sample.nik, "nik = %(txt)s"),
		):
			self.measure(
				"2 member list", f"Member link search {label}", GOALS["search"], OPERATOR,
				lambda txt=txt: search_link("Member", txt, page_length=10),
				f"select name, full_name, nik_masked, local_union from `tabMember` where {member_scope} and ({where}) "
				"order by full_name asc limit 10",
				{"like": f"%{txt}%", "prefix": f"{txt}%", "txt": txt},
			)  # fmt: skip

	# ---- 3: the case form

	def form(self):
		from frappe.desk.form.load import getdoc

		name = frappe.db.get_value(
			"Case",
			{
				"federation": self.federation,
				"workflow_state": "In Handling",
				"confidential": 0,
				"current_stage": "Mediation",
			},
		)

		def call():
			frappe.local.response = frappe._dict(docs=[])
			getdoc("Case", name)
			return frappe.local.response.docs

		row = self.measure("3 case form", f"Case form (getdoc {name})", GOALS["form"], OPERATOR, call)
		as_user(OPERATOR)
		with self.log:
			call()
		frappe.set_user("Administrator")
		row["queries"] = len(self.log.recorded)
		print(json.dumps({"name": row["name"], "queries": row["queries"]}), file=sys.stderr)

	# ---- 4: the member portal

	def portal_user(self) -> str:
		member = frappe.db.get_value(
			"Case", {"federation": self.federation, "workflow_state": "In Handling"}, "complainant"
		)
		if not frappe.db.exists("User", PORTAL_USER):
			user = frappe.get_doc(
				{
					"doctype": "User",
					"email": PORTAL_USER,
					"first_name": "Anggota",
					"send_welcome_email": 0,
					"user_type": "Website User",
				}
			)
			user.append("roles", {"role": "Union Member"})
			user.insert(ignore_permissions=True)
		current = frappe.db.get_value("Member", {"user": PORTAL_USER})
		if not current:
			frappe.db.set_value("Member", member, "user", PORTAL_USER, update_modified=False)
		frappe.db.commit()
		return PORTAL_USER

	def portal(self):
		from frappe.utils import set_request
		from frappe.website.serve import get_response

		user = self.portal_user()

		def call():
			set_request(method="GET", path="/my-cases")
			response = get_response("my-cases")
			assert response.status_code == 200, response.status_code
			return response.data

		member = frappe.db.get_value("Member", {"user": user})
		self.measure(
			"4 portal", "Portal /my-cases", GOALS["portal"], user, lambda: len(call()) and [],
			"select name, title, workflow_state, opening_date from `tabCase` where complainant = %(m)s "
			"order by opening_date desc, creation desc limit 100",
			{"m": member},
		)  # fmt: skip

	# ---- 5: the reports

	def reports(self):
		from frappe.desk.query_report import run

		year_start = datetime.date(datetime.date.today().year - 1, 1, 1)
		period = {"from_date": str(year_start), "to_date": str(datetime.date.today())}
		for report, filters in (
			("Deadlines", {"status": "Open and Overdue"}),
			("Case Aging", {}),
			("Member Growth", dict(period)),
		):
			for scope, user, goal, extra in (
				(
					"one federation",
					OPERATOR,
					GOALS["report_federation"],
					{"federation": self.federation} if report != "Deadlines" else {},
				),
				("confederation", CONFEDERATION_USER, GOALS["report_confederation"], {}),
			):
				self.measure(
					"5 reports", f"{report} report ({scope})", goal, user,
					lambda report=report, f={**filters, **extra}: run(report, filters=f, ignore_prepared_report=True)["result"],
					runs=max(3, self.runs // 3),
				)  # fmt: skip

	# ---- 6: the daily job

	def job(self):
		"""The daily job as on consecutive working days: every open deadline's days left changes."""
		from union_cases.casework.deadlines.alerts import send_deadline_alerts
		from union_cases.casework.deadlines.calendar import add_working_days

		open_cases = frappe.db.sql(
			"select count(*) from `tabCase` where workflow_state not in ('Resolved', 'Closed', 'Rejected')"
		)[0][0]
		today = datetime.date.today()
		days = [add_working_days(today, 1), today]  # ends on today, as the data was
		times, counts = [], []
		for run in range(self.job_runs):
			with self.log:
				started = time.perf_counter()
				counts.append(send_deadline_alerts(days[(run + self.job_runs) % 2]))
				times.append((time.perf_counter() - started) * 1000)
		plans = explain_recorded(self.log)
		figures = {
			"runs": len(times),
			"median_ms": round(statistics.median(times), 1),
			"p95_ms": round(percentile(times, 0.95), 1),
		}
		full_scans = sorted({p["table"] for q in plans for p in q["plan"] if p.get("full_scan")})
		self.add(
			"6 daily job", "Deadline job, all open cases", GOALS["job"], figures,
			plans=plans, full_scans=full_scans, open_cases=open_cases, counts=counts,
			queries=len(self.log.recorded),
		)  # fmt: skip

	def run(self, only=None):
		for part in ("lists", "form", "portal", "reports", "job"):
			if not only or part in only:
				getattr(self, part)()


def generation_figures(path: str | None) -> dict:
	"""The generator's own figures (rows/s), from its log when run.sh wrote one."""
	figures = {}
	if path and os.path.exists(path):
		for line in open(path):
			if line.startswith("bulk demo: "):
				count, rest = line[len("bulk demo: ") :].split(" ", 1)
				what = rest.split(" in ")[0]
				figures[what] = {"rows": int(count), "rows_per_s": int(line.rsplit("(", 1)[1].split()[0])}
	return figures


def table(results: list[dict], generation: dict) -> str:
	lines = [f"{'measure':58} {'median':>9} {'p95':>9} {'bare':>8} {'ratio':>6} {'q':>4}  {'goal':32} scans"]
	for r in results:
		lines.append(
			f"{r['name'][:58]:58} {r['median_ms']:>7.0f}ms {r['p95_ms']:>7.0f}ms "
			f"{(str(round(r['bare_median_ms'])) + 'ms') if 'bare_median_ms' in r else '':>8} "
			f"{r.get('ratio', ''):>6} {r.get('queries', ''):>4}  {r['goal'][:32]:32} {','.join(r['full_scans']) or '-'}"
		)
	for what, g in generation.items():
		lines.append(f"generation: {what:46} {g['rows']:>9} rows {g['rows_per_s']:>7} rows/s")
	return "\n".join(lines)


def main():
	parser = argparse.ArgumentParser()
	parser.add_argument("--site", required=True)
	parser.add_argument("--runs", type=int, default=10)
	parser.add_argument("--job-runs", type=int, default=2)
	parser.add_argument("--only", nargs="*")
	parser.add_argument("--generation-log")
	parser.add_argument(
		"--output", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "results", "latest.json")
	)
	args = parser.parse_args()
	frappe.init(site=args.site, sites_path=".")
	frappe.connect()
	try:
		bench = Benchmark(args.runs, args.job_runs)
		counts = {
			dt: frappe.db.count(dt)
			for dt in ("Member", "Case", "Case Stage", "Case Deadline", "Referral", "Employer", "Federation")
		}
		print(json.dumps(counts), file=sys.stderr)
		bench.run(args.only)
		generation = generation_figures(args.generation_log)
		os.makedirs(os.path.dirname(args.output), exist_ok=True)
		with open(args.output, "w") as out:
			json.dump({"site": args.site, "when": str(datetime.datetime.now()), "counts": counts, "generation": generation,
				"results": bench.results}, out, indent=1, default=str)  # fmt: skip
		print(table(bench.results, generation))
		print(f"figures written to {args.output}")
	finally:
		frappe.destroy()


if __name__ == "__main__":
	main()
