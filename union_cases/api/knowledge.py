"""The knowledge base seen from a case: articles linked to its category."""

import frappe
from frappe import _


@frappe.whitelist(methods=["GET"])
def articles_for_case(case: str) -> list[dict]:
	"""The articles (internal and public) the user may read that are linked to the case's category."""
	if not frappe.has_permission("Case", "read", doc=case):
		frappe.throw(_("Not permitted"), frappe.PermissionError)
	category = frappe.db.get_value("Case", case, "category")
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
