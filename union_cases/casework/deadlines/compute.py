"""The legal deadlines of one case: rows computed from its stages and the rules.

A deadline is overdue from the calendar day after its due date (`is_overdue`, used by the daily job
too); days left count working days (`calendar.working_days_between`).
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import getdate, today

from union_cases.casework.deadlines.calendar import (
	add_period,
	add_working_days,
	get_holidays,
	working_days_between,
)
from union_cases.casework.deadlines.rules import NEXT_STAGE_START, get_rules, rule_applies
from union_cases.constants import CLOSED_STATES
from union_cases.exceptions import DeadlineExtensionError
from union_cases.utils.translation import site_language


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
