"""A partner's own system hears of each referral's status changes, on Frappe's Webhook doctype.

For a partner with a webhook URL the app keeps one Webhook record ("Referral - <partner>"): on every
status change of a referral to that partner, Frappe posts the JSON below from a background job,
signs the body with HMAC-SHA256 under the partner's secret (header X-Frappe-Webhook-Signature,
base64), tries three times and keeps a Webhook Request Log. The app adds what Frappe lacks:

- every value goes into the body through Jinja's `tojson`, so a quote, brace or line break in a title
  stays inside its string and the signed body has exactly the keys below;
- each status change carries its own `event_id` and `timestamp` (UTC) inside the signed body, so the
  receiver can refuse a replayed or stale post;
- the URL must be http(s) and lead to public addresses only, checked when the partner is saved and
  again before each post (`webhook_url_problem`);
- the outcome of each delivery is shown on the referral.
"""

import datetime
import ipaddress
import json
import socket
import uuid
from urllib.parse import urlsplit

import frappe
from frappe import _

WEBHOOK_PREFIX = "Referral - "
EVENT = "referral.status_changed"
# key in the body -> the referral's field
BODY_FIELDS = {
	"event_id": "webhook_event_id",
	"timestamp": "webhook_event_time",
	"referral": "name",
	"status": "workflow_state",
	"partner": "partner",
	"case_title": "case_title",
	"reason": "reason",
	"referral_date": "referral_date",
	"sent_on": "sent_on",
	"accepted_on": "accepted_on",
	"completed_on": "completed_on",
	"outcome": "outcome",
}
# site config: networks a webhook may reach although they are not public, e.g. ["10.20.0.0/16"] for
# a union's own intranet (README, Referrals)
ALLOWED_NETWORKS_KEY = "union_cases_webhook_allowed_networks"


def body_template() -> str:
	"""The Webhook's JSON body (a Jinja template): constant keys, each value serialised by `tojson`."""
	lines = [f'\t"event": {json.dumps(EVENT)}']
	for key, field in BODY_FIELDS.items():
		lines.append(f'\t{json.dumps(key)}: {{{{ (doc.{field} or "") | tojson }}}}')
	return "{\n" + ",\n".join(lines) + "\n}"


def webhook_name(partner: str) -> str:
	return f"{WEBHOOK_PREFIX}{partner}"[:140]


def sync_partner_webhook(partner):
	"""Create, update or disable the partner's Webhook record to match its settings."""
	name = partner.webhook or (
		frappe.db.exists("Webhook", webhook_name(partner.name)) and webhook_name(partner.name)
	)
	if not partner.webhook_url:
		if name and frappe.db.get_value("Webhook", name, "enabled"):
			# saved, not set: Frappe keeps the enabled webhooks in its cache until a Webhook is saved
			webhook = frappe.get_doc("Webhook", name)
			webhook.enabled = 0
			webhook.flags.ignore_permissions = True
			webhook.save()
		return
	webhook = frappe.get_doc("Webhook", name) if name else frappe.new_doc("Webhook")
	webhook.update(
		{
			"webhook_doctype": "Referral",
			"webhook_docevent": "on_update",
			# webhook_refused: the address failed its check just before (Referral.on_update)
			"condition": f"doc.partner == {json.dumps(partner.name)} and doc.has_value_changed('workflow_state')"
			" and doc.workflow_state != 'Draft' and not doc.flags.webhook_refused",
			"request_url": partner.webhook_url.strip(),
			"request_method": "POST",
			"request_structure": "JSON",
			"webhook_json": body_template(),
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


def stamp_event(referral):
	"""A new status: a new event id and time for the body (validate, before Frappe renders it)."""
	referral.webhook_event_id = str(uuid.uuid4())
	referral.webhook_event_time = (
		datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")
	)


def check_before_posting(referral):
	"""Referral.on_update, before Frappe queues the post: the partner's address is checked again (its
	name may lead elsewhere by now); a refused one is not called, and the referral says why."""
	url = frappe.db.get_value("Referral Partner", referral.partner, "webhook_url")
	problem = url and webhook_url_problem(url)
	if problem:
		referral.flags.webhook_refused = True
		referral.db_set(
			{"webhook_status": _("Not sent"), "webhook_error": problem}, update_modified=False, notify=True
		)


# ---------------------------------------------------------------- which addresses a webhook may reach


def webhook_url_problem(url: str) -> str | None:
	"""Why the server must not post to `url`, or None.

	Only http and https; the host (a name is resolved, every address it gives is checked) must be a
	public address: not loopback, private, link-local (where cloud metadata services answer), shared,
	reserved, unspecified or multicast, IPv4 inside IPv6 included. The site config
	`union_cases_webhook_allowed_networks` lists networks allowed all the same.
	"""
	try:
		parts = urlsplit((url or "").strip())
		port = parts.port
	except ValueError:
		return _("The webhook URL {0} cannot be read.").format(url)
	if parts.scheme not in ("http", "https") or not parts.hostname:
		return _("The webhook URL must start with https:// or http:// and name a host.")
	try:
		found = socket.getaddrinfo(
			parts.hostname, port or (443 if parts.scheme == "https" else 80), proto=socket.IPPROTO_TCP
		)
	except (OSError, UnicodeError):
		return _("The host of the webhook URL, {0}, cannot be found.").format(parts.hostname)
	for address in {info[4][0].split("%")[0] for info in found}:
		if not may_reach(ipaddress.ip_address(address)):
			return _(
				"The webhook URL leads to {0}, an internal address; webhooks go only to public addresses."
			).format(address)
	return None


def may_reach(address) -> bool:
	if address.version == 6 and address.ipv4_mapped:
		address = address.ipv4_mapped
	if address.is_global and not address.is_multicast:
		return True
	return any(address in network for network in allowed_networks())


def allowed_networks() -> list:
	networks = []
	for value in frappe.conf.get(ALLOWED_NETWORKS_KEY) or []:
		try:
			networks.append(ipaddress.ip_network(value, strict=False))
		except ValueError:
			frappe.log_error(
				title=_("Ignored an invalid network in {0}: {1}").format(ALLOWED_NETWORKS_KEY, value)
			)
	return networks


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
