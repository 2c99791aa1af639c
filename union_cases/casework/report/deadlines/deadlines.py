# Copyright (c) 2026, union_cases contributors
# For license information, please see license.txt

"""Upcoming and overdue legal deadlines across the cases the user may see."""

import datetime

import frappe
from frappe import _
from frappe.utils import add_days, getdate, today

from union_cases.reporting import add_conditions, closed_states_sql, in_subtree, permitted, sql

STATUS_FILTERS = {
	"Upcoming": ["Open"],
	"Overdue": ["Overdue"],
	"Open and Overdue": ["Open", "Overdue"],
	"All": ["Open", "Overdue", "Met", "Met Late", "Case Closed"],
}


def execute(filters=None):
	filters = frappe._dict(filters or {})
	return get_columns(), get_data(filters)


def get_columns():
	return [
		{"fieldname": "case_name", "label": _("Case"), "fieldtype": "Link", "options": "Case", "width": 190},
		{"fieldname": "title", "label": _("Title"), "fieldtype": "Data", "width": 220},
		{"fieldname": "stage", "label": _("Stage"), "fieldtype": "Data", "width": 170},
		{"fieldname": "event", "label": _("Event"), "fieldtype": "Data", "width": 220},
		{"fieldname": "due_date", "label": _("Due Date"), "fieldtype": "Date", "width": 110},
		{"fieldname": "days_left", "label": _("Working Days Left"), "fieldtype": "Int", "width": 90},
		{"fieldname": "deadline_status", "label": _("Status"), "fieldtype": "Data", "width": 100},
		{
			"fieldname": "original_due_date",
			"label": _("Original Due Date"),
			"fieldtype": "Date",
			"width": 110,
		},
		{
			"fieldname": "extension_days",
			"label": _("Extension (Working Days)"),
			"fieldtype": "Int",
			"width": 90,
		},
		{
			"fieldname": "handler",
			"label": _("Legal Advisor"),
			"fieldtype": "Link",
			"options": "User",
			"width": 160,
		},
		{
			"fieldname": "local_union",
			"label": _("Local Union"),
			"fieldtype": "Link",
			"options": "Federation",
			"width": 180,
		},
	]


def get_data(filters):
	"""The deadlines of the cases the user may read, in one query.

	The Case rows are those `frappe.get_list("Case")` returns (`permitted`: the same role, User
	Permission, app and share conditions), the filters as get_list wrote them (a deadline without a due
	date counts as due on 0001-01-01, as Frappe's own filter on a date does)."""
	statuses = STATUS_FILTERS.get(filters.status or "Open and Overdue", STATUS_FILTERS["Open and Overdue"])
	values = {"statuses": tuple(statuses)}
	clauses = [permitted("Case", "c"), "d.deadline_status in %(statuses)s"]
	if filters.get("status") != "All":
		clauses.append(f"ifnull(c.workflow_state, '') not in ({closed_states_sql()})")
	to_date = filters.get("to_date") or (
		add_days(today(), 30) if filters.get("status") == "Upcoming" else None
	)
	if to_date:
		clauses.append("ifnull(d.due_date, '0001-01-01') <= %(to_date)s")
		values["to_date"] = getdate(to_date)
	if filters.get("from_date"):
		clauses.append("d.due_date >= %(from_date)s")
		values["from_date"] = getdate(filters.from_date)
	in_subtree(filters, clauses, "c.local_union", "c.federation")
	add_conditions(
		filters,
		clauses,
		values,
		None,
		{
			"local_union": "c.local_union",
			"handler": "c.handler",
			"category": "c.category",
			"stage": "d.stage",
		},
	)
	rows = sql(
		f"""select c.name as case_name, c.title, c.handler, c.local_union, d.stage, d.event, d.due_date,
			d.days_left, d.deadline_status, d.original_due_date, d.extension_days
		from `tabCase` c join `tabCase Deadline` d on d.parent = c.name and d.parenttype = 'Case'
		where {" and ".join(clauses)}""",
		values,
	)
	# by due date, none first as in SQL; sorted here: MariaDB's sort of the wide rows took longer than the
	# query itself
	rows.sort(key=lambda row: (row.due_date is not None, row.due_date or datetime.date.min))
	translated = {}
	for row in rows:
		for field in ("stage", "event", "deadline_status"):
			value = row[field]
			if value not in translated:
				translated[value] = _(value)
			row[field] = translated[value]
	return rows
