"""The member's own cases, newest first, with their status and next step."""

import frappe
from frappe import _

from union_cases.portal.context import member_page, next_step
from union_cases.portal.submissions import cases_awaiting_member

no_cache = 1


def get_context(context):
	member = member_page(context, "/my-cases")
	cases = frappe.get_all(
		"Case",
		filters={"complainant": member.name},
		fields=[
			"name",
			"title",
			"workflow_state",
			"opening_date",
			"current_stage",
			"rejection_reason",
			"rated_on",
		],
		order_by="opening_date desc, creation desc",
		limit_page_length=100,
	)
	for case in cases:
		case.next_step = next_step(case)
	context.cases = cases
	# complaints sent from the public form with this member's login address, waiting for their answer
	context.awaiting = cases_awaiting_member()
	context.title = _("My Cases")
	return context
