"""Dues endpoints for the desk: start a month's dues invoices (background jobs, with progress)."""

import frappe
from frappe import _

from union_cases.constants import UNION_ADMINISTRATOR
from union_cases.dues import billing


@frappe.whitelist(methods=["POST"])
def generate_dues_invoices(posting_date: str | None = None) -> dict:
	"""Queue the month's dues invoices of every member's subscription, in batches on the long queue."""
	frappe.only_for((UNION_ADMINISTRATOR, "System Manager"))
	batches = billing.enqueue_month(posting_date)
	return {"batches": batches, "message": _("{0} batches of dues invoices queued.").format(batches)}
