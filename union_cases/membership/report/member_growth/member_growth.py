# Copyright (c) 2026, union_cases contributors
# For license information, please see license.txt

"""Members who joined and who left (resigned or died) each month, by gender and employment status."""

import re

import frappe
from frappe import _
from frappe.utils import add_months, get_first_day, getdate, today

from union_cases.reporting import (
	EMPLOYMENT_STATUSES,
	chart,
	column,
	gender_columns,
	member_scope,
	script_report,
	sql,
)


def get_columns(filters=None):
	return [
		column("month", _("Month"), "Data", 100),
		column("joined", _("Joined")),
		*gender_columns("joined_", _("Joined")),
		*[
			column(f"joined_{scrub(status)}", _("Joined") + ": " + _(status), width=130)
			for status in EMPLOYMENT_STATUSES
		],
		column("left", _("Members Who Left")),
		*gender_columns("left_", _("Members Who Left")),
		column("net", _("Net Change")),
	]


def scrub(status: str) -> str:
	return frappe.scrub(re.sub(r"[^A-Za-z]+", " ", status).strip())


def months(filters) -> list[str]:
	start = get_first_day(filters.get("from_date") or add_months(today(), -11))
	end = getdate(filters.get("to_date") or today())
	result = []
	while start <= end:
		result.append(start.strftime("%Y-%m"))
		start = get_first_day(add_months(start, 1))
	return result


def counts(filters, date_field: str, prefix: str, by_status: bool) -> dict[str, dict]:
	where, values = member_scope(filters)
	period = months(filters)
	values.update(start=f"{period[0]}-01", end=getdate(filters.get("to_date") or today()))
	status_columns = "".join(
		f", sum(m.employment_status = {frappe.db.escape(status)}) as {prefix}{scrub(status)}"
		for status in (EMPLOYMENT_STATUSES if by_status else ())
	)
	rows = sql(
		f"""select date_format(m.{date_field}, '%%Y-%%m') as month, count(*) as `{prefix[:-1]}`,
			sum(m.gender = 'Female') as {prefix}female, sum(m.gender = 'Male') as {prefix}male,
			sum(ifnull(m.gender, '') = '') as {prefix}gender_not_recorded {status_columns}
		from `tabMember` m
		where {where} and m.{date_field} between %(start)s and %(end)s
		group by month""",
		values,
	)
	return {row.pop("month"): row for row in rows}


def get_data(filters):
	if filters.get("from_date") and filters.get("to_date") and filters.from_date > filters.to_date:
		return []
	joined = counts(filters, "join_date", "joined_", True)
	left = counts(filters, "leave_date", "left_", False)
	data = []
	for month in months(filters):
		row = frappe._dict(month=month)
		for source in (joined.get(month, {}), left.get(month, {})):
			row.update({key: int(value or 0) for key, value in source.items()})
		row.joined, row.left = row.get("joined", 0), row.get("left", 0)
		for column_ in get_columns()[1:]:
			row.setdefault(column_["fieldname"], 0)
		row.net = row.joined - row.left
		data.append(row)
	return data


def get_chart(data):
	return chart(
		[row.month for row in data],
		{_("Joined"): [row.joined for row in data], _("Members Who Left"): [row.left for row in data]},
		"line",
	)


execute = script_report(get_columns, get_data, get_chart)
