"""Working days and the legal deadlines of a case (Law 2/2004).

Working days skip Saturdays, Sundays and the holiday calendar (Public Holiday, seeded with
Indonesia's national holidays; where ERPNext is installed, also a Holiday List named in Union
Cases Settings). Periods are counted from the day after the starting date: a 7-working-day limit
from a Friday ends on the Tuesday of the week after next when nothing else intervenes. A deadline is
overdue from the calendar day after its due date (`is_overdue`, used by the daily job too).
"""

from __future__ import annotations

import bisect
import datetime
import functools

import frappe
from dateutil.relativedelta import relativedelta
from dateutil.rrule import DAILY, FR, MO, TH, TU, WE, rrule
from frappe import _
from frappe.utils import getdate, today

from union_cases.exceptions import DeadlineExtensionError
from union_cases.translation import N_, site_language

HOLIDAY_CACHE_KEY = "union_cases:holidays"
WORKING_WEEKDAYS = (MO, TU, WE, TH, FR)
CLOSED_STATES = ("Resolved", "Closed", "Rejected")
NEXT_STAGE_START = "next_stage_start"


# stage, event, duration, unit, counted from, met by, dispute types, extension, legal basis
DEFAULT_RULES = (
	(
		"Bipartite",
		N_("Bipartite negotiation concluded"),
		30,
		"Working Days",
		"start_date",
		"end_date",
		"",
		0,
		"UU 2/2004 Art. 3",
	),
	(
		"Labour Office Registration",
		N_("Choice of conciliation or arbitration"),
		7,
		"Working Days",
		"start_date",
		"end_date",
		"",
		0,
		"UU 2/2004 Art. 4",
	),
	(
		"Mediation",
		N_("First mediation hearing"),
		7,
		"Working Days",
		"start_date",
		"first_hearing_date",
		"",
		0,
		"UU 2/2004 Art. 10",
	),
	(
		"Mediation",
		N_("Written recommendation (anjuran)"),
		10,
		"Working Days",
		"first_hearing_date",
		"recommendation_received_date",
		"",
		0,
		"UU 2/2004 Art. 13",
	),
	(
		"Mediation",
		N_("Parties' answer to the recommendation"),
		10,
		"Working Days",
		"recommendation_received_date",
		"answer_date",
		"",
		0,
		"UU 2/2004 Art. 13",
	),
	(
		"Mediation",
		N_("Mediation completed"),
		30,
		"Working Days",
		"start_date",
		"end_date",
		"",
		0,
		"UU 2/2004 Art. 15",
	),
	(
		"Mediation",
		N_("Dismissal lawsuit filed at the PHI"),
		1,
		"Calendar Years",
		"end_date",
		NEXT_STAGE_START,
		"Termination",
		0,
		"MK 132/PUU-XXIII/2025",
	),
	(
		"Conciliation",
		N_("Conciliation completed"),
		30,
		"Working Days",
		"start_date",
		"end_date",
		"",
		0,
		"UU 2/2004 Art. 25",
	),
	(
		"Conciliation",
		N_("Dismissal lawsuit filed at the PHI"),
		1,
		"Calendar Years",
		"end_date",
		NEXT_STAGE_START,
		"Termination",
		0,
		"MK 132/PUU-XXIII/2025",
	),
	(
		"Arbitration",
		N_("Arbitration award"),
		30,
		"Working Days",
		"start_date",
		"end_date",
		"",
		14,
		"UU 2/2004 Art. 40",
	),
	(
		"Industrial Relations Court (PHI)",
		N_("PHI judgment"),
		50,
		"Working Days",
		"first_hearing_date",
		"judgment_read_date",
		"",
		0,
		"UU 2/2004 Art. 103",
	),
	(
		"Cassation",
		N_("Cassation filed"),
		14,
		"Working Days",
		"start_date",
		"filing_date",
		"Rights, Termination",
		0,
		"UU 2/2004 Art. 110",
	),
	(
		"Cassation",
		N_("Supreme Court decision"),
		30,
		"Working Days",
		"file_received_date",
		"judgment_read_date",
		"",
		0,
		"UU 2/2004 Art. 115",
	),
)


# ---------------------------------------------------------------- the working-day calendar


def get_holidays() -> frozenset[datetime.date]:
	"""Every holiday date the calendar skips (cached for the site; cleared when holidays change)."""

	def load() -> list[str]:
		dates = set(frappe.get_all("Public Holiday", pluck="holiday_date"))
		holiday_list = frappe.db.get_single_value("Union Cases Settings", "erpnext_holiday_list")
		if (
			holiday_list
			and "erpnext" in frappe.get_installed_apps()
			and frappe.db.exists("Holiday List", holiday_list)
		):
			dates.update(
				frappe.get_all(
					"Holiday", filters={"parent": holiday_list, "weekly_off": 0}, pluck="holiday_date"
				)
			)
		return sorted(str(d) for d in dates)

	return frozenset(getdate(d) for d in frappe.cache.get_value(HOLIDAY_CACHE_KEY, load))


def clear_holiday_cache(doc=None, method=None):
	frappe.cache.delete_value(HOLIDAY_CACHE_KEY)


def is_working_day(day: datetime.date, holidays: frozenset[datetime.date] | None = None) -> bool:
	holidays = get_holidays() if holidays is None else holidays
	return day.weekday() < 5 and day not in holidays


def working_days(start: datetime.date, holidays: frozenset[datetime.date] | None = None):
	"""The working days after `start`, lazily (rrule over weekdays, holidays skipped)."""
	holidays = get_holidays() if holidays is None else holidays
	start = getdate(start)
	for day in rrule(DAILY, dtstart=start + datetime.timedelta(days=1), byweekday=WORKING_WEEKDAYS):
		if day.date() not in holidays:
			yield day.date()


def add_working_days(start, days: int, holidays: frozenset[datetime.date] | None = None) -> datetime.date:
	"""The `days`-th working day after `start` (0 gives `start` itself)."""
	start = getdate(start)
	if days <= 0:
		return start
	for count, day in enumerate(working_days(start, holidays), start=1):
		if count == days:
			return day
	raise AssertionError("unreachable")


def working_days_between(start, end, holidays: frozenset[datetime.date] | None = None) -> int:
	"""Working days after `start` up to and including `end`; negative when `end` is before `start`."""
	start, end = getdate(start), getdate(end)
	if end == start:
		return 0
	if end < start:
		return -working_days_between(end, start, holidays)
	holidays = get_holidays() if holidays is None else holidays
	# counted, not walked: the daily job asks this for every open deadline, some of them years overdue
	weeks, rest = divmod((end - start).days, 7)
	first = start.weekday() + 1  # the weekday of the day after start
	weekdays = weeks * 5 + sum(1 for k in range(rest) if (first + k) % 7 < 5)
	dates = weekday_holidays(holidays)
	return weekdays - (bisect.bisect_right(dates, end) - bisect.bisect_right(dates, start))


@functools.lru_cache(maxsize=8)
def weekday_holidays(holidays: frozenset[datetime.date]) -> tuple[datetime.date, ...]:
	"""The holidays that fall on a weekday, sorted (only those take a working day away)."""
	return tuple(sorted(day for day in holidays if day.weekday() < 5))


def add_period(start, duration: int, unit: str, holidays=None) -> datetime.date:
	start = getdate(start)
	if unit == "Calendar Days":
		return start + relativedelta(days=duration)
	if unit == "Calendar Years":
		return start + relativedelta(years=duration)
	return add_working_days(start, duration, holidays)


# ---------------------------------------------------------------- the rules


def get_rules() -> list:
	return [rule for rule in frappe.get_cached_doc("Union Cases Settings").deadline_rules if rule.enabled]


def default_rule_rows() -> list[dict]:
	keys = (
		"stage",
		"event",
		"duration",
		"unit",
		"counted_from",
		"met_by",
		"dispute_types",
		"max_extension_days",
		"legal_basis",
	)
	return [dict(zip(keys, rule, strict=True), enabled=1) for rule in DEFAULT_RULES]


def seed_default_rules():
	settings = frappe.get_single("Union Cases Settings")
	if settings.deadline_rules:
		return
	for row in default_rule_rows():
		settings.append("deadline_rules", row)
	settings.flags.ignore_permissions = True
	settings.save()


def rule_applies(rule, dispute_type: str | None) -> bool:
	if not rule.dispute_types:
		return True
	return (dispute_type or "") in {t.strip() for t in rule.dispute_types.split(",")}


# ---------------------------------------------------------------- a case's deadlines


def update_case_deadlines(case, on_date=None):
	"""Recompute the case's deadline rows from its stages and the rules; keep extensions and sent notices."""
	on_date = getdate(on_date or today())
	holidays = get_holidays()
	lang = site_language()  # the event is stored once, in the site's language, for everyone
	closed = case.workflow_state in CLOSED_STATES  # what is still pending no longer runs
	previous = {(row.stage_row, row.rule): row for row in case.deadlines}
	rows = []
	stages = [stage for stage in case.stages if stage.stage_status != "Skipped"]
	for position, stage in enumerate(stages):
		if not stage.row_key:
			stage.row_key = frappe.generate_hash(length=10)
		next_start = next((s.start_date for s in stages[position + 1 :] if s.start_date), None)
		for rule in get_rules():
			base = stage.get(rule.counted_from)
			if rule.stage != stage.stage or not base or not rule_applies(rule, case.dispute_type):
				continue
			old = previous.get((stage.row_key, rule.name)) or frappe._dict()
			original = add_period(base, rule.duration, rule.unit, holidays)
			extension = old.extension_days or 0
			if extension > (rule.max_extension_days or 0):
				frappe.throw(
					_("{0}: {1} can be extended by at most {2} working days.").format(
						_(stage.stage), _(rule.event), rule.max_extension_days or 0
					),
					DeadlineExtensionError,
					title=_("Extension not allowed"),
				)
			due = add_working_days(original, extension, holidays)
			met_on = next_start if rule.met_by == NEXT_STAGE_START else stage.get(rule.met_by)
			rows.append(
				{
					"stage": stage.stage,
					"stage_row": stage.row_key,
					"rule": rule.name,
					"event": _(rule.event, lang=lang),
					"counted_from": base,
					"original_due_date": original,
					"due_date": due,
					"met_on": met_on,
					"deadline_status": "Case Closed"
					if closed and not met_on
					else deadline_status(due, met_on, on_date),
					"days_left": None if met_on or closed else working_days_between(on_date, due, holidays),
					"extension_days": extension,
					"extension_reason": old.extension_reason,
					"extension_agreed_by": old.extension_agreed_by,
					"warning_sent_on": old.warning_sent_on,
					"overdue_sent_on": old.overdue_sent_on,
				}
			)
	case.set("deadlines", rows)
	set_next_deadlines(case)


def is_overdue(due, on_date) -> bool:
	"""The one rule for "overdue": from the calendar day after the due date, a working day or not.

	A limit due on a Friday is overdue on the Saturday (its working days left are then 0, and -1 on
	the Monday): days left count working days, being overdue does not wait for one.
	"""
	return bool(due) and getdate(on_date) > getdate(due)


def deadline_status(due, met_on, on_date) -> str:
	if met_on:
		return "Met" if getdate(met_on) <= getdate(due) else "Met Late"
	return "Overdue" if is_overdue(due, on_date) else "Open"


def set_next_deadlines(case):
	"""Each stage shows its next open deadline; the case shows the earliest of all (in the site's language)."""
	lang = site_language()
	pending = sorted(
		(row for row in case.deadlines if row.deadline_status in ("Open", "Overdue")),
		key=lambda r: getdate(r.due_date),
	)
	for stage in case.stages:
		first = next((row for row in pending if row.stage_row == stage.row_key), None)
		stage.next_due_date = first.due_date if first else None
		stage.next_due_event = _(first.event, lang=lang) if first else None
		stage.days_left = first.days_left if first else None
	first = pending[0] if pending and case.workflow_state not in CLOSED_STATES else None
	case.next_deadline = first.due_date if first else None
	case.next_deadline_event = f"{_(first.stage, lang=lang)}: {_(first.event, lang=lang)}" if first else None
	case.next_deadline_days_left = first.days_left if first else None
