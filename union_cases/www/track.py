"""Follow a case or a membership application through the secret link sent for it (no login)."""

import frappe
from frappe import _

from union_cases.portal import case_files, case_timeline, next_step

no_cache = 1
sitemap = 0


def get_context(context):
	key = (frappe.form_dict.key or "").strip()
	context.no_breadcrumbs = True
	context.title = _("Follow Your Case")
	context.key = key
	context.case = context.application = None
	if len(key) >= 20:
		case_name = frappe.db.get_value("Case", {"tracking_key": key}, "name")
		if case_name:
			case = frappe.get_doc("Case", case_name)
			context.case = case
			context.next_step = next_step(case)
			context.timeline = case_timeline(case, case.complainant_email or case.raised_by)
			context.files = case_files(case)
			return context
		application = frappe.db.get_value(
			"Membership Application",
			{"tracking_key": key},
			["name", "full_name", "workflow_state", "review_note", "applicant_reply", "creation", "member"],
			as_dict=True,
		)
		if application:
			context.application = application
			context.title = _("Your Membership Application")
			return context
	context.http_status_code = 404
	return context
