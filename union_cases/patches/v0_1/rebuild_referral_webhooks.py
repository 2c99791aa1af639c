"""Partners' Webhook records get the JSON body built with `tojson` (event id and time included) and the
condition that skips a refused address."""

import frappe

from union_cases.casework.referrals.webhooks import sync_partner_webhook


def execute():
	for name in frappe.get_all("Referral Partner", filters={"webhook_url": ("is", "set")}, pluck="name"):
		sync_partner_webhook(frappe.get_doc("Referral Partner", name))
