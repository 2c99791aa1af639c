# Copyright (c) 2026, union_cases contributors
# For license information, please see license.txt

"""A worker's application for membership, sent through the public web form and reviewed by an operator.

It never becomes a Member by itself: approval (workflow state "Approved") creates the Member with its
card number and a website user, and mails the worker a link to set a password.
"""

import base64
import binascii
import os

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import now_datetime, today

from union_cases.exceptions import (
	ConsentRequiredError,
	DuplicateNIKError,
	InvalidDateError,
	ReviewNoteRequiredError,
)
from union_cases.identity import normalise_mobile, squeeze, validate_nik
from union_cases.organization.doctype.federation.federation import get_federation_of, validate_local_union
from union_cases.portal import check_submission_rate, new_tracking_key

OPEN_STATES = ("Pending", "Needs Information")
PHOTO_TYPES = {"image/jpeg": "jpg", "image/png": "png"}
MAX_PHOTO_BYTES = 5 * 1024 * 1024


def read_photo(value: str) -> tuple[str, bytes]:
	"""The ID-card photo of the public form: a JPG or PNG of at most 5 MB, as (file name, content)."""
	filename, _sep, dataurl = value.partition(",")
	header, _sep, encoded = dataurl.partition(",")
	mimetype = header.removeprefix("data:").split(";")[0]
	try:
		content = base64.b64decode(encoded, validate=True)
	except (binascii.Error, ValueError):
		content = b""
	if mimetype not in PHOTO_TYPES or not content:
		frappe.throw(_("Send the photo as a JPG or PNG picture."), title=_("Photo not accepted"))
	if len(content) > MAX_PHOTO_BYTES:
		frappe.throw(_("The photo is larger than {0} MB.").format(5), title=_("Photo too large"))
	stem = os.path.splitext(os.path.basename(filename))[0][:60] or "ktp"
	return f"{stem}.{PHOTO_TYPES[mimetype]}", content


STATES_NEEDING_A_NOTE = ("Rejected", "Needs Information")


class MembershipApplication(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		address: DF.SmallText | None
		applicant_reply: DF.SmallText | None
		city: DF.Data | None
		consent_personal_data: DF.Check
		date_of_birth: DF.Date
		email: DF.Data
		employer: DF.Link | None
		employer_name: DF.Data | None
		employment_status: DF.Literal[
			"", "PKWTT", "PKWT", "Outsourced", "Daily / Casual", "Piece-rate", "Apprentice"
		]
		federation: DF.Link | None
		full_name: DF.Data
		gender: DF.Literal["", "Male", "Female"]
		id_card_photo: DF.AttachImage | None
		job_title: DF.Data | None
		language: DF.Link | None
		local_union: DF.Link
		member: DF.Link | None
		mobile_no: DF.Data
		naming_series: DF.Literal["APL-.YYYY.-"]
		nik: DF.Data
		review_note: DF.SmallText | None
		reviewed_by: DF.Link | None
		reviewed_on: DF.Datetime | None
		submitted_from: DF.Data | None
		tracking_key: DF.Data | None
		user: DF.Link | None
		work_start_date: DF.Date | None
		workflow_state: DF.Link | None
		workplace_unit: DF.Data | None
	# end: auto-generated types

	def before_insert(self):
		self.tracking_key = new_tracking_key()
		# the public form sends the photo as "name,data:image/...;base64,..." (a guest may not upload files)
		self._photo_upload, self.id_card_photo_upload = self.id_card_photo_upload, None
		if self._photo_upload:
			self._photo = read_photo(self._photo_upload)
		if frappe.session.user == "Guest":
			self.submitted_from = getattr(frappe.local, "request_ip", None)
			check_submission_rate("application")

	def after_insert(self):
		from union_cases.membership.onboarding import send_application_received

		if getattr(self, "_photo", None):
			filename, content = self._photo
			file = frappe.get_doc(
				{
					"doctype": "File",
					"file_name": filename,
					"attached_to_doctype": self.doctype,
					"attached_to_name": self.name,
					"attached_to_field": "id_card_photo",
					"is_private": 1,
					"content": content,
				}
			)
			file.insert(ignore_permissions=True)
			self.db_set("id_card_photo", file.file_url)

		send_application_received(self)

	def before_validate(self):
		self.full_name = squeeze(self.full_name)
		self.mobile_no = normalise_mobile(self.mobile_no, _("Mobile No."))
		if self.email:
			self.email = self.email.strip().lower()
		if self.employer_name:
			self.employer_name = squeeze(self.employer_name)

	def validate(self):
		if self.is_new() and not self.consent_personal_data:
			frappe.throw(
				_(
					"Please agree to the processing of your personal data: without it the union cannot handle your membership."
				),
				ConsentRequiredError,
				title=_("Consent needed"),
			)
		self.nik = validate_nik(self.nik, self.gender, self.date_of_birth)
		if self.date_of_birth and frappe.utils.getdate(self.date_of_birth) > frappe.utils.getdate(today()):
			frappe.throw(_("Date of Birth cannot be in the future."), InvalidDateError)
		if self.workflow_state in OPEN_STATES or not self.workflow_state:
			self.validate_unique_nik()
		validate_local_union(self.local_union)
		self.federation = get_federation_of(self.local_union)
		self.validate_review()

	def validate_unique_nik(self):
		if frappe.db.exists("Member", {"nik": self.nik}):
			frappe.throw(
				_(
					"This NIK is already registered as a member of the union. If you are that member, log in to the member portal or ask your local union to help you."
				),
				DuplicateNIKError,
				title=_("Already a member"),
			)
		other = frappe.db.exists(
			"Membership Application",
			{"nik": self.nik, "workflow_state": ("in", OPEN_STATES), "name": ("!=", self.name or "")},
		)
		if other:
			frappe.throw(
				_(
					"An application with this NIK is already being reviewed. Follow it through the tracking link sent to you by email."
				),
				DuplicateNIKError,
				title=_("Application already sent"),
			)

	def validate_review(self):
		if not self.has_value_changed("workflow_state") or self.is_new():
			return
		if self.workflow_state in STATES_NEEDING_A_NOTE and not (self.review_note or "").strip():
			frappe.throw(
				_("Write the reason or the information needed in {0}: the applicant will read it.").format(
					frappe.bold(_(self.meta.get_label("review_note")))
				),
				ReviewNoteRequiredError,
				title=_("Reason needed"),
			)
		if self.workflow_state in ("Approved", "Rejected", "Needs Information"):
			self.reviewed_by = frappe.session.user
			self.reviewed_on = now_datetime()

	def on_update(self):
		if not self.has_value_changed("workflow_state"):
			return
		if self.workflow_state == "Approved" and not self.member:
			from union_cases.membership.onboarding import enrol

			enrol(self)
		elif self.workflow_state in STATES_NEEDING_A_NOTE:
			from union_cases.membership.onboarding import send_review_outcome

			send_review_outcome(self)
