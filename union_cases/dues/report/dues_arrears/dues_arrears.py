# Copyright (c) 2026, union_cases contributors
# For license information, please see license.txt

"""Members in arrears (from ERPNext's receivables: overdue dues invoices with money outstanding), with
the months and the amount, by employer and by gender. Only the members the reader may see."""

import frappe
from frappe import _
from frappe.utils import cint, flt

from union_cases.dues import erpnext
from union_cases.dues.arrears import members_in_arrears
from union_cases.reporting import chart, column, member_scope, script_report


def get_columns(filters=None):
	return [
		column("member", _("Member"), "Link", 140, "Member"),
		column("full_name", _("Full Name"), "Data", 180),
		column("local_union", _("Local Union"), "Link", 160, "Federation"),
		column("employer", _("Employer"), "Link", 160, "Employer"),
		column("gender", _("Gender"), "Data", 90),
		column("months", _("Months in Arrears")),
		column("amount", _("Amount in Arrears"), "Currency", 130),
	]


def get_data(filters):
	if not erpnext.installed():
		frappe.msgprint(_("This needs ERPNext, which is not installed on this site."))
		return []
	where, values = member_scope(filters)
	rows = members_in_arrears(where, values, filters.get("as_of"), max(cint(filters.get("min_months")), 1))
	for row in rows:
		row.gender = _(row.gender) if row.gender else ""
		for key in ("federation", "status", "email", "language"):
			row.pop(key, None)
	return rows


def get_chart(rows):
	by_employer = {}
	for row in rows:
		by_employer[row.employer or _("No employer")] = (
			by_employer.get(row.employer or _("No employer"), 0) + 1
		)
	labels = sorted(by_employer, key=by_employer.get, reverse=True)[:10]
	return chart(labels, {_("Members in Arrears"): [by_employer[label] for label in labels]})


def get_summary(rows):
	female = sum(1 for row in rows if row.gender == _("Female"))
	return [
		{"label": _("Members in Arrears"), "value": len(rows), "indicator": "Red"},
		{"label": _("Female"), "value": female},
		{"label": _("Male"), "value": len(rows) - female},
		{
			"label": _("Amount in Arrears"),
			"value": sum(flt(row.amount) for row in rows),
			"datatype": "Currency",
		},
	]


execute = script_report(get_columns, get_data, get_chart, get_summary)
