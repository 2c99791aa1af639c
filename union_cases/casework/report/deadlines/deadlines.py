# Copyright (c) 2026, union_cases contributors
# For license information, please see license.txt

"""Upcoming and overdue legal deadlines across the cases the user may see."""

import frappe
from frappe import _
from frappe.utils import add_days, getdate, today

from union_cases.deadlines import CLOSED_STATES

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
		{"fieldname": "case_name", "label": _("Case"), "fieldtype": "Link", "options": "Case", "width": 150},
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
	statuses = STATUS_FILTERS.get(filters.status or "Open and Overdue", STATUS_FILTERS["Open and Overdue"])
	conditions = [["Case Deadline", "deadline_status", "in", statuses]]
	if filters.get("status") != "All":
		conditions.append(["Case", "workflow_state", "not in", CLOSED_STATES])
	if filters.get("to_date"):
		conditions.append(["Case Deadline", "due_date", "<=", getdate(filters.to_date)])
	elif filters.get("status") == "Upcoming":
		conditions.append(["Case Deadline", "due_date", "<=", add_days(today(), 30)])
	if filters.get("from_date"):
		conditions.append(["Case Deadline", "due_date", ">=", getdate(filters.from_date)])
	for field in ("local_union", "handler", "category"):
		if filters.get(field):
			conditions.append(["Case", field, "=", filters.get(field)])
	if filters.get("stage"):
		conditions.append(["Case Deadline", "stage", "=", filters.stage])
	rows = frappe.get_list(
		"Case",
		fields=[
			"name as case_name",
			"title",
			"handler",
			"local_union",
			"`tabCase Deadline`.stage as stage",
			"`tabCase Deadline`.event as event",
			"`tabCase Deadline`.due_date as due_date",
			"`tabCase Deadline`.days_left as days_left",
			"`tabCase Deadline`.deadline_status as deadline_status",
			"`tabCase Deadline`.original_due_date as original_due_date",
			"`tabCase Deadline`.extension_days as extension_days",
		],
		filters=conditions,
		order_by="`tabCase Deadline`.due_date asc",
		limit_page_length=0,
	)
	for row in rows:
		row.stage, row.event, row.deadline_status = _(row.stage), _(row.event), _(row.deadline_status)
	return rows
