"""Endpoints of the forms of the records the app ships: whether one differs from the shipped version,
and putting the shipped version back (configuration/shipped.py)."""

import frappe
from frappe import _

from union_cases.configuration import shipped

RESETTABLE = ("Workflow", "Workflow State", "Workflow Action Master", "Email Template")


def _check(doctype, name, ptype: str):
	if doctype not in RESETTABLE or not isinstance(name, str) or not frappe.db.exists(doctype, name):
		frappe.throw(_("There is no shipped version of this record."), title=_("Not a Shipped Record"))
	frappe.has_permission(doctype, ptype, name, throw=True)


@frappe.whitelist(methods=["GET"])
def shipped_status(doctype: str, name: str) -> dict:
	"""{"shipped": whether the app ships the record, "changed": whether it differs from what it ships}."""
	if doctype not in RESETTABLE or not isinstance(name, str) or not frappe.db.exists(doctype, name):
		return {"shipped": False, "changed": False}
	frappe.has_permission(doctype, "read", name, throw=True)
	data = shipped.shipped_record(doctype, name)
	if not data:
		return {"shipped": False, "changed": False}
	return {"shipped": True, "changed": not shipped.same(shipped.on_site(doctype, name), data)}


@frappe.whitelist(methods=["POST"])
def reset_to_shipped(doctype: str, name: str) -> str:
	frappe.only_for("System Manager")
	_check(doctype, name, "write")
	shipped.reset_to_shipped(doctype, name)
	return name
