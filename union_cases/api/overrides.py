"""Frappe endpoints the app replaces to keep its scoping rules on every route."""

import frappe
from frappe.client import get_safe_filters


@frappe.whitelist(methods=["GET", "POST"])
def get_count(doctype: str, filters=None, debug: bool = False, cache: bool = False) -> int:
	"""frappe.client.get_count, counting only the records the user may read (lists, user permissions and
	the app's own conditions apply, as in the desk's list count)."""
	rows = frappe.get_list(doctype, filters=get_safe_filters(filters), fields=["count(*) as count"])
	return rows[0].count if rows else 0
