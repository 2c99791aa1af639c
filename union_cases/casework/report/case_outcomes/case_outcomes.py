# Copyright (c) 2026, union_cases contributors
# For license information, please see license.txt

"""How resolved and closed cases ended: resolution types, amounts claimed and recovered, reinstatements and the
members' ratings of the handling (stored by Frappe as a fraction of 1; shown here in stars out of 5)."""

from frappe import _

from union_cases.reporting import (
	CASE_FROM,
	case_scope,
	chart,
	column,
	gender_columns,
	gender_counts,
	script_report,
	share,
	sql,
)

STARS = 5


def get_columns(filters=None):
	return [
		column("resolution_type", _("Resolution Type"), "Data", 220),
		column("cases", _("Cases")),
		*gender_columns(),
		column("amount_claimed", _("Amount Claimed"), "Currency", 150),
		column("amount_recovered", _("Amount Recovered"), "Currency", 150),
		column("reinstated", _("Reinstated")),
		column("rated", _("Rated by the Member"), width=140),
		column("average_rating", _("Average Rating (Stars)"), "Float", 150),
		column("satisfied", _("Satisfied (4-5 Stars)"), width=140),
	]


def get_data(filters):
	where, values = case_scope(filters)
	rows = sql(
		f"""select ifnull(c.resolution_type, '') as resolution_type, count(*) as cases, {gender_counts()},
			sum(ifnull(c.amount_claimed, 0)) as amount_claimed, sum(ifnull(c.amount_recovered, 0)) as amount_recovered, sum(c.reinstated) as reinstated,
			sum(ifnull(c.handling_rating, 0) > 0) as rated,
			avg(nullif(c.handling_rating, 0)) * {STARS} as average_rating,
			sum(ifnull(c.handling_rating, 0) * {STARS} >= 3.5) as satisfied
		from {CASE_FROM}
		where {where} and (c.workflow_state in ('Resolved', 'Closed') or ifnull(c.resolution_type, '') != '')
		group by ifnull(c.resolution_type, '')
		order by cases desc""",
		values,
	)
	for row in rows:
		for field in ("cases", "female", "male", "gender_not_recorded", "reinstated", "rated", "satisfied"):
			row[field] = int(row[field] or 0)
		row.amount_claimed = float(row.amount_claimed or 0)
		row.amount_recovered = float(row.amount_recovered or 0)
		row.average_rating = round(float(row.average_rating), 2) if row.average_rating is not None else None
		row.resolution_type = _(row.resolution_type) if row.resolution_type else _("Not Recorded")
	return rows


def get_chart(data):
	return chart([row.resolution_type for row in data], {_("Cases"): [row.cases for row in data]}, "pie")


def get_summary(data):
	cases = sum(row.cases for row in data)
	rated = sum(row.rated for row in data)
	stars = sum((row.average_rating or 0) * row.rated for row in data)
	return [
		{"label": _("Cases"), "value": cases, "datatype": "Int"},
		{
			"label": _("Amount Claimed"),
			"value": sum(row.amount_claimed for row in data),
			"datatype": "Currency",
		},
		{
			"label": _("Amount Recovered"),
			"value": sum(row.amount_recovered for row in data),
			"datatype": "Currency",
		},
		{"label": _("Reinstated"), "value": sum(row.reinstated for row in data), "datatype": "Int"},
		{
			"label": _("Average Rating (Stars)"),
			"value": round(stars / rated, 2) if rated else 0,
			"datatype": "Float",
		},
		{
			"label": _("Satisfied (4-5 Stars)"),
			"value": share(sum(row.satisfied for row in data), rated) or 0,
			"datatype": "Percent",
		},
	]


execute = script_report(get_columns, get_data, get_chart, get_summary)
