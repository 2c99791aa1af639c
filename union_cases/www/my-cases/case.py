"""One of the member's cases: status, next step, the updates and messages, reply and rating."""

import frappe

from union_cases.portal.context import case_files, case_timeline, member_case, member_page, next_step

no_cache = 1


def get_context(context):
	name = frappe.form_dict.case or frappe.form_dict.name
	member = member_page(context, f"/my-cases/{name}")
	case = member_case(name, member.name)
	if not case:
		# a case that is not theirs looks exactly like one that does not exist
		raise frappe.PageDoesNotExistError
	context.case = case
	context.next_step = next_step(case)
	context.timeline = case_timeline(case, member.email)
	context.files = case_files(case)
	context.stars = round((case.handling_rating or 0) * 5)
	context.title = case.title
	return context
