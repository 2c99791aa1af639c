# Copyright (c) 2026, union_cases contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import formatdate, now_datetime, time_diff_in_hours

from union_cases.casework.referrals.summary import build_case_summary
from union_cases.casework.referrals.webhooks import check_before_posting, stamp_event
from union_cases.constants import ENDED_REFERRAL_STATES

# state reached -> the field that records when
STEP_DATES = {
	"Sent": "sent_on",
	"Accepted": "accepted_on",
	"In Progress": "started_on",
	"Completed": "completed_on",
	"Declined": "closed_on",
	"Returned": "closed_on",
}


class Referral(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from union_cases.casework.doctype.referral_update.referral_update import ReferralUpdate

		accepted_on: DF.Datetime | None
		case: DF.Link | None
		case_summary: DF.TextEditor | None
		case_title: DF.Data | None
		closed_on: DF.Datetime | None
		completed_on: DF.Datetime | None
		days_to_accept: DF.Float
		days_to_complete: DF.Float
		decline_reason: DF.SmallText | None
		federation: DF.Link | None
		feedback: DF.SmallText | None
		local_union: DF.Link | None
		naming_series: DF.Literal["REF-.YYYY.-"]
		outcome: DF.SmallText | None
		partner: DF.Link
		partner_type: DF.Data | None
		reason: DF.SmallText
		referral_date: DF.Date
		sent_on: DF.Datetime | None
		share_identity: DF.Check
		started_on: DF.Datetime | None
		updates: DF.Table[ReferralUpdate]
		webhook_error: DF.SmallText | None
		webhook_event_id: DF.Data | None
		webhook_event_time: DF.Data | None
		webhook_failures: DF.Int
		webhook_status: DF.Data | None
		workflow_state: DF.Link | None

	# end: auto-generated types
	def validate(self):
		if not self.case:
			# not `reqd` in the form: the partner's people cannot see the field, and would be blocked by it
			frappe.throw(_("Choose the case to refer."), frappe.MandatoryError)
		self.set_case_details()
		self.check_partner()
		self.warn_of_open_referral()
		self.validate_state_change()
		self.stamp_updates()

	def on_update(self):
		if self.has_value_changed("workflow_state") and self.workflow_state not in (None, "", "Draft"):
			self.report_to_case()
			if self.workflow_state == "Sent":
				self.send_to_partner()
			check_before_posting(self)  # the partner's webhook (Frappe posts it after this)

	def set_case_details(self):
		case = frappe.db.get_value("Case", self.case, ["title", "local_union", "federation"], as_dict=True)
		if case:
			self.case_title, self.local_union, self.federation = case.title, case.local_union, case.federation

	def check_partner(self):
		if not (self.is_new() or self.has_value_changed("partner")):
			return
		partner = frappe.get_cached_doc("Referral Partner", self.partner)
		if not partner.is_active:
			frappe.throw(
				_("{0} is marked inactive; choose an active partner.").format(frappe.bold(self.partner)),
				title=_("Inactive partner"),
			)
		if partner.agreement_expired:
			frappe.msgprint(
				_(
					"The partnership agreement with {0} ended on {1}. Check that the partner still takes referrals."
				).format(frappe.bold(self.partner), formatdate(partner.agreement_end)),
				title=_("Agreement expired"),
				indicator="orange",
			)

	def warn_of_open_referral(self):
		"""A second referral of the case to the same partner while the first is still open: say so."""
		if not (self.is_new() or self.has_value_changed("partner")):
			return
		earlier = open_referrals(self.case, self.partner, exclude=self.name)
		if earlier:
			frappe.msgprint(
				_(
					"{0} was already referred to {1} in {2}, which is still open. Add to that referral instead?"
				).format(frappe.bold(self.case), frappe.bold(self.partner), ", ".join(earlier)),
				title=_("Already referred"),
				indicator="orange",
			)

	def validate_state_change(self):
		if not self.has_value_changed("workflow_state") or not self.workflow_state:
			return
		if self.workflow_state in ("Declined", "Returned") and not (self.decline_reason or "").strip():
			frappe.throw(_("Give the reason for declining or returning the referral."), frappe.MandatoryError)
		if self.workflow_state == "Completed" and not (self.outcome or "").strip():
			frappe.throw(_("Describe the outcome before completing the referral."), frappe.MandatoryError)
		if self.workflow_state == "Sent":
			self.case_summary, self.share_identity = build_case_summary(self.case, self.partner)
		field = STEP_DATES.get(self.workflow_state)
		if field:
			self.set(field, now_datetime())
		self.set_turnaround()
		if self.workflow_state != "Draft":
			stamp_event(self)

	def set_turnaround(self):
		"""Days from Sent to Accepted and to Completed, as the partner's turnaround."""
		if self.sent_on and self.accepted_on:
			self.days_to_accept = round(time_diff_in_hours(self.accepted_on, self.sent_on) / 24, 1)
		if self.sent_on and self.completed_on:
			self.days_to_complete = round(time_diff_in_hours(self.completed_on, self.sent_on) / 24, 1)

	def stamp_updates(self):
		for row in self.updates:
			if not row.update_by:
				row.update_by = frappe.utils.get_fullname(frappe.session.user)
			if not row.update_on:
				row.update_on = now_datetime()

	def report_to_case(self):
		"""The case's timeline shows each step of its referrals."""
		case = frappe.get_doc("Case", self.case)
		case.add_comment(
			"Info",
			_("Referral {0} to {1}: {2}").format(self.name, self.partner, _(self.workflow_state)),
		)

	def send_to_partner(self):
		partner = frappe.get_cached_doc("Referral Partner", self.partner)
		if not partner.email:
			frappe.msgprint(_("{0} has no email address; tell the partner yourself.").format(self.partner))
			return
		language = "English" if (partner.language or "id").startswith("en") else "Indonesian"
		template = frappe.get_doc("Email Template", f"Referral to Partner ({language})")
		email = template.get_formatted_email(self.as_dict())
		frappe.sendmail(
			recipients=[partner.email],
			subject=email["subject"],
			message=email["message"],
			reference_doctype=self.doctype,
			reference_name=self.name,
		)


def open_referrals(case: str, partner: str, exclude: str | None = None) -> list[str]:
	"""The case's referrals to this partner that have not ended (declined, completed or returned)."""
	return frappe.get_all(
		"Referral",
		filters={
			"case": case,
			"partner": partner,
			"name": ("!=", exclude or ""),
			"workflow_state": ("not in", ENDED_REFERRAL_STATES),
		},
		pluck="name",
		order_by="creation",
	)


def on_doctype_update():
	"""Indexes of what the reports and the desk lists filter, group and sort on, beyond the single-column
	ones of the doctype (benchmarks/ measures them at a national union's size)."""
	frappe.db.add_index("Referral", ["referral_date"])
