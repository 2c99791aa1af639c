# Copyright (c) 2026, union_cases contributors
# For license information, please see license.txt

"""Cases by category, employer or place in the federation tree, split by the complainant's gender."""

from frappe import _

from union_cases.reporting import (
	CASE_FROM,
	case_scope,
	chart,
	closed_states_sql,
	column,
	gender_columns,
	gender_counts,
	script_report,
	sql,
)
from union_cases.utils.translation import N_

# group by: (SQL expression, column label, link doctype)
GROUPS = {
	"Category": ("c.category", N_("Category"), "Case Category"),
	"Employer": ("c.employer", N_("Employer"), "Employer"),
	"Federation": ("c.federation", N_("Federation"), "Federation"),
	"Branch": ("lu.parent_federation", N_("Branch"), "Federation"),
	"Local Union": ("c.local_union", N_("Local Union"), "Federation"),
}


def group_by(filters) -> str:
	return filters.get("group_by") if filters.get("group_by") in GROUPS else "Category"


def get_columns(filters):
	_expression, label, doctype = GROUPS[group_by(filters)]
	return [
		column("group_value", _(label), "Link", 240, doctype),
		column("cases", _("Cases")),
		*gender_columns(),
		column("complaints", _("Complaints")),
		column("aspirations", _("Aspirations")),
		column("non_members", _("Non-members")),
		column("open", _("Open")),
		column("resolved", _("Resolved or Closed"), width=130),
	]


def get_data(filters):
	expression = GROUPS[group_by(filters)][0]
	where, values = case_scope(filters)
	rows = sql(
		f"""select {expression} as group_value, count(*) as cases, {gender_counts()},
			sum(c.case_type = 'Complaint') as complaints, sum(c.case_type = 'Aspiration') as aspirations,
			sum(c.is_non_member) as non_members,
			sum(c.workflow_state not in ({closed_states_sql()})) as open,
			sum(c.workflow_state in ('Resolved', 'Closed')) as resolved
		from {CASE_FROM} left join `tabFederation` lu on lu.name = c.local_union
		where {where}
		group by {expression}
		order by cases desc, group_value""",
		values,
	)
	for row in rows:
		for key, value in row.items():
			if key != "group_value":
				row[key] = int(value or 0)
	return rows


def get_chart(data):
	top = data[:15]
	return chart(
		# a category's name is a word the app translates (the table's links show it translated too)
		[_(row.group_value) if row.group_value else _("Not Set") for row in top],
		{
			_("Women"): [row.female for row in top],
			_("Men"): [row.male for row in top],
			_("Gender Not Recorded"): [row.gender_not_recorded for row in top],
		},
		stacked=True,
	)


execute = script_report(get_columns, get_data, get_chart)
