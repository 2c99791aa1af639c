# Copyright (c) 2026, union_cases contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, today

from union_cases.exceptions import InvalidDateError
from union_cases.identity import squeeze
from union_cases.organization.doctype.federation.federation import get_federation_of

CLOSED_STATES = ("Resolved", "Closed", "Rejected")


class Case(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from union_cases.casework.doctype.case_evidence.case_evidence import CaseEvidence
		from union_cases.casework.doctype.case_member.case_member import CaseMember

		amount_recovered: DF.Currency
		case_type: DF.Literal["Complaint", "Aspiration"]
		category: DF.Link
		closing_date: DF.Date | None
		complainant: DF.Link
		complainant_name: DF.Data | None
		confidential: DF.Check
		description: DF.TextEditor
		dispute_type: DF.Literal["", "Rights", "Interests", "Termination", "Between Unions"]
		employer: DF.Link | None
		evidence: DF.Table[CaseEvidence]
		federation: DF.Link | None
		incident_date: DF.Date | None
		local_union: DF.Link | None
		members: DF.Table[CaseMember]
		naming_series: DF.Literal["CASE-.YYYY.-"]
		opening_date: DF.Date
		outcome_notes: DF.SmallText | None
		priority: DF.Literal["Low", "Medium", "High", "Urgent"]
		reinstated: DF.Check
		resolution_type: DF.Literal[
			"",
			"Joint Agreement (PB)",
			"Mediator Recommendation Accepted",
			"Arbitration Award",
			"Court Judgment",
			"Withdrawn",
			"Not Resolved",
		]
		status: DF.Literal[
			"New",
			"Under Verification",
			"Accepted",
			"Rejected",
			"In Handling",
			"Resolved",
			"Closed",
			"Reopened",
		]
		title: DF.Data

	# end: auto-generated types
	def before_validate(self):
		self.title = squeeze(self.title)
		self.set_party_details()
		self.set_category_defaults()

	def validate(self):
		self.validate_members()
		self.validate_dates()
		self.validate_outcome()

	def set_party_details(self):
		"""Local union and federation come from the complainant's membership; the employer by default."""
		if not self.complainant:
			return
		member = frappe.db.get_value(
			"Member", self.complainant, ["full_name", "local_union", "employer"], as_dict=True
		)
		if not member:
			return
		self.complainant_name = member.full_name
		if self.is_new() or self.has_value_changed("complainant") or not self.local_union:
			self.local_union = member.local_union
		if not self.employer:
			self.employer = member.employer
		self.federation = get_federation_of(self.local_union)

	def set_category_defaults(self):
		if not self.category or not (self.is_new() or self.has_value_changed("category")):
			return
		dispute_type, confidential = frappe.db.get_value(
			"Case Category", self.category, ["default_dispute_type", "confidential_by_default"]
		) or (None, 0)
		if not self.dispute_type:
			self.dispute_type = dispute_type
		if confidential:
			self.confidential = 1

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
		if self.incident_date and getdate(self.incident_date) > getdate(today()):
			frappe.throw(_("Incident Date cannot be in the future."), InvalidDateError)
		if self.closing_date and getdate(self.closing_date) < getdate(self.opening_date):
			frappe.throw(_("Closing Date cannot be before the Opening Date."), InvalidDateError)

	def validate_outcome(self):
		if self.status == "Closed" and not self.closing_date:
			self.closing_date = today()
		if (self.amount_recovered or 0) < 0:
			frappe.throw(_("Amount Recovered cannot be negative."))
