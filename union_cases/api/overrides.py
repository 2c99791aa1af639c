"""Frappe endpoints the app replaces to keep its scoping rules on every route.

Each one calls Frappe's own code and changes only what let a user read beyond what they may open;
the README's "Who sees what" lists them with the reason. Registered in hooks.override_whitelisted_methods.
"""

import hashlib
import inspect
import json

import frappe
from frappe import _
from frappe.client import get_safe_filters

CHART_CACHE_SECONDS = 600


@frappe.whitelist(methods=["GET", "POST"])
def get_count(doctype: str, filters=None, debug: bool = False, cache: bool = False) -> int:
	"""frappe.client.get_count, counting only the records the user may read (lists, user permissions and
	the app's own conditions apply, as in the desk's list count)."""
	rows = frappe.get_list(doctype, filters=get_safe_filters(filters), fields=["count(*) as count"])
	return rows[0].count if rows else 0


@frappe.whitelist()
def get(doctype: str, name: str | None = None, filters=None, parent: str | None = None):
	"""frappe.client.get. Frappe finds a record by filters straight in the database and only then checks
	it, so "refused" and "not found" told apart whether some record matched (an oracle on any field);
	here the record is looked for among those the user may list."""
	from frappe.client import get as frappe_get

	if not name and filters not in (None, "") and not frappe.get_meta(doctype).issingle:
		found = frappe.get_list(
			doctype,
			filters=frappe.parse_json(filters),
			parent_doctype=parent,
			pluck="name",
			limit_page_length=1,
		)
		if not found:
			raise frappe.DoesNotExistError(_("{0} not found").format(_(doctype)))
		name = found[0]
	return frappe_get(doctype, name=name, filters=None if name else filters, parent=parent)


@frappe.whitelist()
def get_link_title(doctype: str, docname: str):
	"""frappe.desk.search.get_link_title, which returns any record's title unchecked: only for records
	the user may open (for others the desk shows the name it already has)."""
	from frappe.desk.search import get_link_title as frappe_get_link_title

	if not (frappe.has_permission(doctype, "select") or frappe.has_permission(doctype, "read")):
		raise frappe.PermissionError(_("No permission for {0}").format(_(doctype)))
	try:
		allowed = frappe.has_permission(doctype, "select", doc=docname) or frappe.has_permission(
			doctype, "read", doc=docname
		)
	except frappe.DoesNotExistError:
		frappe.clear_last_message()
		return None
	return frappe_get_link_title(doctype, docname) if allowed else None


def keep_user_permissions(doctype: str, ignore_user_permissions) -> bool:
	"""Frappe's link search drops every permission check (not only User Permissions) when asked to ignore
	User Permissions; for the app's records (but the organisation tree, which the public forms list) the
	request is not honoured."""
	from union_cases.permissions import guarded_doctypes

	if doctype in guarded_doctypes() and doctype != "Federation":
		return False
	return bool(frappe.utils.cint(ignore_user_permissions))


def resolve(query: str | None) -> str | None:
	"""A custom search query runs through the app's overrides too (Frappe calls it directly)."""
	if not query:
		return query
	overrides = frappe.get_hooks("override_whitelisted_methods", {}).get(query)
	return overrides[-1] if overrides else query


@frappe.whitelist()
def search_link(
	doctype: str,
	txt: str,
	query: str | None = None,
	filters: str | dict | list | None = None,
	page_length: int = 10,
	searchfield: str | None = None,
	reference_doctype: str | None = None,
	ignore_user_permissions: bool = False,
):
	from frappe.desk.search import search_link as frappe_search_link

	return frappe_search_link(
		doctype,
		txt,
		query=resolve(query),
		filters=filters,
		page_length=page_length,
		searchfield=searchfield,
		reference_doctype=reference_doctype,
		ignore_user_permissions=keep_user_permissions(doctype, ignore_user_permissions),
	)


@frappe.whitelist()
def search_widget(
	doctype: str,
	txt: str,
	query: str | None = None,
	searchfield: str | None = None,
	start: int = 0,
	page_length: int = 10,
	filters: str | None | dict | list = None,
	filter_fields=None,
	as_dict: bool = False,
	reference_doctype: str | None = None,
	ignore_user_permissions: bool = False,
):
	from frappe.desk.search import search_widget as frappe_search_widget

	return frappe_search_widget(
		doctype,
		txt,
		query=resolve(query),
		searchfield=searchfield,
		start=start,
		page_length=page_length,
		filters=filters,
		filter_fields=filter_fields,
		as_dict=as_dict,
		reference_doctype=reference_doctype,
		ignore_user_permissions=keep_user_permissions(doctype, ignore_user_permissions),
	)


@frappe.whitelist()
def get_group_by_count(doctype: str, current_filters: str, field: str) -> list[dict]:
	"""frappe.desk.listview.get_group_by_count. Its "assigned to" count reads the records through
	frappe.qb.get_query, which applies no permission (and matches ToDos of any doctype by name): here
	it counts the assignments of the records the user may list."""
	from frappe.desk.listview import get_group_by_count as frappe_group_by_count

	if field != "assigned_to":
		return frappe_group_by_count(doctype, current_filters, field)
	names = frappe.get_list(
		doctype,
		filters=frappe.parse_json(current_filters),
		fields=[f"`tab{doctype}`.`name`"],
		order_by="",
		limit_page_length=0,
		run=False,
	)
	return frappe.db.sql(
		f"""select todo.allocated_to as name, count(*) as count
		from `tabToDo` todo join `tabUser` user on user.name = todo.allocated_to
		where todo.status != 'Cancelled' and user.user_type = 'System User'
			and todo.reference_type = %(doctype)s and todo.reference_name in ({names})
		group by todo.allocated_to order by count desc limit 50""",
		{"doctype": doctype},
		as_dict=True,
	)


@frappe.whitelist()
def dashboard_chart(
	chart_name=None,
	chart=None,
	no_cache=None,
	filters=None,
	from_date=None,
	to_date=None,
	timespan=None,
	time_interval=None,
	heatmap_year=None,
	refresh=None,
):
	"""frappe.desk.doctype.dashboard_chart.dashboard_chart.get, per reader.

	Frappe keeps one cached result per chart for the whole site, so the workspace showed everyone the
	figures of whoever loaded the chart first (an officer saw the confederation's counts); it also drew
	a chart described in the request (any doctype, any grouping) for anyone, and its heatmap counted
	every record unchecked. Here: results are cached per user, a chart from the request is drawn only
	for those who may make charts, and heatmaps count what the user may list.
	"""
	from frappe.desk.doctype.dashboard_chart import dashboard_chart as charts

	if chart_name:
		doc = frappe.get_doc("Dashboard Chart", chart_name)
		doc.check_permission("read")
		config = doc
	else:
		if not frappe.has_permission("Dashboard Chart", "write"):
			frappe.throw(
				_("Only those who may make dashboard charts can preview one."), frappe.PermissionError
			)
		config = frappe._dict(frappe.parse_json(chart))
	# as Frappe's own cache wrapper passes them: what the chart widget leaves empty is None
	arguments = {
		key: None if value in ("", "null", "undefined") else value
		for key, value in {
			"filters": filters,
			"from_date": from_date,
			"to_date": to_date,
			"timespan": timespan,
			"time_interval": time_interval,
			"heatmap_year": heatmap_year,
		}.items()
	}
	digest = hashlib.sha1(json.dumps([chart_name or chart, arguments], default=str).encode()).hexdigest()
	key = f"union_cases:chart:{frappe.session.user}:{frappe.local.lang}:{digest}"
	if chart_name and not no_cache and not frappe.utils.cint(refresh):
		cached = frappe.cache.get_value(key)
		if cached is not None:
			return cached
	if config.type == "Heatmap":
		result = heatmap(config, filters, heatmap_year)
	else:
		raw = inspect.unwrap(charts.get)  # without Frappe's site-wide cache
		result = raw(chart_name=chart_name, chart=chart, no_cache=1, **arguments)
		if config.chart_type == "Group By" and result:
			# the groups are stored values (states, stages): their legend in the reader's language
			result["labels"] = [_(label) if isinstance(label, str) else label for label in result["labels"]]
	if chart_name:
		frappe.cache.set_value(key, result, expires_in_sec=CHART_CACHE_SECONDS)
	return result


def heatmap(chart, filters, heatmap_year) -> dict:
	"""Frappe's heatmap chart (a value per day of one year), counted with frappe.get_list."""
	import datetime

	from frappe.desk.doctype.dashboard_chart.dashboard_chart import get_aggregate_function

	year = frappe.utils.cint(heatmap_year or chart.heatmap_year) or frappe.utils.getdate().year
	filters = frappe.parse_json(filters) or frappe.parse_json(chart.filters_json) or []
	if isinstance(filters, dict):
		filters = [[chart.document_type, key, "=", value] for key, value in filters.items()]
	datefield = chart.based_on
	filters += [
		[chart.document_type, datefield, ">=", str(datetime.date(year, 1, 1))],
		[chart.document_type, datefield, "<", str(datetime.date(year + 1, 1, 1))],
	]
	rows = frappe.get_list(
		chart.document_type,
		fields=[
			f"unix_timestamp(date(`tab{chart.document_type}`.`{datefield}`)) as day",
			f"{get_aggregate_function(chart.chart_type)}({chart.value_based_on or '1'}) as value",
		],
		filters=filters,
		group_by=f"date(`tab{chart.document_type}`.`{datefield}`)",
		order_by="day asc",
		parent_doctype=chart.parent_document_type,
		as_list=True,
	)
	return {"labels": [], "dataPoints": dict(rows)}
