"""Actual figures of the yearly performance targets, for a federation node and everything under it.

Each figure is counted over what the reader may see (the same scoping as every report), so a node's
officer and an administrator read the same actuals for that node unless confidential cases are involved.
"""

from frappe.utils import now_datetime

from union_cases.reporting import CASE_FROM, case_scope, member_scope, permitted, sql, subtree_names

SHARE = "Share of Deadlines Met (%)"


def year_values(year: int) -> dict:
	return {"year_start": f"{int(year)}-01-01", "year_end": f"{int(year)}-12-31"}


def new_members(node: str, year: int) -> float:
	where, values = member_scope({"federation": node})
	return sql(
		f"""select count(*) as n from `tabMember` m
		where {where} and m.join_date between %(year_start)s and %(year_end)s""",
		{**values, **year_values(year)},
	)[0].n


def cases_resolved(node: str, year: int) -> float:
	"""Resolved or closed cases, counted in the year of their closing date (or opening, if not closed)."""
	where, values = case_scope({"federation": node})
	return sql(
		f"""select count(*) as n from {CASE_FROM}
		where {where} and c.workflow_state in ('Resolved', 'Closed')
			and ifnull(c.closing_date, c.opening_date) between %(year_start)s and %(year_end)s""",
		{**values, **year_values(year)},
	)[0].n


def share_of_deadlines_met(node: str, year: int) -> float | None:
	"""Deadlines due in the year that were met on time, as a share of those met, met late or overdue."""
	where, values = case_scope({"federation": node})
	row = sql(
		f"""select sum(d.deadline_status = 'Met') as met,
			sum(d.deadline_status in ('Met', 'Met Late', 'Overdue')) as counted
		from {CASE_FROM}
		join `tabCase Deadline` d on d.parent = c.name and d.parenttype = 'Case'
		where {where} and d.due_date between %(year_start)s and %(year_end)s""",
		{**values, **year_values(year)},
	)[0]
	return round(100.0 * int(row.met or 0) / int(row.counted), 1) if row.counted else None


def referrals_completed(node: str, year: int) -> float:
	nodes = subtree_names(node)
	return sql(
		f"""select count(*) as n from `tabReferral` r
		where {permitted("Referral", "r")} and r.workflow_state = 'Completed'
			and (r.local_union in ({nodes}) or r.federation in ({nodes}))
			and date(r.completed_on) between %(year_start)s and %(year_end)s""",
		year_values(year),
	)[0].n


AUTOMATIC = {
	"New Members": new_members,
	"Cases Resolved": cases_resolved,
	SHARE: share_of_deadlines_met,
	"Referrals Completed": referrals_completed,
}


def actual(indicator: str, node: str, year: int) -> float | None:
	compute = AUTOMATIC.get(indicator)
	return compute(node, year) if compute else None


def achievement(actual_value, target) -> float | None:
	return round(100.0 * (actual_value or 0) / target, 1) if target else None


def update_actuals(target_doc):
	"""Fill the computed actuals and every row's achievement on a Performance Target."""
	for row in target_doc.indicators:
		row.automatic = int(row.indicator in AUTOMATIC)
		if row.automatic:
			row.actual = actual(row.indicator, target_doc.federation, target_doc.year) or 0
		row.achievement = achievement(row.actual, row.target)
	target_doc.actuals_updated_on = now_datetime()
