# Copyright (c) 2026, union_cases contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import flt, getdate

from union_cases.dues.checkoff import ACTIVE, LEFT_STATUSES, REVOKED
from union_cases.exceptions import AuthorisationError
from union_cases.organization.tree import sector_federation_of


class CheckoffAuthorisation(Document):
	def before_validate(self):
		self.set_member_details()

	def validate(self):
		self.validate_deduction()
		self.validate_revocation()
		self.validate_member_still_in_union()
		self.validate_one_active_per_employer()

	def set_member_details(self):
		if not self.member:
			return
		member = frappe.db.get_value(
			"Member", self.member, ["full_name", "nik", "local_union", "employer"], as_dict=True
		)
		if not member:
			return
		self.member_name, self.nik, self.local_union = member.full_name, member.nik, member.local_union
		self.employer = self.employer or member.employer
		self.federation = sector_federation_of(member.local_union)
		if self.status == ACTIVE:
			self.revoked_on = None

	def validate_deduction(self):
		if self.basis == "Amount" and flt(self.amount) <= 0:
			frappe.throw(_("Enter the amount to deduct each month."), AuthorisationError, title=_("Amount"))
		if self.basis == "Percentage of Wage" and not 0 < flt(self.percentage) <= 100:
			frappe.throw(
				_("The percentage of the wage must be above 0 and at most 100."),
				AuthorisationError,
				title=_("Percentage"),
			)

	def validate_revocation(self):
		if self.status != REVOKED:
			return
		if not self.revoked_on:
			frappe.throw(_("Enter the date the authorisation was revoked."), AuthorisationError)
		if getdate(self.revoked_on) < getdate(self.authorisation_date):
			frappe.throw(
				_("The authorisation cannot be revoked before the date it was given."), AuthorisationError
			)

	def validate_member_still_in_union(self):
		if self.status != ACTIVE:
			return
		status = frappe.db.get_value("Member", self.member, "status")
		if status in LEFT_STATUSES:
			frappe.throw(
				_("{0} is {1}: a member who left the union cannot authorise a check-off.").format(
					self.member_name, _(status)
				),
				AuthorisationError,
				title=_("Not a member"),
			)

	def validate_one_active_per_employer(self):
		if self.status != ACTIVE:
			return
		other = frappe.db.exists(
			"Check-off Authorisation",
			{
				"member": self.member,
				"employer": self.employer,
				"status": ACTIVE,
				"name": ("!=", self.name or ""),
			},
		)
		if other:
			frappe.throw(
				_("{0} already has an active check-off authorisation for {1}: {2}. Revoke it first.").format(
					self.member_name, self.employer, other
				),
				AuthorisationError,
				title=_("Already authorised"),
			)


def on_doctype_update():
	frappe.db.add_index("Check-off Authorisation", ["employer", "status"])
