"""The load drill's simulated people (benchmarks/load_drill.sh runs it with locust, headless).

Stages, one after the other, each of one kind (LOAD_KIND; benchmarks/load_drill.sh runs locust once
for each kind, as locust does not change the kind of users it runs while their number stays the same):
  ping      users doing nothing but Frappe's /api/method/ping, no think time: the platform's floor
  capacity  the same number of users reading the app's pages, no think time: the app's throughput
  guest     guests reading /complaint and /knowledge (Frappe's page cache), no think time
  member    logged-in members reading /my-cases and a case page, no think time
  mix       think time (0.5 to 2 s between requests) at rising user counts, to the target.
LOAD_STAGES ("name:users:seconds,...") overrides the stages of the kind.
The mix: members (log in, /my-cases, a case page, now and then a complaint with a photo), guests
(/complaint, /join/new, the web form's NIK check), operators (the Case list, a case form, the Deadlines
report, a change saved), ping (the floor, measured under the same load), and one prober crossing the
complaint form's rate limit from one address (it must get 429, never a 5xx).
Every simulated person sends from a loopback address of its own (127.0.1.x, 127.0.2.x, ...) so the
per-address limits apply as to real people. After each stage the figures are written to LOAD_OUTPUT
(JSON): per request type the count, rps, p50/p95/p99, statuses; machine and process CPU.
"""

import itertools
import json
import os
import random
import re
import threading
import time

import requests
from locust import HttpUser, LoadTestShape, between, constant, events, task
from requests.adapters import HTTPAdapter

FIXTURES = json.load(open(os.environ["LOAD_FIXTURES"]))
MEMBER_PASSWORD = os.environ["LOAD_MEMBER_PASSWORD"]
STAFF_PASSWORD = os.environ["LOAD_STAFF_PASSWORD"]
OUTPUT = os.environ.get("LOAD_OUTPUT", "load-results.json")
TARGET = int(os.environ.get("LOAD_TARGET", "200"))
STAGE_SECONDS = int(os.environ.get("LOAD_STAGE_SECONDS", "45"))
PHOTO = open(os.environ["LOAD_PHOTO"], "rb").read()
CSRF = re.compile(r'csrf_token\s*=\s*"([^"]+)"')

_addresses = itertools.count(1)
_members = itertools.cycle(FIXTURES["members"])
_operators = itertools.cycle(FIXTURES["operators"])


class SourceAddressAdapter(HTTPAdapter):
	def __init__(self, address, **kwargs):
		self.address = address
		super().__init__(**kwargs)

	def init_poolmanager(self, *args, **kwargs):
		kwargs["source_address"] = (self.address, 0)
		return super().init_poolmanager(*args, **kwargs)


def own_address(session: requests.Session):
	n = next(_addresses)
	address = f"127.{1 + n // 250}.{n % 250 + 1}.{1 + (n // 62500)}"
	adapter = SourceAddressAdapter(address)
	session.mount("http://", adapter)
	return address


class Person(HttpUser):
	abstract = True
	wait_time = between(0.5, 2)

	def on_start(self):
		self.address = own_address(self.client)

	def login(self, user: str, password: str):
		with self.client.post(
			"/api/method/login", data={"usr": user, "pwd": password}, name="login", catch_response=True
		) as r:
			if r.status_code != 200:
				r.failure(f"login {r.status_code}")

	def csrf_from(self, html: str):
		m = CSRF.search(html or "")
		if m:
			self.client.headers["X-Frappe-CSRF-Token"] = m.group(1)


class Member(Person):
	weight = 5

	def on_start(self):
		super().on_start()
		self.member = next(_members)
		self.login(self.member["user"], MEMBER_PASSWORD)
		r = self.client.get("/my-cases", name="/my-cases")
		self.csrf_from(r.text)

	@task(4)
	def my_cases(self):
		r = self.client.get("/my-cases", name="/my-cases")
		self.csrf_from(r.text)

	@task(4)
	def case_page(self):
		if self.member["cases"]:
			self.client.get(f"/my-cases/{random.choice(self.member['cases'])}", name="/my-cases/<case>")

	@task(1)
	def complaint_with_photo(self):
		self.client.post(
			"/api/method/union_cases.api.portal.submit_complaint",
			data={
				"title": "Uji beban: upah dipotong",
				"description": "Keluhan dari uji beban (load drill).",
				"category": random.choice(FIXTURES["categories"]),
			},
			files={"files": ("bukti.jpg", PHOTO, "image/jpeg")},
			name="member complaint + photo",
		)


class Guest(Person):
	weight = 3

	@task(3)
	def complaint_form(self):
		self.client.get("/complaint", name="/complaint")

	@task(3)
	def join_form(self):
		self.client.get("/join/new", name="/join/new")

	@task(1)
	def nik_check(self):
		# the web form's live check of a NIK as it is typed (a guest endpoint, 60 a minute per address)
		self.client.post(
			"/api/method/union_cases.api.portal.check_application",
			data={"nik": "3173015" + "".join(random.choice("0123456789") for _ in range(9))},
			name="join: NIK check",
		)


class Operator(Person):
	weight = 2

	def on_start(self):
		super().on_start()
		self.operator = next(_operators)
		self.login(self.operator["user"], STAFF_PASSWORD)
		r = self.client.get("/app/case", name="/app (desk boot)")
		self.csrf_from(r.text)

	@task(3)
	def case_list(self):
		self.client.post(
			"/api/method/frappe.desk.reportview.get",
			data={
				"doctype": "Case",
				"fields": json.dumps(
					[
						"`tabCase`.`name`",
						"`tabCase`.`title`",
						"`tabCase`.`workflow_state`",
						"`tabCase`.`next_deadline`",
						"`tabCase`.`modified`",
					]
				),  # fmt: skip
				"order_by": "`tabCase`.`modified` desc",
				"start": 0,
				"page_length": 20,
				"with_comment_count": 1,
			},
			name="desk: Case list",
		)

	@task(3)
	def case_form(self):
		if self.operator["cases"]:
			self.client.get(
				"/api/method/frappe.desk.form.load.getdoc",
				params={"doctype": "Case", "name": random.choice(self.operator["cases"])},
				name="desk: Case form",
			)

	@task(1)
	def deadlines_report(self):
		self.client.get(
			"/api/method/frappe.desk.query_report.run",
			params={"report_name": "Deadlines", "filters": "{}", "ignore_prepared_report": 1},
			name="desk: Deadlines report",
		)

	@task(1)
	def save_a_change(self):
		if self.operator["cases"]:
			self.client.post(
				"/api/method/frappe.client.set_value",
				data={
					"doctype": "Case",
					"name": random.choice(self.operator["cases"]),
					"fieldname": "priority",
					"value": random.choice(["Low", "Medium", "High"]),
				},
				name="desk: save a case",
			)


class Floor(Person):
	"""Frappe's own ping, beside the app's requests."""

	weight = 1

	@task
	def ping(self):
		self.client.get("/api/method/ping", name="ping")


class PingOnly(Floor):
	wait_time = constant(0)


class GuestPages(Person):
	"""Guests' pages without think time: what the page cache gives (issue 19: 100 rps or more)."""

	wait_time = constant(0)

	@task(2)
	def complaint_form(self):
		self.client.get("/complaint", name="/complaint")

	@task(1)
	def knowledge(self):
		self.client.get("/knowledge", name="/knowledge")


class MemberPages(Person):
	"""Members' own pages without think time (issue 19: 50 rps or more)."""

	wait_time = constant(0)

	def on_start(self):
		super().on_start()
		self.member = next(_members)
		self.login(self.member["user"], MEMBER_PASSWORD)

	@task(1)
	def my_cases(self):
		self.client.get("/my-cases", name="/my-cases")

	@task(1)
	def case_page(self):
		if self.member["cases"]:
			self.client.get(f"/my-cases/{random.choice(self.member['cases'])}", name="/my-cases/<case>")


class Capacity(MemberPages):
	"""The app's mix without think time (members' and operators' reads, guests' pages): the members'
	pages and the complaint form, a third each."""

	@task(1)
	def complaint_form(self):
		self.client.get("/complaint", name="/complaint")


class LimitProber(Person):
	"""One address posting the complaint form 20 times a minute: past Frappe's rate limit (10 a minute)
	the answer must be 429. The posts are incomplete, so no case is made."""

	fixed_count = 1
	wait_time = constant(3)

	@task
	def post(self):
		with self.client.post(
			"/api/method/union_cases.api.portal.submit_complaint",
			data={"title": "x"},
			name="rate limit probe",
			catch_response=True,
		) as r:
			if r.status_code in (417, 429):
				r.success()


MIX = [Member, Guest, Operator, Floor, LimitProber]


KIND = os.environ.get("LOAD_KIND", "mix")
CAPACITY_USERS = int(os.environ.get("LOAD_CAPACITY_USERS", "20"))


def stages():
	spec = os.environ.get("LOAD_STAGES")
	if spec:
		out = []
		for part in spec.split(","):
			name, users, seconds = part.split(":")
			out.append((name, int(users), int(seconds), KIND))
		return out
	if KIND == "ping":
		return [(f"ping floor, {CAPACITY_USERS} users, no think time", CAPACITY_USERS, 30, "ping")]
	if KIND == "capacity":
		return [
			(
				f"app capacity, {CAPACITY_USERS} users, no think time",
				CAPACITY_USERS,
				STAGE_SECONDS,
				"capacity",
			)
		]
	if KIND in ("guest", "member"):
		title = {"guest": "guest pages", "member": "member pages"}[KIND]
		return [(f"{title}, {CAPACITY_USERS} users, no think time", CAPACITY_USERS, 30, KIND)]
	ramp = sorted({u for u in (25, 50, 100, 150, 200, TARGET) if u <= TARGET})
	return [(f"mix, {u} users", u, STAGE_SECONDS, "mix") for u in ramp]


KINDS = {
	"ping": [PingOnly],
	"capacity": [Capacity],
	"guest": [GuestPages],
	"member": [MemberPages],
	"mix": MIX,
}
# locust runs the user classes this module leaves non-abstract: only those of the kind asked for
for _cls in (Member, Guest, Operator, Floor, PingOnly, Capacity, GuestPages, MemberPages, LimitProber):
	_cls.abstract = _cls not in KINDS[KIND]
del _cls  # a class left in the module's names would be found twice


class CpuSampler:
	"""CPU time of the machine and of the server's processes (by command line) between two samples, in
	cores; what the machine spent beyond them is other work (on a shared machine, other people's)."""

	GROUPS = (("mariadbd", "MariaDB"), ("gunicorn", "gunicorn"), ("redis-server", "Redis"), ("nginx", "nginx"),
		("locust", "locust (this load)"), ("bench worker", "RQ workers"), ("frappe.utils.bench_helper frappe worker", "RQ workers"),
		("schedule", "scheduler"), ("socketio", "socketio"))  # fmt: skip

	def __init__(self):
		self.last = self.sample()

	@staticmethod
	def sample():
		with open("/proc/stat") as f:
			fields = [int(x) for x in f.readline().split()[1:]]
		total, idle = sum(fields), fields[3] + fields[4]
		procs = {}
		for pid in os.listdir("/proc"):
			if not pid.isdigit():
				continue
			try:
				with open(f"/proc/{pid}/cmdline", "rb") as f:
					cmd = f.read().replace(b"\0", b" ").decode(errors="replace")
				with open(f"/proc/{pid}/stat") as f:
					parts = f.read().rsplit(")", 1)[1].split()
			except OSError:
				continue
			label = next((label for key, label in CpuSampler.GROUPS if key in cmd), None)
			procs[pid] = (label, int(parts[11]) + int(parts[12]))
		return time.time(), total, idle, procs

	def delta(self):
		now = self.sample()
		(t0, total0, idle0, p0), (t1, total1, idle1, p1) = self.last, now
		self.last = now
		hz = os.sysconf("SC_CLK_TCK")
		seconds = max(t1 - t0, 0.001)
		busy = 1 - (idle1 - idle0) / max(total1 - total0, 1)
		groups = {}
		for pid, (label, ticks) in p1.items():
			if label:
				groups[label] = groups.get(label, 0) + ticks - (p0[pid][1] if pid in p0 else 0)
		cores = {k: round(v / hz / seconds, 2) for k, v in groups.items()}
		used = busy * (os.cpu_count() or 1)
		cores["other work on the machine"] = round(max(used - sum(cores.values()), 0), 2)
		return {"machine_busy": round(busy, 3), "cores_used_by": cores}


STATUSES = {}
SAMPLES = {}  # the first answers of each unexpected status, to read what went wrong
_lock = threading.Lock()


@events.request.add_listener
def count_status(request_type, name, response_time, response_length, response=None, exception=None, **kw):
	status = getattr(response, "status_code", None) or (
		"error: " + type(exception).__name__ if exception else 0
	)
	with _lock:
		by_name = STATUSES.setdefault(name, {})
		by_name[str(status)] = by_name.get(str(status), 0) + 1
		if str(status)[0] in "45e" and str(status) != "417" and name != "rate limit probe":
			found = SAMPLES.setdefault(f"{name} {status}", [])
			if len(found) < 2:
				text = getattr(response, "text", "") or repr(exception)
				match = re.search(r"<title>(.*?)</title>", text, re.S)
				found.append((match.group(1).strip() if match else text)[:300])


class Stages(LoadTestShape):
	def __init__(self):
		super().__init__()
		self.stages = stages()
		self.index = -1
		self.started = None
		self.results = []
		self.cpu = None

	def finish_stage(self):
		if self.index < 0:
			return
		name, users, seconds, kind = self.stages[self.index]
		elapsed = time.time() - self.started
		stats = self.runner.stats
		rows = []
		for (entry_name, method), entry in sorted(stats.entries.items()):
			if not entry.num_requests:
				continue
			rows.append(
				{
					"name": entry_name,
					"method": method,
					"requests": entry.num_requests,
					"failures": entry.num_failures,
					"rps": round(entry.num_requests / elapsed, 2),
					"p50": entry.get_response_time_percentile(0.5),
					"p95": entry.get_response_time_percentile(0.95),
					"p99": entry.get_response_time_percentile(0.99),
					"max": round(entry.max_response_time or 0),
					"statuses": STATUSES.get(entry_name, {}),
				}
			)
		total = stats.total
		self.results.append(
			{
				"stage": name,
				"users": users,
				"seconds": round(elapsed, 1),
				"requests": total.num_requests,
				"rps": round(total.num_requests / elapsed, 2),
				"p50": total.get_response_time_percentile(0.5),
				"p95": total.get_response_time_percentile(0.95),
				"p99": total.get_response_time_percentile(0.99),
				"cpu": self.cpu.delta(),
				"rows": rows,
			}
		)
		with open(OUTPUT, "w") as f:
			json.dump(
				{"fixtures": FIXTURES["counts"], "stages": self.results, "samples": SAMPLES}, f, indent=1
			)
		stats.reset_all()
		STATUSES.clear()

	def tick(self):
		now = time.time()
		if self.index == -1 or now - self.started >= self.stages[self.index][2]:
			self.finish_stage()
			self.index += 1
			if self.index >= len(self.stages):
				return None
			self.started = now
			if self.cpu is None:
				self.cpu = CpuSampler()
			else:
				self.cpu.delta()
			name, users, _seconds, kind = self.stages[self.index]
			self.current = (users, max(10, users / 5))
		return self.current
