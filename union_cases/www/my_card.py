"""The member's card: number, name, local union and status, printable."""

from frappe import _

from union_cases.portal import member_page

no_cache = 1


def get_context(context):
	member = member_page(context, "/my-card")
	context.federation = member.federation
	context.title = _("Membership Card")
	context.is_active = member.status == "Active"
	return context
