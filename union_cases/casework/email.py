"""Cases and email: incoming mail opens or threads a case (Email Account "append to" Case)."""

import frappe

from union_cases.casework.triage.suggest import triage_mailed_case


def fill_case_from_email(doc, method=None):
	"""Communication after_insert: a case opened by email takes the mail's text as its description."""
	if doc.reference_doctype != "Case" or doc.sent_or_received != "Received" or not doc.reference_name:
		return
	description = frappe.db.get_value("Case", doc.reference_name, "description")
	if not description and doc.content:
		frappe.db.set_value("Case", doc.reference_name, "description", doc.content, update_modified=False)
		# the case was triaged on its subject alone: now on the mail's words too
		triage_mailed_case(doc.reference_name)
