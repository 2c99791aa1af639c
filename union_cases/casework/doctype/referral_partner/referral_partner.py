# Copyright (c) 2026, union_cases contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, today

from union_cases.casework.referrals.webhooks import sync_partner_webhook, webhook_url_problem
from union_cases.exceptions import InvalidDateError, UnsafeWebhookURLError
from union_cases.utils.identity import normalise_mobile, squeeze


class ReferralPartner(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		address: DF.SmallText | None
		agreement_document: DF.Attach | None
		agreement_end: DF.Date | None
		agreement_start: DF.Date | None
		contact_person: DF.Data | None
		email: DF.Data | None
		inbound_token: DF.Password | None
		is_active: DF.Check
		language: DF.Link | None
		partner_name: DF.Data
		partner_type: DF.Literal[
			"Legal Aid",
			"Labour Office",
			"BPJS",
			"Women's Protection",
			"Health Service",
			"Union Level",
			"Other",
		]
		phone: DF.Data | None
		region: DF.Data | None
		services: DF.SmallText | None
		webhook: DF.Link | None
		webhook_secret: DF.Password | None
		webhook_url: DF.Data | None

	# end: auto-generated types
	def before_naming(self):
		self.partner_name = squeeze(self.partner_name)

	def before_validate(self):
		self.partner_name = squeeze(self.partner_name)
		self.phone = normalise_mobile(self.phone, _("Phone"))

	def validate(self):
		if (
			self.agreement_start
			and self.agreement_end
			and getdate(self.agreement_end) < getdate(self.agreement_start)
		):
			frappe.throw(_("Agreement End cannot be before Agreement Start."), InvalidDateError)
		self.validate_webhook_url()

	def validate_webhook_url(self):
		"""The server posts to this address: never to an internal one (loopback, private, metadata)."""
		self.webhook_url = (self.webhook_url or "").strip() or None
		if not self.webhook_url or not (self.is_new() or self.has_value_changed("webhook_url")):
			return
		problem = webhook_url_problem(self.webhook_url)
		if problem:
			frappe.throw(problem, UnsafeWebhookURLError, title=_("Webhook URL not allowed"))

	def on_update(self):
		sync_partner_webhook(self)

	@property
	def agreement_expired(self) -> bool:
		return bool(self.agreement_end) and getdate(self.agreement_end) < getdate(today())
