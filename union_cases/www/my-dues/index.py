"""The member's own dues: status, months in arrears, their invoices (with ERPNext only)."""

import frappe
from frappe import _

from union_cases.dues import erpnext
from union_cases.dues.arrears import member_dues
from union_cases.portal.context import member_page

no_cache = 1


def get_context(context):
	if not erpnext.installed():
		raise frappe.PageDoesNotExistError
	member = member_page(context, "/my-dues")
	context.title = _("My Dues")
	context.dues = member_dues(member.name)
	return context
