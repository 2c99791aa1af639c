# Copyright (c) 2026, union_cases contributors
# For license information, please see license.txt

"""Legal deadlines per stage: met on time, breached (met late or overdue), and the median days taken.

The period is the deadline's due date. "Days taken" are calendar days from the date the limit is
counted from to the date it was met.
"""

from frappe import _

from union_cases.reporting import CASE_FROM, case_scope, chart, column, script_report, share, sql, stages


def get_columns(filters=None):
	return [
		column("stage", _("Stage"), "Data", 200),
		column("deadlines", _("Deadlines")),
		column("met", _("Met on Time")),
		column("met_late", _("Met Late")),
		column("overdue", _("Overdue")),
		column("breached", _("Breached")),
		column("open", _("Open")),
		column("case_closed", _("Pending at Closing"), width=130),
		column("share_met", _("Met on Time (%)"), "Percent", 120),
		column("median_days", _("Median Days Taken"), "Float", 130),
	]


def get_data(filters):
	where, values = case_scope(filters, date_field="d.due_date")
	source = f"""{CASE_FROM}
		join `tabCase Deadline` d
			on d.parent = c.name and d.parenttype = 'Case' and d.parentfield = 'deadlines'
		where {where}"""
	counts = sql(
		f"""select d.stage, count(*) as deadlines, sum(d.deadline_status = 'Met') as met,
			sum(d.deadline_status = 'Met Late') as met_late, sum(d.deadline_status = 'Overdue') as overdue,
			sum(d.deadline_status = 'Open') as open, sum(d.deadline_status = 'Case Closed') as case_closed
		from {source} group by d.stage""",
		values,
	)
	medians = sql(
		f"""select distinct d.stage,
			median(datediff(d.met_on, d.counted_from)) over (partition by d.stage) as median_days
		from {source} and d.met_on is not null""",
		values,
	)
	median_of = {row.stage: row.median_days for row in medians}
	order = {stage: position for position, stage in enumerate(stages())}
	data = []
	for row in sorted(counts, key=lambda r: (order.get(r.stage, len(order)), r.stage)):
		for field in ("met", "met_late", "overdue", "open", "case_closed"):
			row[field] = int(row[field] or 0)
		row.breached = row.met_late + row.overdue
		row.share_met = share(row.met, row.met + row.breached)
		median_days = median_of.get(row.stage)
		row.median_days = round(float(median_days), 1) if median_days is not None else None
		row.stage = _(row.stage)
		data.append(row)
	return data


def get_chart(data):
	return chart(
		[row.stage for row in data],
		{_("Met on Time"): [row.met for row in data], _("Breached"): [row.breached for row in data]},
		stacked=True,
	)


execute = script_report(get_columns, get_data, get_chart)
