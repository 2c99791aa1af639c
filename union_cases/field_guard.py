"""A field above the reader's permission level never leaves the server, and never steers a query.

Two rules, for the app's doctypes, on every route:

1. No filtering, sorting or grouping on a field the user may not read.

Frappe 15 leaves the columns above the reader's permission level out of what a list returns
(DatabaseQuery.apply_fieldlevel_read_permissions), but lets the same fields be filtered, sorted and
grouped on: a Federation Officer, who may not read members' NIK, could count the members with
`nik like '32%'` and so read a NIK digit by digit, or a date of birth day by day. Every list route
builds its query in frappe.model.db_query.DatabaseQuery (the REST API v1 and v2, frappe.client, the
desk's list and report view, counts, group-by counts, sidebar stats, exports, link search, dashboard
charts, number cards), and no hook of Frappe's sees a query's filters, so the app wraps the two methods
of DatabaseQuery that read them: `prepare_filter_condition` (each filter) and
`validate_order_by_and_group_by` (the sort and the grouping). A filter on a field of the app's doctypes
the user may not read is refused with a PermissionError that names the field.

Installed by the hooks `before_request` and `before_job`, and when this module is first imported, so
that every web request, background job and console of the site runs with it.

2. No answer carries such a field. Frappe masks them when a form or a record is read, but not in the
document it sends back after a change: `PUT /api/resource/<doctype>/<name>`, frappe.client.set_value /
save / insert / submit, the desk's save (savedocs), workflow actions and every whitelisted document
method (run_doc_method) answer with the whole document, so an officer saving a member's address would
receive the member's NIK. The hook `after_request` (`mask_response`) removes, from any JSON answer, the
fields of an app record the user may not read.
"""

import json
import re

import frappe
from frappe import _
from frappe.model import get_permitted_fields
from frappe.model.db_query import DatabaseQuery
from frappe.utils.data import get_filter

IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
TABLE_FIELD = re.compile(r"`tab([^`]+)`\s*\.\s*`?([A-Za-z0-9_]+)`?")


def restricted_fields(doctype: str, parent_doctype: str | None = None, user: str | None = None) -> frozenset:
	"""The fields of an app doctype (or of its child tables) the user may not read."""
	# frappe.local.cache lives for one request (and is emptied when the user changes)
	cache = frappe.local.cache.setdefault("union_cases_restricted", {})
	key = (doctype, parent_doctype, user or frappe.session.user)
	if key not in cache:
		cache[key] = _restricted_fields(*key)
	return cache[key]


def _restricted_fields(doctype: str, parent_doctype: str | None, user: str) -> frozenset:
	try:
		meta = frappe.get_meta(doctype)
	except frappe.DoesNotExistError:
		frappe.clear_last_message()
		return frozenset()
	if meta.module not in app_modules():
		return frozenset()
	levels = {df.permlevel for df in meta.fields if df.permlevel}
	if meta.istable and parent_doctype and frappe.db.exists("DocType", parent_doctype):
		# a child table is read at the permission level of its table field on the parent
		levels |= {
			df.permlevel
			for df in frappe.get_meta(parent_doctype).get_table_fields()
			if df.options == doctype and df.permlevel
		}
	if not levels:
		return frozenset()
	readable = set(get_permitted_fields(doctype=doctype, parenttype=parent_doctype, user=user))
	return frozenset(df.fieldname for df in meta.fields if df.fieldname not in readable and not df.is_virtual)


def app_modules() -> frozenset[str]:
	return frozenset(frappe.get_module_list("union_cases"))


def refuse(doctype: str, fieldname: str):
	label = frappe.get_meta(doctype).get_label(fieldname)
	frappe.throw(
		_("You may not filter, sort or group {0} by {1}: you are not allowed to read it.").format(
			_(doctype), _(label)
		),
		frappe.PermissionError,
		title=_("Not permitted"),
	)


def exempt(query: DatabaseQuery) -> bool:
	return bool(query.flags.ignore_permissions) or query.user == "Administrator"


def check_filter(query: DatabaseQuery, f):
	if exempt(query):
		return
	try:
		parsed = get_filter(query.doctype, f)
	except Exception:
		return  # not a filter Frappe can read: it raises its own error
	doctype = parsed.doctype or query.doctype
	parent = query.doctype if doctype != query.doctype else query.parent_doctype
	hidden = restricted_fields(doctype, parent, query.user)
	if not hidden:
		return
	for name in IDENTIFIER.findall(str(parsed.fieldname)):
		if name in hidden:
			refuse(doctype, name)


def check_order_or_group(query: DatabaseQuery, parameters: str):
	if exempt(query) or not parameters:
		return
	mentioned = [(dt, fieldname) for dt, fieldname in TABLE_FIELD.findall(parameters)]
	bare = TABLE_FIELD.sub(" ", parameters)
	mentioned += [(query.doctype, name) for name in IDENTIFIER.findall(bare)]
	for doctype, fieldname in mentioned:
		parent = query.doctype if doctype != query.doctype else query.parent_doctype
		if fieldname in restricted_fields(doctype, parent, query.user):
			refuse(doctype, fieldname)


def mask_response(response=None, request=None):
	"""after_request: drop the fields the user may not read from every app record in a JSON answer."""
	user = getattr(frappe.session, "user", None) if getattr(frappe.local, "session", None) else None
	if not response or not user or user == "Administrator" or response.mimetype != "application/json":
		return
	if getattr(response, "direct_passthrough", False):
		return
	body = response.get_data()
	if b'"doctype"' not in body:
		return
	try:
		data = json.loads(body)
	except ValueError:
		return
	if mask(data, user):
		response.set_data(json.dumps(data, separators=(",", ":")))


def mask(value, user: str) -> bool:
	"""Remove restricted fields from app records (dicts with their "doctype") found anywhere in value."""
	changed = False
	if isinstance(value, list):
		for item in value:
			changed |= mask(item, user)
	elif isinstance(value, dict):
		doctype = value.get("doctype")
		if isinstance(doctype, str) and doctype:
			parent = value.get("parenttype") if isinstance(value.get("parenttype"), str) else None
			for fieldname in restricted_fields(doctype, parent, user) & value.keys():
				del value[fieldname]
				changed = True
		for item in value.values():
			if isinstance(item, list | dict):
				changed |= mask(item, user)
	return changed


def install():
	"""Wrap DatabaseQuery once per process (idempotent)."""
	if getattr(DatabaseQuery.prepare_filter_condition, "union_cases_guard", False):
		return
	prepare_filter_condition = DatabaseQuery.prepare_filter_condition
	validate_order_by_and_group_by = DatabaseQuery.validate_order_by_and_group_by

	def guarded_prepare_filter_condition(self, f):
		check_filter(self, f)
		return prepare_filter_condition(self, f)

	def guarded_validate_order_by_and_group_by(self, parameters):
		check_order_or_group(self, parameters)
		return validate_order_by_and_group_by(self, parameters)

	guarded_prepare_filter_condition.union_cases_guard = True
	DatabaseQuery.prepare_filter_condition = guarded_prepare_filter_condition
	DatabaseQuery.validate_order_by_and_group_by = guarded_validate_order_by_and_group_by


install()
