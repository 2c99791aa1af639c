# Copyright (c) 2026, union_cases contributors
# For license information, please see license.txt

"""Open cases by legal stage (or, before any stage, by status) and by age in days since opening."""

from frappe import _
from frappe.utils import getdate, today

from union_cases.reporting import case_from, case_scope, chart, closed_states_sql, column, script_report, sql
from union_cases.utils.translation import N_

# (fieldname, label, lowest age in days, highest age in days)
BANDS = (
	("days_0_30", N_("0-30 Days"), 0, 30),
	("days_31_90", N_("31-90 Days"), 31, 90),
	("days_91_180", N_("91-180 Days"), 91, 180),
	("days_181_365", N_("181-365 Days"), 181, 365),
	("over_365", N_("Over 365 Days"), 366, None),
)


def get_columns(filters=None):
	return [
		column("stage", _("Stage"), "Data", 200),
		column("workflow_state", _("Status"), "Data", 130),
		*[column(fieldname, _(label)) for fieldname, label, _low, _high in BANDS],
		column("total", _("Total")),
		column("average_age", _("Average Age (Days)"), "Float", 130),
		column("oldest", _("Oldest (Days)")),
	]


def get_data(filters):
	where, values = case_scope(filters)
	values["as_on"] = getdate(today())
	bands = ", ".join(
		f"sum(datediff(%(as_on)s, c.opening_date) between {low} and {high if high else 100000}) as {name}"
		for name, _label, low, high in BANDS
	)
	rows = sql(
		f"""select ifnull(c.current_stage, '') as stage, c.workflow_state, {bands}, count(*) as total,
			round(avg(datediff(%(as_on)s, c.opening_date)), 1) as average_age,
			max(datediff(%(as_on)s, c.opening_date)) as oldest
		from {case_from(filters)}
		where {where} and c.workflow_state not in ({closed_states_sql()})
		group by ifnull(c.current_stage, ''), c.workflow_state
		order by total desc, stage, c.workflow_state""",
		values,
	)
	for row in rows:
		row.stage = _(row.stage) if row.stage else _("No Legal Stage Yet")
		row.workflow_state = _(row.workflow_state)
		for name, *_rest in BANDS:
			row[name] = int(row[name] or 0)
	return rows


def get_chart(data):
	return chart(
		[_(label) for _name, label, _low, _high in BANDS],
		{_("Open Cases"): [sum(row[name] for row in data) for name, *_r in BANDS]},
	)


execute = script_report(get_columns, get_data, get_chart)
