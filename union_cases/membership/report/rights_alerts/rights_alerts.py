# Copyright (c) 2026, union_cases contributors
# For license information, please see license.txt

"""Members whose own records show a likely violation of their rights (union_cases/casework/rights.py),
by employer and local union: how many of each alert, and, for one employer, the members themselves.
Built on `reporting.member_scope`: a reader sees only the members they may open."""

from frappe import _

from union_cases.casework.rights import ALERTS
from union_cases.reporting import column, member_scope, script_report, sql, translate_values

# members listed under their groups only for one employer: a federation's list is its groups
MEMBER_ROWS_LIMIT = 2000


def get_columns(filters=None):
	return [
		column("group", _("Employer / Member"), "Data", 260),
		column("local_union", _("Local Union"), "Link", 200, "Federation"),
		column("members", _("Members Affected")),
		*(column(field, _(label), "Int", 150) for field, (label, _category) in ALERTS.items()),
		column("employment_status", _("Employment Status"), "Data", 130),
		column("work_start_date", _("Work Start Date"), "Date", 120),
		column("member", _("Member"), "Link", 140, "Member"),
		column("employer", _("Employer"), "Link", 160, "Employer"),
	]


def conditions(filters) -> tuple[str, dict]:
	where, values = member_scope(filters)
	where += " and m.has_rights_alert = 1"
	if filters.get("alert") in ALERTS:
		where += f" and m.`{filters.alert}` = 1"
	return where, values


def get_data(filters):
	where, values = conditions(filters)
	sums = ", ".join(f"sum(m.`{field}`) as `{field}`" for field in ALERTS)
	groups = sql(
		f"""select ifnull(m.employer, '') as employer, m.local_union, count(*) as members, {sums}
		from `tabMember` m where {where}
		group by ifnull(m.employer, ''), m.local_union
		order by members desc, employer, m.local_union""",
		values,
	)
	members = {}
	if filters.get("employer"):
		flags = ", ".join(f"m.`{field}`" for field in ALERTS)
		for row in sql(
			f"""select m.name as member, m.full_name, ifnull(m.employer, '') as employer, m.local_union,
				m.employment_status, m.work_start_date, {flags}
			from `tabMember` m where {where}
			order by m.full_name limit {MEMBER_ROWS_LIMIT}""",
			values,
		):
			members.setdefault((row.employer, row.local_union), []).append(row)
	data = []
	for group in groups:
		group.group = f"{group.employer or _('No Employer Recorded')} · {group.local_union}"
		group.indent = 0
		for field in ("members", *ALERTS):
			group[field] = int(group[field] or 0)
		data.append(group)
		for row in members.get((group.employer, group.local_union), []):
			row.group, row.indent, row.members = f"{row.full_name} ({row.member})", 1, None
			row.parent_group = group.group
			data.append(translate_values([row], "employment_status")[0])
	return data


def get_summary(data):
	groups = [row for row in data if row.indent == 0]
	summary = [
		{"label": _("Members Affected"), "value": sum(row.members for row in groups), "datatype": "Int"}
	]
	for field, (label, _category) in ALERTS.items():
		summary.append({"label": _(label), "value": sum(row[field] for row in groups), "datatype": "Int"})
	return summary


execute = script_report(get_columns, get_data, get_summary=get_summary)
