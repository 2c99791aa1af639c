# Copyright (c) 2026, union_cases contributors
# For license information, please see license.txt

"""How well the triage suggested the category of the cases whose category an operator confirmed: per
confirmed category, how many the model got right, how many it was unsure of, and which categories it
suggested instead (the confusion between categories), so administrators see when it drifts."""

from frappe import _
from frappe.utils import add_months, getdate, today

from union_cases.reporting import case_scope, chart, column, script_report, share, sql


def period(filters):
	"""The last six months unless the filters say otherwise."""
	filters.setdefault("from_date", add_months(getdate(today()), -6))
	filters.setdefault("to_date", getdate(today()))
	return filters


def confusion(filters) -> list[dict]:
	where, values = case_scope(period(filters))
	return sql(
		f"""select c.category, c.suggested_category, c.triage_status, count(*) as cases
		from `tabCase` c
		where {where} and c.category_confirmed = 1 and ifnull(c.suggested_category, '') != ''
		group by c.category, c.suggested_category, c.triage_status""",
		values,
	)


def suggested_categories(rows) -> list[str]:
	return sorted({row.suggested_category for row in rows})


def key(category: str) -> str:
	return "as_" + "".join(ch if ch.isalnum() else "_" for ch in category.lower())


def get_columns(filters):
	rows = confusion(filters)
	return [
		column("category", _("Confirmed Category"), "Link", 240, "Case Category"),
		column("cases", _("Cases")),
		column("correct", _("Suggested Right")),
		column("accuracy", _("Accuracy (%)"), "Percent"),
		column("unsure", _("Unsure")),
		*[
			column(key(category), _("Suggested: {0}").format(_(category)), width=130)
			for category in suggested_categories(rows)
		],
	]


def get_data(filters):
	rows = confusion(filters)
	by_category: dict[str, dict] = {}
	for row in rows:
		line = by_category.setdefault(
			row.category, {"category": row.category, "cases": 0, "correct": 0, "unsure": 0}
		)
		cases = int(row.cases)
		line["cases"] += cases
		if row.suggested_category == row.category:
			line["correct"] += cases
		if row.triage_status == "Unsure":
			line["unsure"] += cases
		line[key(row.suggested_category)] = line.get(key(row.suggested_category), 0) + cases
	data = sorted(by_category.values(), key=lambda line: (-line["cases"], line["category"]))
	for line in data:
		line["accuracy"] = share(line["correct"], line["cases"])
	return data


def get_chart(data):
	categories = [line["category"] for line in data]
	return chart([_(name) for name in categories], {_("Accuracy (%)"): [line["accuracy"] for line in data]})


def get_summary(data):
	cases = sum(line["cases"] for line in data)
	correct = sum(line["correct"] for line in data)
	return [
		{"label": _("Confirmed Cases"), "value": cases, "datatype": "Int"},
		{"label": _("Suggested Right"), "value": correct, "datatype": "Int"},
		{"label": _("Accuracy (%)"), "value": share(correct, cases) or 0, "datatype": "Percent"},
	]


execute = script_report(get_columns, get_data, get_chart, get_summary)
