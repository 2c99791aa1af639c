"""Member look-ups for link fields: by card number, name, mobile, or (for those who may see it) NIK."""

import frappe
from frappe import _

from union_cases.casework.rights import ALERTS, CASE_MEMBER_LIMIT, FOLLOWED_STATUSES, open_alert_case
from union_cases.utils.identity import clean_nik


@frappe.whitelist()
@frappe.validate_and_sanitize_search_inputs
def search_members(doctype, txt, searchfield, start, page_len, filters):
	"""The link-field search for Member, within the user's scope (frappe.get_list applies permissions).

	The NIK is matched only for users who may read it, and never shown: the list shows the masked NIK.
	"""
	txt = (txt or "").strip()
	or_filters = [
		["name", "like", f"{txt}%"],
		["full_name", "like", f"%{txt}%"],
		["mobile_no", "like", f"%{txt}%"],
	]
	nik = clean_nik(txt)
	if nik.isdigit() and len(nik) == 16 and 1 in frappe.get_meta("Member").get_permlevel_access("read"):
		or_filters = [["nik", "=", nik]]
	rows = frappe.get_list(
		"Member",
		fields=["name", "full_name", "nik_masked", "local_union"],
		filters=filters or {},
		or_filters=or_filters if txt else None,
		order_by="full_name asc",
		limit_start=start,
		limit_page_length=page_len,
		as_list=True,
	)
	return rows


@frappe.whitelist(methods=["POST"])
def open_rights_case(alert: str, employer: str, local_union: str) -> str:
	"""Open a case (collective when several members are flagged) for the members of one employer and
	local union whose records show the alert, among those the user may read."""
	if alert not in ALERTS:
		frappe.throw(_("Choose one of the rights alerts."), title=_("Rights Alerts"))
	frappe.has_permission("Case", "create", throw=True)
	members = frappe.get_list(
		"Member",
		filters={
			alert: 1,
			"employer": employer or "",
			"local_union": local_union or "",
			"status": ("in", FOLLOWED_STATUSES),
		},
		pluck="name",
		order_by="name asc",
		limit_page_length=CASE_MEMBER_LIMIT,
	)
	if not members:
		# nobody of theirs: for a stranger to the employer's members it is a refusal, as for any record
		frappe.throw(
			_("No member you may see has this alert at this employer."),
			frappe.PermissionError,
			title=_("Rights Alerts"),
		)
	return open_alert_case(alert, members, employer or None)
