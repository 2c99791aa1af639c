"""Follow a case or a membership application through the secret link sent for it (no login).

The link mailed for a guest's case carries a second part (`confirm`) that only the mailbox of the
address given receives: with it, the owner of that address says whether they sent the case. Until they
confirm it, the page shows the case's status and files but none of the mails to that address.
"""

import frappe
from frappe import _

from union_cases.portal.context import case_files, case_timeline, next_step
from union_cases.portal.submissions import CONFIRMED, DISOWNED, awaiting_confirmation, member_of_address
from union_cases.utils.tracking import confirmation_matches

no_cache = 1
sitemap = 0


def get_context(context):
	key = frappe.form_dict.key
	key = key.strip() if isinstance(key, str) else ""
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
			# mails to the address given are shown once its owner has confirmed it (or for a member's case)
			shown = case.email_confirmation in (None, "", CONFIRMED)
			context.timeline = case_timeline(
				case, (case.complainant_email or case.raised_by) if shown else None
			)
			context.files = case_files(case)
			context.disowned = case.email_confirmation == DISOWNED
			context.messages_hidden = not shown and not context.disowned
			confirm = frappe.form_dict.confirm
			if awaiting_confirmation(case) and confirmation_matches(case, confirm):
				context.confirm = confirm
				context.address_is_members = bool(member_of_address(case.raised_by))
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
