"""The fast path of the demo data: members, cases (with stages and deadlines) and referrals written with
`frappe.db.bulk_insert` in batches, for measuring reports on large data sets.

    bench --site S union-cases-demo --size 100 --bulk

The tree, employers, partners and staff come from `union_cases.demo` (few records); the rest is
generated here with valid values (NIKs that pass the app's checks, deadlines by the working-day rules),
without running the controllers. Names carry DEMO (KTA-DEMO-B…, CASE-DEMO-B…, REF-DEMO-B…), so
`--clear` removes them like the rest of the demo data. Running it again adds only what is missing.

`--members` and `--cases` set the counts apart from the size (the benchmark of benchmarks/ uses
`--size 3334 --members 1000000 --cases 300000`); employers are bulk-written too, and the cases' opening
dates spread over the years since 2020.
"""

import datetime
import random
import time

import frappe
from frappe.utils import add_days, getdate, now_datetime, today

from union_cases.casework.deadlines.calendar import (
	add_period,
	get_holidays,
	working_days_between,
)
from union_cases.casework.deadlines.compute import deadline_status
from union_cases.casework.deadlines.rules import DEFAULT_RULES
from union_cases.constants import CLOSED_STATES
from union_cases.demo import generate as demo
from union_cases.organization.tree import sector_federation_of
from union_cases.utils.identity import make_nik

BATCH = 5000
# the first deadline of a stage (the one counted from its start): the rules a new site is seeded with
FIRST_RULES = {rule.stage: rule for rule in reversed(DEFAULT_RULES) if rule.counted_from == "start_date"}
MEMBER_PREFIX = "KTA-DEMO-B"
CASE_PREFIX = f"{demo.CASE_PREFIX}B"
REFERRAL_PREFIX = f"{demo.REFERRAL_PREFIX}B"
MEMBER_FIELDS = (
	"name", "full_name", "nik", "nik_masked", "gender", "date_of_birth", "mobile_no", "province", "city",
	"local_union", "federation", "employer", "employment_status", "job_title", "work_start_date",
	"join_date", "status", "leave_date", "naming_series",
)  # fmt: skip
CASE_FIELDS = (
	"name", "title", "case_type", "category", "dispute_type", "workflow_state", "priority", "opening_date",
	"incident_date", "channel", "confidential", "complainant", "complainant_name", "employer", "local_union",
	"federation", "current_stage", "description", "resolution_type", "amount_recovered", "reinstated",
	"closing_date", "handling_rating", "naming_series", "is_non_member", "next_deadline",
	"next_deadline_event", "next_deadline_days_left",
)  # fmt: skip
STAGE_FIELDS = ("name", "parent", "parenttype", "parentfield", "idx", "stage", "stage_status", "start_date",
	"end_date", "first_hearing_date", "row_key")  # fmt: skip
DEADLINE_FIELDS = ("name", "parent", "parenttype", "parentfield", "idx", "stage", "stage_row", "event",
	"counted_from", "due_date", "original_due_date", "met_on", "deadline_status", "days_left", "warning_sent_on",
	"overdue_sent_on")  # fmt: skip
REFERRAL_FIELDS = ("name", "case", "case_title", "partner", "partner_type", "workflow_state", "referral_date",
	"local_union", "federation", "reason", "sent_on", "accepted_on", "completed_on", "days_to_accept",
	"days_to_complete", "naming_series")  # fmt: skip


def insert(doctype: str, fields: tuple, rows: list[tuple]):
	"""Write one batch with the standard columns Frappe expects on every row."""
	if not rows:
		return
	stamp, user = now_datetime(), "Administrator"
	frappe.db.bulk_insert(
		doctype,
		(*fields, "creation", "modified", "owner", "modified_by", "docstatus"),
		[(*row, stamp, stamp, user, user, 0) for row in rows],
		ignore_duplicates=True,
	)
	frappe.db.commit()


def existing(doctype: str, prefix: str) -> int:
	return frappe.db.count(doctype, {"name": ("like", f"{prefix}%")})


FIRST_YEAR = 2020
EMPLOYER_FIELDS = ("name", "employer_name", "sector", "province", "city", "address", "workforce_size",
	"parent_company", "is_active")  # fmt: skip


def generate(
	size: int = 100, password: str | None = None, members: int | None = None, cases: int | None = None
) -> demo.Counts:
	size = max(1, int(size))
	started = time.monotonic()
	locals_ = demo.make_organisation(size)
	employers = make_employers(size)
	demo.assign_employers(locals_, employers)
	report("organisation and employers", len(employers), started)
	partners = demo.make_partners()
	demo.make_staff(password)
	federation_of = {local["name"]: sector_federation_of(local["name"]) for local in locals_}
	member_total = 300 * size if members is None else max(1, int(members))
	case_total = 60 * size if cases is None else max(1, int(cases))
	started = time.monotonic()
	people = make_members(member_total, locals_, federation_of)
	report("members", member_total, started)
	started = time.monotonic()
	made = make_cases(case_total, people)
	report("cases (with stages and deadlines)", case_total, started)
	del people
	started = time.monotonic()
	make_referrals(case_total // 4, made, partners)
	report("referrals", case_total // 4, started)
	frappe.db.commit()
	return demo.existing_counts()


def report(what: str, rows: int, started: float):
	"""Print how fast a part was written (rows per second), for the benchmark's generation figure."""
	seconds = time.monotonic() - started
	print(
		f"bulk demo: {rows} {what} in {seconds:.1f} s ({rows / max(seconds, 0.001):.0f} rows/s)", flush=True
	)


def make_employers(size: int) -> list[dict]:
	"""The demo employers, the missing ones written in batches (thousands at large sizes)."""
	employers = demo.plan_employers(size, demo.stream("employers"))
	have = set(frappe.get_all("Employer", filters={"name": ("like", f"%{demo.DEMO}")}, pluck="name"))
	rows = [
		tuple(
			employer.get(field, 1) if field == "is_active" else employer[field] for field in EMPLOYER_FIELDS
		)
		for employer in employers
		if employer["name"] not in have
	]
	for start in range(0, len(rows), BATCH):
		insert("Employer", EMPLOYER_FIELDS, rows[start : start + BATCH])
	return employers


def make_members(total: int, locals_: list[dict], federation_of: dict) -> list[tuple]:
	"""Write the members; return (name, full name, gender, local union, employer, federation) of each."""
	rng = random.Random(f"{demo.SEED}:bulk-members")
	done = existing("Member", MEMBER_PREFIX)
	latest_join = getdate(add_days(today(), -30))
	people, batch = [], []
	for i in range(total):
		local = locals_[i % len(locals_)]
		female = rng.random() < (0.65 if local["sector"] == "Garment" else 0.3)
		birth = datetime.date(1965, 1, 1) + datetime.timedelta(days=rng.randint(0, 365 * 39))
		serial = i % 9999 + 1
		nik = make_nik(
			local["province_code"], (i // (9999 * 90)) % 90 + 1, (i // 9999) % 90 + 11, birth, female, serial
		)
		name = f"{MEMBER_PREFIX}{i + 1:07d}"
		full_name = (
			f"{rng.choice(demo.FEMALE_NAMES if female else demo.MALE_NAMES)} {rng.choice(demo.FAMILY_NAMES)}"
		)
		gender = "Female" if female else "Male"
		# started work at 19 to 34 and joined within seven years of it, neither after the last join date:
		# one draw each, scaled to the time there is, so the joins spread over the years and none pile up
		# on one capped day
		adult = birth + datetime.timedelta(days=365 * 19)
		room = max(0, (latest_join - adult).days - 30)
		work_start = adult + datetime.timedelta(
			days=rng.randint(0, 365 * 15) * min(365 * 15, room) // (365 * 15)
		)
		span = max(30, min(2500, (latest_join - work_start).days))
		join = work_start + datetime.timedelta(days=30 + (rng.randint(30, 2500) - 30) * (span - 30) // 2470)
		status = demo.weighted(rng, demo.MEMBER_STATUS)
		leave = (
			min(join + datetime.timedelta(days=rng.randint(100, 900)), latest_join)
			if status in ("Resigned", "Deceased")
			else None
		)
		people.append(
			(name, full_name, gender, local["name"], local["employer"], federation_of[local["name"]], status)
		)
		# drawn for the members written before too, so a second run goes on with the same people
		mobile, employment = f"+62812{rng.randint(10**7, 10**8 - 1)}", demo.weighted(rng, demo.EMPLOYMENT)
		job = rng.choice(demo.JOBS[local["sector"]])
		if i < done:
			continue
		batch.append(
			(name, full_name, nik, "*" * 12 + nik[-4:], gender, birth, mobile, local["province"], local["city"],
			local["name"], federation_of[local["name"]], local["employer"], employment, job, work_start, join,
			status, leave, "KTA-.YYYY.-")
		)  # fmt: skip
		if len(batch) >= BATCH:
			insert("Member", MEMBER_FIELDS, batch)
			batch = []
	insert("Member", MEMBER_FIELDS, batch)
	return people


def make_cases(total: int, members: list[tuple]) -> list[tuple]:
	"""Write the cases with their stages and deadlines; return (name, title, status, opening, local, fed)."""
	rng = random.Random(f"{demo.SEED}:bulk-cases")
	categories = {
		row.name: row
		for row in frappe.get_all(
			"Case Category", fields=["name", "default_dispute_type", "confidential_by_default"]
		)
	}
	names = [c for c in demo.CASE_STORIES if c in categories]
	active = [m for m in members if m[6] == "Active"]
	holidays = get_holidays()
	today_ = getdate(today())
	done = existing("Case", CASE_PREFIX)
	span = (today_ - datetime.date(FIRST_YEAR, 1, 1)).days
	result, cases, stages, deadlines = [], [], [], []
	for i in range(total):
		member = active[(i * 7) % len(active)]
		category = names[i % len(names)]
		status = demo.weighted(rng, demo.CASE_STATUS)
		# finished cases over every year since 2020, open ones mostly of the last year and a half
		age = rng.randint(30, span) if status in ("Resolved", "Closed", "Rejected") else rng.randint(2, 540)
		opening = getdate(add_days(today_, -age))
		name = f"{CASE_PREFIX}{i + 1:07d}"
		title = f"{category}: {member[4].replace(' ' + demo.DEMO, '')}"
		result.append((name, title, status, opening, member[3], member[5]))
		if i < done:
			continue
		closed = status in ("Resolved", "Closed")
		rows = demo.demo_stages(status, opening, rng)
		pending = []  # (due, event, days left) of the open deadlines
		current = next((row["stage"] for row in reversed(rows) if row["stage_status"] == "Ongoing"), None)
		for idx, row in enumerate(rows, 1):
			key = frappe.generate_hash(length=10)
			stages.append(
				(f"{name}-S{idx}", name, "Case", "stages", idx, row["stage"], row["stage_status"],
				row["start_date"], row.get("end_date"), row.get("first_hearing_date"), key)
			)  # fmt: skip
			rule = FIRST_RULES["Mediation" if row["stage"] == "Mediation" else "Bipartite"]
			due = add_period(row["start_date"], rule.duration, rule.unit, holidays)
			met_on = row.get(rule.met_by)
			state = deadline_status(due, met_on, today_)
			left = working_days_between(today_, due, holidays) if state in ("Open", "Overdue") else None
			# as on a site where the daily job ran every day: passed deadlines were warned and flagged
			warned = overdue = None
			if left is not None and left < 0:
				warned = datetime.datetime.combine(due - datetime.timedelta(days=5), datetime.time(7))
				overdue = datetime.datetime.combine(due + datetime.timedelta(days=1), datetime.time(7))
			if left is not None:
				pending.append((due, f"{row['stage']}: {rule.event}", left))
			deadlines.append(
				(f"{name}-D{idx}", name, "Case", "deadlines", idx, row["stage"], key, rule.event, row["start_date"],
				due, due, met_on, state, left, warned, overdue)
			)  # fmt: skip
		first = min(pending) if pending and status not in CLOSED_STATES else (None, None, None)
		cases.append(
			(name, title, "Aspiration" if rng.random() < 0.1 else "Complaint", category,
			categories[category].default_dispute_type, status, rng.choice(("Low", "Medium", "High")), opening,
			opening - datetime.timedelta(days=rng.randint(1, 15)), "Desk", categories[category].confidential_by_default,
			member[0], member[1], member[4], member[3], member[5], current, f"<p>{category}</p>",
			rng.choice(demo.RESOLUTIONS) if closed else None,
			rng.choice((0, 2_500_000, 7_800_000, 15_000_000)) if closed else 0,
			int(closed and rng.random() < 0.1),
			min(opening + datetime.timedelta(days=rng.randint(20, 200)), today_) if status == "Closed" else None,
			rng.choice((0, 0.4, 0.6, 0.8, 1)) if closed else 0, "CASE-.YYYY.-", 0, *first)
		)  # fmt: skip
		if len(cases) >= BATCH:
			write_cases(cases, stages, deadlines)
			cases, stages, deadlines = [], [], []
	write_cases(cases, stages, deadlines)
	return result


def write_cases(cases, stages, deadlines):
	insert("Case", CASE_FIELDS, cases)
	insert("Case Stage", STAGE_FIELDS, stages)
	insert("Case Deadline", DEADLINE_FIELDS, deadlines)


def make_referrals(total: int, cases: list[tuple], partners: list[str]):
	rng = random.Random(f"{demo.SEED}:bulk-referrals")
	types = dict(frappe.get_all("Referral Partner", fields=["name", "partner_type"], as_list=True))
	handled = [c for c in cases if c[2] not in ("New", "Rejected")] or cases
	done = existing("Referral", REFERRAL_PREFIX)
	batch = []
	for i in range(done, total):
		case = handled[(i * 3) % len(handled)]
		status = demo.weighted(rng, demo.REFERRAL_STATUS)
		date = min(case[3] + datetime.timedelta(days=rng.randint(5, 30)), getdate(today()))
		sent = datetime.datetime.combine(date, datetime.time(9)) if status != "Draft" else None
		accept = (
			rng.randint(4, 120) if status in ("Accepted", "In Progress", "Completed", "Returned") else None
		)
		complete = rng.randint(5, 60) if status == "Completed" else None
		partner = partners[i % len(partners)]
		batch.append(
			(f"{REFERRAL_PREFIX}{i + 1:07d}", case[0], case[1], partner, types.get(partner), status, date, case[4],
			case[5], "Pendampingan lanjutan.", sent, sent + datetime.timedelta(hours=accept) if accept else None,
			sent + datetime.timedelta(hours=accept, days=complete) if complete else None,
			round(accept / 24, 1) if accept else 0, round(accept / 24 + complete, 1) if complete else 0, "REF-.YYYY.-")
		)  # fmt: skip
		if len(batch) >= BATCH:
			insert("Referral", REFERRAL_FIELDS, batch)
			batch = []
	insert("Referral", REFERRAL_FIELDS, batch)
