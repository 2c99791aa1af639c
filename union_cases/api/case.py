"""Endpoints of the Case form: similar open cases, linking, the rejection reason."""

import frappe
from frappe import _
from frappe.utils import add_days, today

from union_cases.deadlines import CLOSED_STATES


@frappe.whitelist(methods=["GET"])
def get_similar_cases(employer: str, category: str, exclude: str | None = None) -> list[dict]:
	"""Open cases of the same employer and category from the last N days (a collective case in the making)."""
	frappe.has_permission("Case", "read", throw=True)
	if not employer or not category:
		return []
	days = frappe.db.get_single_value("Union Cases Settings", "similar_case_days") or 90
	return frappe.get_list(
		"Case",
		filters={
			"employer": employer,
			"category": category,
			"name": ("!=", exclude or ""),
			"workflow_state": ("not in", CLOSED_STATES),
			"opening_date": (">=", add_days(today(), -days)),
			"merged_into": ("is", "not set"),
		},
		fields=["name", "title", "workflow_state", "opening_date", "complainant_name"],
		order_by="opening_date desc",
		limit_page_length=10,
	)


@frappe.whitelist(methods=["POST"])
def link_cases(case: str, other: str) -> None:
	"""Record two cases as related, on both."""
	docs = [frappe.get_doc("Case", name) for name in (case, other)]
	for doc in docs:
		doc.check_permission("write")
	if case == other:
		frappe.throw(_("A case cannot be related to itself."))
	for doc, related in ((docs[0], other), (docs[1], case)):
		if related not in {row.case for row in doc.related_cases}:
			doc.append("related_cases", {"case": related})
			doc.save()


@frappe.whitelist(methods=["POST"])
def set_rejection_reason(case: str, reason: str) -> None:
	"""Save the reason before the Reject action (the workflow reloads the case from the database)."""
	doc = frappe.get_doc("Case", case)
	doc.check_permission("write")
	if not (reason or "").strip():
		frappe.throw(_("Give the reason for rejecting the case; the member is told it."))
	doc.db_set("rejection_reason", reason.strip())
