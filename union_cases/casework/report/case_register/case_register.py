# Copyright (c) 2026, union_cases contributors
# For license information, please see license.txt

"""Every case the user may see, with the filters all reports share (period = opening date)."""

from frappe import _

from union_cases.reporting import CASE_FROM, case_scope, column, script_report, sql, translate_values


def get_columns(filters=None):
	return [
		column("name", _("Case"), "Link", 150, "Case"),
		column("title", _("Title"), "Data", 220),
		column("case_type", _("Type"), "Data", 100),
		column("category", _("Category"), "Link", 180, "Case Category"),
		column("workflow_state", _("Status"), "Data", 120),
		column("opening_date", _("Opening Date"), "Date"),
		column("closing_date", _("Closing Date"), "Date"),
		column("complainant_name", _("Complainant"), "Data", 160),
		column("gender", _("Gender"), "Data", 90),
		column("employment_status", _("Employment Status"), "Data", 120),
		column("employer", _("Employer"), "Link", 200, "Employer"),
		column("local_union", _("Local Union"), "Link", 180, "Federation"),
		column("handler", _("Legal Advisor"), "Link", 160, "User"),
		column("current_stage", _("Stage"), "Data", 150),
		column("next_deadline", _("Next Deadline"), "Date"),
		column("resolution_type", _("Resolution Type"), "Data", 160),
		column("amount_recovered", _("Amount Recovered"), "Currency", 130),
		column("reinstated", _("Reinstated"), "Check", 90),
	]


def get_data(filters):
	where, values = case_scope(filters)
	rows = sql(
		f"""select c.name, c.title, c.case_type, c.category, c.workflow_state, c.opening_date,
			c.closing_date, c.complainant_name, m.gender, m.employment_status, c.employer,
			c.local_union, c.handler, c.current_stage, c.next_deadline, c.resolution_type,
			c.amount_recovered, c.reinstated
		from {CASE_FROM} where {where}
		order by c.opening_date desc, c.name desc""",
		values,
	)
	return translate_values(
		rows, "case_type", "workflow_state", "gender", "employment_status", "current_stage", "resolution_type"
	)


execute = script_report(get_columns, get_data)
