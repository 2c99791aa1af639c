"""The member's own record (read only) and a request to change it, which an operator approves."""

import frappe
from frappe import _
from frappe.utils import formatdate

from union_cases.portal.context import member_page

no_cache = 1

SHOWN_FIELDS = (
	"name",
	"full_name",
	"nik_masked",
	"gender",
	"mobile_no",
	"email",
	"city",
	"address",
	"local_union",
	"employer",
	"workplace_unit",
	"job_title",
	"employment_status",
	"status",
	"join_date",
)


def shown(df, value) -> str:
	"""A value as the member reads it: dates in the site's format, choices (gender, status) translated."""
	if value in (None, ""):
		return "–"
	if df and df.fieldtype == "Date":
		return formatdate(value)
	if df and df.fieldtype == "Select":
		return _(value)
	return str(value)


def get_context(context):
	member = member_page(context, "/my-profile")
	meta = frappe.get_meta("Member")
	values = frappe.db.get_value("Member", member.name, SHOWN_FIELDS, as_dict=True)
	context.rows = [
		(
			_(meta.get_label(f)) if f != "name" else _("Membership No."),
			shown(meta.get_field(f), values.get(f)),
		)
		for f in SHOWN_FIELDS
		if f != "full_name"
	]
	context.profile = values
	context.pending = frappe.get_all(
		"Member Change Request",
		filters={"member": member.name},
		fields=["name", "workflow_state", "creation", "review_note"],
		order_by="creation desc",
		limit_page_length=5,
	)
	context.title = _("My Profile")
	return context
