"""The knowledge base seen from a case: articles linked to its category."""

import frappe
from frappe import _

from union_cases.constants import UNCLASSIFIED_CATEGORY


@frappe.whitelist(methods=["GET"])
def articles_for_case(case: str) -> list[dict]:
	"""The articles (internal and public) the user may read that are linked to the case's category."""
	if not frappe.has_permission("Case", "read", doc=case):
		frappe.throw(_("Not permitted"), frappe.PermissionError)
	category, suggested = frappe.db.get_value("Case", case, ["category", "suggested_category"]) or (
		None,
		None,
	)
	if category == UNCLASSIFIED_CATEGORY and suggested:
		category = suggested  # not yet classified: the articles of the category the triage suggests
	if not category or not frappe.has_permission("Help Article", "read"):
		return []
	return frappe.get_list(
		"Help Article",
		filters=[["Help Article Case Category", "case_category", "=", category]],
		fields=["name", "title", "category", "union_visibility", "union_language"],
		order_by="`tabHelp Article`.modified desc",
		limit_page_length=20,
		distinct=True,
	)
