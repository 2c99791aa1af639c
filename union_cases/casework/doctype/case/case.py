# Copyright (c) 2026, union_cases contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.core.doctype.access_log.access_log import make_access_log
from frappe.desk.form import assign_to
from frappe.model.document import Document
from frappe.utils import getdate, now_datetime, today

from union_cases.casework.assignment import end_intake
from union_cases.casework.claims import set_severance_claim, set_wage_shortfall
from union_cases.casework.deadlines.calendar import add_working_days, working_days_between
from union_cases.casework.deadlines.compute import is_overdue, update_case_deadlines
from union_cases.casework.triage import suggest as triage
from union_cases.constants import CLOSED_STATES, UNCLASSIFIED_CATEGORY
from union_cases.exceptions import (
	HandlerRequiredError,
	InvalidDateError,
	RejectionReasonRequiredError,
	VerificationIncompleteError,
)
from union_cases.organization.tree import sector_federation_of
from union_cases.utils.checks import refuse_future_date
from union_cases.utils.identity import email_key, squeeze
from union_cases.utils.translation import N_, site_language

STANDARD_CHECKS = (
	N_("Membership active at the incident date"),
	N_("The facts are clear enough to act on"),
	N_("The documents needed are there"),
)


class Case(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from union_cases.casework.doctype.case_deadline.case_deadline import CaseDeadline
		from union_cases.casework.doctype.case_evidence.case_evidence import CaseEvidence
		from union_cases.casework.doctype.case_link.case_link import CaseLink
		from union_cases.casework.doctype.case_member.case_member import CaseMember
		from union_cases.casework.doctype.case_stage.case_stage import CaseStage
		from union_cases.casework.doctype.case_verification_check.case_verification_check import (
			CaseVerificationCheck,
		)

		amount_recovered: DF.Currency
		case_type: DF.Literal["Complaint", "Aspiration"]
		category: DF.Link
		category_confirmed: DF.Check
		channel: DF.Literal["Desk", "Email", "Member Portal", "Public Form"]
		closing_date: DF.Date | None
		complainant: DF.Link | None
		complainant_email: DF.Data | None
		complainant_language: DF.Link | None
		complainant_name: DF.Data | None
		confidential: DF.Check
		contact_name: DF.Data | None
		contact_phone: DF.Data | None
		current_stage: DF.Data | None
		deadlines: DF.Table[CaseDeadline]
		description: DF.TextEditor
		dispute_type: DF.Literal["", "Rights", "Interests", "Termination", "Between Unions"]
		email_confirmation: DF.Literal["", "Unconfirmed", "Confirmed", "Disowned"]
		employer: DF.Link | None
		employer_name_given: DF.Data | None
		evidence: DF.Table[CaseEvidence]
		federation: DF.Link | None
		first_response_days: DF.Int
		first_response_due: DF.Date | None
		first_response_met: DF.Check
		handler: DF.Link | None
		handling_rating: DF.Rating
		health_details: DF.SmallText | None
		identity_consent: DF.Check
		incident_date: DF.Date | None
		is_non_member: DF.Check
		local_union: DF.Link | None
		members: DF.Table[CaseMember]
		membership_active_at_incident: DF.Check
		merged_into: DF.Link | None
		naming_series: DF.Literal["CASE-.YYYY.-"]
		next_deadline: DF.Date | None
		next_deadline_days_left: DF.Int
		next_deadline_event: DF.Data | None
		opening_date: DF.Date
		outcome_notes: DF.SmallText | None
		priority: DF.Literal["Low", "Medium", "High", "Urgent"]
		raised_by: DF.Data | None
		rated_on: DF.Datetime | None
		reads_like_violence: DF.Check
		rating_comment: DF.SmallText | None
		reinstated: DF.Check
		rejection_reason: DF.SmallText | None
		related_cases: DF.Table[CaseLink]
		resolution_type: DF.Literal[
			"",
			"Joint Agreement (PB)",
			"Mediator Recommendation Accepted",
			"Arbitration Award",
			"Court Judgment",
			"Withdrawn",
			"Not Resolved",
		]
		stages: DF.Table[CaseStage]
		suggested_category: DF.Link | None
		suggestion_confidence: DF.Percent
		suggestion_ranking: DF.SmallText | None
		suggestion_words: DF.Data | None
		title: DF.Data
		tracking_key: DF.Data | None
		triage_status: DF.Literal["", "Suggested", "Unsure"]
		urgency_note: DF.SmallText | None
		verification_checks: DF.Table[CaseVerificationCheck]
		verification_started_on: DF.Datetime | None
		verified_by: DF.Link | None
		workflow_state: DF.Link | None
	# end: auto-generated types

	def before_validate(self):
		self.title = squeeze(self.title)
		self.set_party_details()
		self.set_triage()
		self.set_category_defaults()
		self.set_category_confirmed()

	def validate(self):
		self.validate_parties()
		self.validate_members()
		self.validate_dates()
		self.validate_state_change()
		self.set_state_dates()
		self.track_first_response()
		self.set_current_stage()
		update_case_deadlines(self)
		self.validate_outcome()
		set_severance_claim(self)
		set_wage_shortfall(self)

	def after_insert(self):
		triage.after_case_insert(self)

	def on_update(self):
		self.assign_handler()
		end_intake(self)

	def onload(self):
		if self.confidential:
			# who opened a confidential case, and when (Access Log, under the UU PDP)
			make_access_log(doctype=self.doctype, document=self.name, method="Open")

	# ---- before validate

	def set_party_details(self):
		"""Local union, federation, employer and contact come from the complainant's membership."""
		if not self.complainant and self.raised_by and self.is_new() and self.channel in ("Desk", "Email"):
			# a case opened by email: the sender's membership, if the address is a member's (a mail from
			# the member's address is how members reach the union; replies go to that address, never to
			# a sender who forged it). An address typed on the public form makes nobody the complainant
			# until its owner confirms it (union_cases.api.portal.confirm_complaint).
			self.complainant = frappe.db.get_value("Member", {"email": email_key(self.raised_by)}, "name")
			self.is_non_member = int(not self.complainant)
			if self.channel == "Desk":
				self.channel = "Email"
		if not self.complainant:
			return
		member = frappe.db.get_value(
			"Member",
			self.complainant,
			[
				"full_name",
				"local_union",
				"employer",
				"email",
				"language",
				"join_date",
				"leave_date",
				"status",
			],
			as_dict=True,
		)
		if not member:
			return
		self.complainant_name = member.full_name
		self.complainant_email = member.email
		self.complainant_language = member.language or "id"
		self.is_non_member = 0
		if self.is_new() or self.has_value_changed("complainant") or not self.local_union:
			self.local_union = member.local_union
		if not self.employer:
			self.employer = member.employer
		self.federation = sector_federation_of(self.local_union)
		self.membership_active_at_incident = int(
			was_member_on(member, self.incident_date or self.opening_date)
		)

	def set_triage(self):
		"""A new case, from any channel: the suggested category, the safety rule (violence or harassment
		makes it confidential whatever its category) and the urgency (casework/triage/suggest.py)."""
		if self.is_new() and not self.flags.skip_triage:
			triage.apply_to_case(self)

	def set_category_confirmed(self):
		"""A category chosen by staff is a confirmed one (the triage learns from it): on the desk, a new
		case with a category other than the unclassified one, or any change of the category later."""
		user = frappe.session.user
		if user == "Guest" or self.category == UNCLASSIFIED_CATEGORY or not self.category:
			return
		if self.is_new():
			chosen = self.channel == "Desk" and not frappe.flags.in_import
		else:
			chosen = self.has_value_changed("category")
		if chosen and frappe.get_cached_value("User", user, "user_type") == "System User":
			self.category_confirmed = 1

	def set_category_defaults(self):
		if not self.category or not (self.is_new() or self.has_value_changed("category")):
			return
		category = frappe.get_cached_doc("Case Category", self.category)
		self.update(category_defaults(category, self.dispute_type))
		if not self.verification_checks:
			for check in (*STANDARD_CHECKS, *(row.check for row in category.verification_checks)):
				self.append("verification_checks", {"check": _(check, lang=site_language())})
		if not self.stages:
			for row in category.usual_path:
				self.append("stages", {"stage": row.stage, "stage_status": "Planned"})

	# ---- validate

	def validate_parties(self):
		if not self.complainant and not self.is_non_member:
			frappe.throw(
				_(
					"Choose the complainant member, or tick Not a Member for a worker who is not (yet) a member."
				),
				frappe.MandatoryError,
				title=_("Complainant missing"),
			)

	def validate_members(self):
		seen = {self.complainant}
		for row in self.members:
			if row.member in seen:
				frappe.throw(
					_("Row {0}: {1} is already a party to this case.").format(
						row.idx, frappe.bold(row.member)
					),
					title=_("Duplicate member"),
				)
			seen.add(row.member)

	def validate_dates(self):
		refuse_future_date(self.incident_date, _("Incident Date"))
		if self.closing_date and getdate(self.closing_date) < getdate(self.opening_date):
			frappe.throw(_("Closing Date cannot be before the Opening Date."), InvalidDateError)

	def validate_state_change(self):
		if not self.has_value_changed("workflow_state"):
			return
		if self.workflow_state == "Rejected" and not (self.rejection_reason or "").strip():
			frappe.throw(
				_("Give the reason for rejecting the case; the member is told it."),
				RejectionReasonRequiredError,
				title=_("Reason required"),
			)
		if self.workflow_state == "Accepted":
			self.validate_verification_done()
		if self.workflow_state == "Resolved" and not self.resolution_type:
			frappe.throw(_("Choose the Resolution Type before resolving the case."), frappe.MandatoryError)

	def validate_verification_done(self):
		open_checks = [row.check for row in self.verification_checks if not row.done]
		if open_checks:
			frappe.throw(
				_("Finish the verification before accepting the case. Not yet checked: {0}").format(
					", ".join(open_checks)
				),
				VerificationIncompleteError,
				title=_("Verification incomplete"),
			)
		if not self.handler:
			frappe.throw(
				_("Choose the Legal Advisor who will handle the case before accepting it."),
				HandlerRequiredError,
				title=_("Legal Advisor required"),
			)

	def set_state_dates(self):
		"""Who verified the case, and when it was closed (cleared when it is reopened)."""
		if not self.has_value_changed("workflow_state"):
			return
		if self.workflow_state == "Accepted":
			self.verified_by = frappe.session.user
		if self.workflow_state == "Closed" and not self.closing_date:
			self.closing_date = today()
		if self.workflow_state == "Reopened":
			self.closing_date = None

	def track_first_response(self):
		"""Verification should start within the target; record when it did and whether it was on time."""
		if not self.first_response_due:
			days = frappe.db.get_single_value("Union Cases Settings", "first_response_days") or 0
			self.first_response_due = add_working_days(self.opening_date, days)
		if self.workflow_state == "Under Verification" and not self.verification_started_on:
			self.verification_started_on = now_datetime()
			self.first_response_days = max(working_days_between(self.opening_date, today()), 0)
			self.first_response_met = int(not is_overdue(self.first_response_due, today()))

	def set_current_stage(self):
		ongoing = [row.stage for row in self.stages if row.stage_status == "Ongoing"]
		self.current_stage = ongoing[-1] if ongoing else None

	def validate_outcome(self):
		if (self.amount_recovered or 0) < 0:
			frappe.throw(_("Amount Recovered cannot be negative."))

	# ---- on update

	def assign_handler(self):
		"""On acceptance the legal advisor is assigned (a ToDo on their list, and the case in their queue)."""
		if (
			not self.handler
			or not self.has_value_changed("workflow_state")
			or self.workflow_state != "Accepted"
		):
			return
		if self.handler in (self.get_assigned_users() or ()):
			return
		assign_to.add(
			{
				"assign_to": [self.handler],
				"doctype": self.doctype,
				"name": self.name,
				"description": _("Handle case {0}: {1}").format(self.name, self.title),
			},
			ignore_permissions=True,
		)

	@frappe.whitelist()
	def merge_into(self, target: str):
		"""Fold this case into a collective case: its parties join the target, and this case is closed."""
		self.check_permission("write")
		other = frappe.get_doc("Case", target)
		other.check_permission("write")
		if other.name == self.name or other.workflow_state in CLOSED_STATES:
			frappe.throw(_("Choose another case that is still open."))
		parties = {other.complainant, *(row.member for row in other.members)}
		for member in (self.complainant, *(row.member for row in self.members)):
			if member and member not in parties:
				other.append("members", {"member": member, "note": _("From case {0}").format(self.name)})
				parties.add(member)
		if self.name not in {row.case for row in other.related_cases}:
			other.append("related_cases", {"case": self.name})
		other.save()
		self.db_set({"merged_into": other.name, "workflow_state": "Closed", "closing_date": today()})
		self.add_comment("Info", _("Merged into collective case {0}").format(other.name))
		return other.name


def was_member_on(member, date) -> bool:
	if not date or member.status == "Applicant" or not member.join_date:
		return False
	date = getdate(date)
	return getdate(member.join_date) <= date and (not member.leave_date or getdate(member.leave_date) >= date)


def on_doctype_update():
	"""Indexes of what the reports and the desk lists filter, group and sort on, beyond the single-column
	ones of the doctype (benchmarks/ measures them at a national union's size)."""
	frappe.db.add_index("Case", ["closing_date"])
	frappe.db.add_index("Case", ["workflow_state", "opening_date"])


def category_defaults(category, dispute_type: str | None = None) -> dict:
	"""What a category gives a case when it is chosen: its dispute type (unless one is chosen already)
	and confidentiality (never taken away). The form asks for the same (`api.case.category_defaults`)."""
	values = {}
	if not dispute_type and category.default_dispute_type:
		values["dispute_type"] = category.default_dispute_type
	if category.confidential_by_default:
		values["confidential"] = 1
	return values
