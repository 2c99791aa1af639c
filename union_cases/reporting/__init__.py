"""What the app's reports share: their common filters and the records the user may see.

Every report starts from the names Frappe itself lists for the user (`frappe.get_list`, so the role
permissions, the User Permissions on the Federation tree and the app's own conditions of
`union_cases.permissions` all apply), and only then joins, filters and counts. A report can therefore
never show a figure built from a record its reader could not open.
"""

import statistics

import frappe
from frappe import _
from frappe.model.db_query import DatabaseQuery
from frappe.utils import getdate

from union_cases.constants import CLOSED_STATES

EMPLOYMENT_STATUSES = ("PKWTT", "PKWT", "Outsourced", "Daily / Casual", "Piece-rate", "Apprentice")


def permitted(doctype: str, alias: str) -> str:
	"""SQL condition on `doctype` (aliased `alias`) selecting the rows the session user may read.

	The very condition `frappe.get_list` adds (role permissions checked first and refused the same way;
	User Permissions, the app's permission_query_conditions of `union_cases.permissions`, shared
	documents), written on the report's own table instead of as `name in (a second read of it)`: for a
	scoped reader that subquery read the whole table again. Its `%` are doubled: the query it goes into
	always runs with a dict of values (see `sql`).
	"""
	query = DatabaseQuery(doctype)
	query.check_read_permission(doctype)
	match = query.build_match_conditions()
	# only shared documents (no read permission): build_match_conditions puts that in query.conditions
	conditions = [condition for condition in (*query.conditions, match) if condition]
	condition = " and ".join(f"({condition})" for condition in conditions) or "1=1"
	return condition.replace(f"`tab{doctype}`.", f"{alias}.").replace("%", "%%")


def sql(query: str, values: dict) -> list[dict]:
	return frappe.db.sql(query, dict(values), as_dict=True)


def subtree_names(node: str) -> str:
	"""The names of a Federation node and everything under it, as an SQL list of values (a subquery in
	its place made the optimizer re-read the Federation tree for the reports' every row)."""
	lft, rgt = frappe.db.get_value("Federation", node, ["lft", "rgt"]) or (0, -1)
	names = frappe.get_all("Federation", filters={"lft": (">=", lft), "rgt": ("<=", rgt)}, pluck="name")
	return ", ".join(frappe.db.escape(name) for name in names) or "''"


def script_report(get_columns, get_data, get_chart=None, get_summary=None):
	"""The `execute` of a script report: columns, rows, and a chart and summary built from the rows."""

	def execute(filters=None):
		filters = frappe._dict(filters or {})
		data = get_data(filters)
		return (
			get_columns(filters),
			data,
			None,
			get_chart(data) if get_chart else None,
			get_summary(data) if get_summary else None,
		)

	return execute


def chart(labels: list, datasets: dict[str, list], chart_type: str = "bar", stacked: bool = False) -> dict:
	"""A Frappe chart: one dataset per (translated) name."""
	result = {
		"data": {
			"labels": labels,
			"datasets": [{"name": name, "values": values} for name, values in datasets.items()],
		},
		"type": chart_type,
	}
	if stacked:
		result["barOptions"] = {"stacked": 1}
	return result


def add_conditions(filters, clauses: list, values: dict, date_field: str | None, columns: dict[str, str]):
	"""Append the period (on date_field) and the equality filters (filter name: SQL column)."""
	for key, operator in (("from_date", ">="), ("to_date", "<=")):
		if date_field and filters.get(key):
			clauses.append(f"{date_field} {operator} %({key})s")
			values[key] = getdate(filters.get(key))
	for field, expression in columns.items():
		if filters.get(field):
			clauses.append(f"{expression} = %({field})s")
			values[field] = filters.get(field)


def in_subtree(filters, clauses: list, *columns: str):
	"""Restrict to a Federation node (filter `federation`) and everything under it."""
	if filters.get("federation"):
		nodes = subtree_names(filters.federation)
		clauses.append("(" + " or ".join(f"{column_} in ({nodes})" for column_ in columns) + ")")


def case_scope(filters, date_field: str = "c.opening_date") -> tuple[str, dict]:
	"""The WHERE clause over `tabCase` c (left joined with its complainant `tabMember` m) and its values.

	Filters: from_date, to_date (on date_field), federation (a node, with everything under it),
	employer, category, case_type, gender, employment_status (of the complainant), membership
	("Member" or "Non-member").
	"""
	filters = frappe._dict(filters or {})
	values = {}
	clauses = [permitted("Case", "c")]
	in_subtree(filters, clauses, "c.local_union", "c.federation")
	add_conditions(
		filters,
		clauses,
		values,
		date_field,
		{
			"employer": "c.employer",
			"category": "c.category",
			"case_type": "c.case_type",
			"gender": "m.gender",
			"employment_status": "m.employment_status",
		},
	)
	if filters.get("membership") in ("Member", "Non-member"):
		clauses.append("c.is_non_member = %(non_member)s")
		values["non_member"] = int(filters.membership == "Non-member")
	return " and ".join(clauses), values


CASE_FROM = "`tabCase` c left join `tabMember` m on m.name = c.complainant"
MEMBER_FILTERS = ("gender", "employment_status")


def case_from(filters) -> str:
	"""CASE_FROM, or only `tabCase` c when no filter reads the complainant (a report selecting nothing
	of the member): the join looked up a member for every case counted."""
	filters = filters or {}
	return CASE_FROM if any(filters.get(key) for key in MEMBER_FILTERS) else "`tabCase` c"


def member_scope(filters) -> tuple[str, dict]:
	"""The WHERE clause over `tabMember` m the user may see, with the member filters."""
	filters = frappe._dict(filters or {})
	values = {}
	clauses = [permitted("Member", "m")]
	in_subtree(filters, clauses, "m.local_union", "m.federation")
	add_conditions(
		filters,
		clauses,
		values,
		None,
		{"employer": "m.employer", "gender": "m.gender", "employment_status": "m.employment_status"},
	)
	return " and ".join(clauses), values


def closed_states_sql() -> str:
	"""The closed workflow states, as an SQL list of values."""
	return ", ".join(frappe.db.escape(state) for state in CLOSED_STATES)


def gender_counts(prefix: str = "") -> str:
	"""SELECT columns counting rows by the complainant's gender (female, male, not recorded)."""
	return (
		f"sum(m.gender = 'Female') as {prefix}female, sum(m.gender = 'Male') as {prefix}male, "
		f"sum(ifnull(m.gender, '') = '') as {prefix}gender_not_recorded"
	)


def median(values) -> float | None:
	values = [v for v in values if v is not None]
	return round(statistics.median(values), 1) if values else None


def share(part, whole) -> float | None:
	return round(100.0 * (part or 0) / whole, 1) if whole else None


def column(fieldname: str, label: str, fieldtype: str = "Int", width: int = 110, options=None) -> dict:
	result = {"fieldname": fieldname, "label": label, "fieldtype": fieldtype, "width": width}
	if options:
		result["options"] = options
	return result


def stages() -> list[str]:
	"""The legal stages, in their order (the options of Case Deadline's stage)."""
	return frappe.get_meta("Case Deadline").get_options("stage").split("\n")


def gender_columns(prefix: str = "", label: str | None = None) -> list[dict]:
	label = f"{label}: " if label else ""
	return [
		column(f"{prefix}female", label + _("Women")),
		column(f"{prefix}male", label + _("Men")),
		column(f"{prefix}gender_not_recorded", label + _("Gender Not Recorded"), width=140),
	]


def translate_values(rows: list[dict], *fields: str) -> list[dict]:
	"""Show stored option values (states, stages, types) in the reader's language."""
	for row in rows:
		for field in fields:
			if row.get(field):
				row[field] = _(row[field])
	return rows
