# Copyright (c) 2026, union_cases contributors
# For license information, please see license.txt

"""A member's request, from the portal, to change their own contact or work details; an operator approves."""

import frappe
from frappe import _
from frappe.model.document import Document

from union_cases.exceptions import ReviewNoteRequiredError
from union_cases.utils.checks import plain_text
from union_cases.utils.identity import email_key, normalise_mobile, squeeze

CHANGEABLE_FIELDS = ("mobile_no", "email", "address", "employer", "workplace_unit", "job_title")


class MemberChangeRequest(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		address: DF.SmallText | None
		email: DF.Data | None
		employer: DF.Link | None
		job_title: DF.Data | None
		local_union: DF.Link | None
		member: DF.Link
		member_name: DF.Data | None
		mobile_no: DF.Data | None
		naming_series: DF.Literal["MCR-.YYYY.-"]
		note: DF.SmallText | None
		review_note: DF.SmallText | None
		workflow_state: DF.Link | None
		workplace_unit: DF.Data | None
	# end: auto-generated types

	def before_validate(self):
		self.mobile_no = normalise_mobile(self.mobile_no, _("Mobile No."))
		if self.email:
			self.email = email_key(self.email)
		# written by the member: plain text (the desk shows these fields as they are)
		for fieldname in ("workplace_unit", "job_title"):
			self.set(fieldname, squeeze(plain_text(self.get(fieldname))) or None)
		for fieldname in ("address", "note"):
			self.set(fieldname, plain_text(self.get(fieldname), multiline=True) or None)

	def validate(self):
		if self.is_new() and not any(self.get(f) for f in CHANGEABLE_FIELDS):
			frappe.throw(_("Fill in at least one detail to change."), title=_("Nothing to change"))
		if (
			self.has_value_changed("workflow_state")
			and self.workflow_state == "Rejected"
			and not (self.review_note or "").strip()
		):
			frappe.throw(
				_("Write the reason for rejecting the request: the member will read it."),
				ReviewNoteRequiredError,
				title=_("Reason needed"),
			)

	def on_update(self):
		if self.has_value_changed("workflow_state") and self.workflow_state == "Approved":
			self.apply()

	def apply(self):
		member = frappe.get_doc("Member", self.member)
		for fieldname in CHANGEABLE_FIELDS:
			if self.get(fieldname):
				member.set(fieldname, self.get(fieldname))
		member.add_comment("Info", _("Details changed at the member's request {0}").format(self.name))
		member.save(ignore_permissions=True)
