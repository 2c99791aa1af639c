"""A partner's own system hears of each referral's status changes, on Frappe's Webhook doctype.

For a partner with a webhook URL the app keeps one Webhook record ("Referral - <partner>"): on every
status change of a referral to that partner, Frappe posts the JSON below from a background job,
signs the body with HMAC-SHA256 under the partner's secret (header X-Frappe-Webhook-Signature,
base64), tries three times and keeps a Webhook Request Log. The app adds what Frappe lacks: the
outcome of each delivery is shown on the referral.
"""

import json

import frappe
from frappe import _

WEBHOOK_PREFIX = "Referral - "
BODY = {
	"event": "referral.status_changed",
	"referral": "{{ doc.name }}",
	"status": "{{ doc.workflow_state }}",
	"partner": "{{ doc.partner }}",
	"case_title": "{{ doc.case_title }}",
	"reason": "{{ doc.reason }}",
	"referral_date": "{{ doc.referral_date }}",
	"sent_on": "{{ doc.sent_on or '' }}",
	"accepted_on": "{{ doc.accepted_on or '' }}",
	"completed_on": "{{ doc.completed_on or '' }}",
	"outcome": "{{ doc.outcome or '' }}",
}


def webhook_name(partner: str) -> str:
	return f"{WEBHOOK_PREFIX}{partner}"[:140]


def sync_partner_webhook(partner):
	"""Create, update or disable the partner's Webhook record to match its settings."""
	name = partner.webhook or (
		frappe.db.exists("Webhook", webhook_name(partner.name)) and webhook_name(partner.name)
	)
	if not partner.webhook_url:
		if name:
			frappe.db.set_value("Webhook", name, "enabled", 0)
		return
	webhook = frappe.get_doc("Webhook", name) if name else frappe.new_doc("Webhook")
	webhook.update(
		{
			"webhook_doctype": "Referral",
			"webhook_docevent": "on_update",
			"condition": f"doc.partner == {json.dumps(partner.name)} and doc.has_value_changed('workflow_state')"
			" and doc.workflow_state != 'Draft'",
			"request_url": partner.webhook_url,
			"request_method": "POST",
			"request_structure": "JSON",
			"webhook_json": json.dumps(BODY, indent=1),
			"enabled": 1,
			"timeout": 5,
		}
	)
	secret = partner.get_password("webhook_secret", raise_exception=False)
	webhook.enable_security = 1 if secret else 0
	if secret:
		webhook.webhook_secret = secret
	webhook.flags.ignore_permissions = True
	if webhook.is_new():
		webhook.insert(set_name=webhook_name(partner.name))
	else:
		webhook.save()
	if partner.webhook != webhook.name:
		partner.db_set("webhook", webhook.name, update_modified=False)


def record_delivery(log, method=None):
	"""Webhook Request Log after_insert: show the delivery's outcome on the referral."""
	if not (log.webhook or "").startswith(WEBHOOK_PREFIX) or not frappe.db.exists(
		"Referral", log.reference_document
	):
		return
	failures = frappe.db.get_value("Referral", log.reference_document, "webhook_failures") or 0
	if log.error:
		failures += 1
		last_line = log.error.strip().splitlines()[-1][:500]
		values = {
			"webhook_status": _("Failed ({0} tries)").format(failures),
			"webhook_failures": failures,
			"webhook_error": last_line,
		}
	else:
		values = {"webhook_status": _("Delivered"), "webhook_failures": 0, "webhook_error": None}
	frappe.db.set_value("Referral", log.reference_document, values, update_modified=False)
