"""The member's card: number, name, local union and status, printable."""

from frappe import _

from union_cases.portal.context import member_page

no_cache = 1


def get_context(context):
	member_page(context, "/my-card")
	context.title = _("Membership Card")
	return context
