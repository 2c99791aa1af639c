# Copyright (c) 2026, union_cases contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import formatdate


class Referral(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		case: DF.Link
		case_title: DF.Data | None
		federation: DF.Link | None
		feedback: DF.SmallText | None
		local_union: DF.Link | None
		naming_series: DF.Literal["REF-.YYYY.-"]
		outcome: DF.SmallText | None
		partner: DF.Link
		partner_type: DF.Data | None
		reason: DF.SmallText
		referral_date: DF.Date
		status: DF.Literal["Draft", "Sent", "Accepted", "Declined", "In Progress", "Completed", "Returned"]

	# end: auto-generated types
	def validate(self):
		self.set_case_details()
		self.check_partner()

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
