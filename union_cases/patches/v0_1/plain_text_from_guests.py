"""Text that guests and members wrote with db_set before it was kept as plain text (the applicant's
answer, the member's rating comment): made plain text, as it is stored now."""

import frappe

from union_cases.utils.checks import plain_text

FIELDS = (("Membership Application", "applicant_reply"), ("Case", "rating_comment"))


def execute():
	for doctype, fieldname in FIELDS:
		for name, value in frappe.get_all(
			doctype, filters={fieldname: ("like", "%<%")}, fields=["name", fieldname], as_list=True
		):
			cleaned = plain_text(value, multiline=True) or None
			if cleaned != value:
				frappe.db.set_value(doctype, name, fieldname, cleaned, update_modified=False)
