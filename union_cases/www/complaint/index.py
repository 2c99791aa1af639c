"""Bring a complaint or an aspiration: a member from the portal, anyone else as a non-member."""

import frappe
from frappe import _

from union_cases.portal.context import current_member
from union_cases.portal.page_cache import cacheable_for_guest

no_cache = 1  # for a guest, 0 (portal/page_cache.py)


def get_context(context):
	context.no_cache = cacheable_for_guest()
	user = frappe.session.user
	context.member = None
	if user != "Guest":
		member_name = current_member()
		if not member_name:
			if frappe.db.get_value("User", user, "user_type") == "System User":
				frappe.local.flags.redirect_location = "/app/case/new"
				raise frappe.Redirect
		else:
			context.member = frappe.db.get_value(
				"Member", member_name, ["name", "full_name", "employer", "local_union"], as_dict=True
			)
	context.categories = frappe.get_all(
		"Case Category", filters={"is_active": 1}, pluck="name", order_by="name"
	)
	context.federations = frappe.get_all(
		"Federation", filters={"level": "Federation", "active": 1}, pluck="name", order_by="name"
	)
	context.title = _("Bring a Complaint or Aspiration")
	context.no_breadcrumbs = True
	return context
