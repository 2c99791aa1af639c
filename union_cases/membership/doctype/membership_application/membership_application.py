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
from frappe.utils import now_datetime

from union_cases.exceptions import (
	ConsentRequiredError,
	DuplicateNIKError,
	ReviewNoteRequiredError,
)
from union_cases.organization.tree import sector_federation_of, validate_local_union
from union_cases.utils.checks import NOTE_LENGTH, FieldChecks, plain_text, refuse_future_date
from union_cases.utils.files import check_upload, save_private_file
from union_cases.utils.identity import email_key, normalise_mobile, squeeze, validate_nik
from union_cases.utils.tracking import check_submission_rate, new_tracking_key

OPEN_STATES = ("Pending", "Needs Information")
PHOTO_TYPES = {"image/jpeg": "jpg", "image/png": "png"}
MAX_PHOTO_BYTES = 5 * 1024 * 1024
# what a guest types, kept as plain text (Document.save's sanitising lets some markup through)
TEXT_FIELDS = ("full_name", "city", "employer_name", "workplace_unit", "job_title")
NOTE_FIELDS = ("address", "applicant_reply")


def read_photo(value: str) -> tuple[str, bytes]:
	"""The ID-card photo of the public form: a JPG or PNG of at most 5 MB, as (file name, content).

	The picture itself is checked (`union_cases.utils.files.check_upload`): a renamed program, an HTML page or a
	damaged picture is refused with a message, before anything is saved."""
	if not isinstance(value, str):
		frappe.throw(_("Send the photo as a JPG or PNG picture."), title=_("Photo not accepted"))
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
	stem = plain_text(os.path.splitext(os.path.basename(filename))[0])[:60].strip(". ") or "ktp"
	name = f"{stem}.{PHOTO_TYPES[mimetype]}"
	check_upload(name, content, set(PHOTO_TYPES.values()) | {"jpeg"}, MAX_PHOTO_BYTES)
	return name, content


def check_public_form(values: dict) -> dict:
	"""Every field of the public web form, checked before Frappe saves anything: the clean values, or
	PublicFormError with a message per field (`field_errors` in the response)."""
	meta = frappe.get_meta("Membership Application")

	def label(fieldname):
		return _(meta.get_label(fieldname))

	checks = FieldChecks()
	clean = {key: values[key] for key in ("name", "doctype", "web_form_name") if key in values}
	for fieldname in TEXT_FIELDS:
		clean[fieldname] = checks.text(
			fieldname, values.get(fieldname), label(fieldname), required=meta.get_field(fieldname).reqd
		)
	clean["address"] = checks.text(
		"address", values.get("address"), label("address"), max_length=NOTE_LENGTH, multiline=True
	)
	clean["gender"] = checks.choice(
		"gender", values.get("gender"), label("gender"), ("Male", "Female"), required=True
	)
	clean["date_of_birth"] = birth = checks.date(
		"date_of_birth", values.get("date_of_birth"), label("date_of_birth"), required=True
	)
	nik = checks.text("nik", values.get("nik"), label("nik"), required=True, max_length=40)
	if nik:
		clean["nik"] = checks.run("nik", lambda: validate_nik(nik, clean["gender"], birth))
	clean["mobile_no"] = checks.phone("mobile_no", values.get("mobile_no"), label("mobile_no"), required=True)
	clean["email"] = checks.email("email", values.get("email"), label("email"), required=True)
	local_union = checks.text("local_union", values.get("local_union"), label("local_union"), required=True)
	if local_union and checks.run("local_union", lambda: validate_local_union(local_union) or True):
		clean["local_union"] = local_union
	clean["employer"] = checks.link("employer", "Employer", values.get("employer"), label("employer"))
	clean["employment_status"] = checks.choice(
		"employment_status",
		values.get("employment_status"),
		label("employment_status"),
		[o for o in meta.get_field("employment_status").options.split("\n") if o],
	)
	start = checks.date("work_start_date", values.get("work_start_date"), label("work_start_date"))
	if start and birth and start < birth:
		checks.fail(
			"work_start_date",
			_("{0} cannot be before the {1}.").format(label("work_start_date"), label("date_of_birth")),
		)
	clean["work_start_date"] = start
	if not checks.tick(
		"consent_personal_data", values.get("consent_personal_data"), label("consent_personal_data")
	):
		checks.fail("consent_personal_data", consent_message())
	clean["consent_personal_data"] = 1
	language = values.get("language")
	clean["language"] = (
		language
		if isinstance(language, str) and frappe.db.exists("Language", {"name": language, "enabled": 1})
		else "id"
	)
	photo = values.get("id_card_photo_upload")
	if photo:
		checks.run("id_card_photo_upload", lambda: read_photo(photo))
		clean["id_card_photo_upload"] = photo
	if checks.errors:
		checks.throw(_("Please check your application"))
	return clean


def consent_message() -> str:
	return _(
		"Please agree to the processing of your personal data: without it the union cannot handle your membership."
	)


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
			url = save_private_file(self, "id_card_photo", file_name=filename, content=content)
			self.db_set("id_card_photo", url)

		send_application_received(self)

	def before_validate(self):
		for fieldname in TEXT_FIELDS:
			self.set(fieldname, plain_text(self.get(fieldname)) or None)
		for fieldname in NOTE_FIELDS:
			self.set(fieldname, plain_text(self.get(fieldname), multiline=True) or None)
		self.full_name = squeeze(self.full_name)
		self.mobile_no = normalise_mobile(self.mobile_no, _("Mobile No."))
		if self.email:
			self.email = email_key(self.email)
		if self.employer_name:
			self.employer_name = squeeze(self.employer_name)

	def validate(self):
		if self.is_new() and not self.consent_personal_data:
			frappe.throw(
				consent_message(),
				ConsentRequiredError,
				title=_("Consent needed"),
			)
		self.nik = validate_nik(self.nik, self.gender, self.date_of_birth)
		refuse_future_date(self.date_of_birth, _("Date of Birth"))
		if self.workflow_state in OPEN_STATES or not self.workflow_state:
			self.validate_unique_nik()
		validate_local_union(self.local_union)
		self.federation = sector_federation_of(self.local_union)
		self.validate_review()
		self.set_reviewer()

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

	def set_reviewer(self):
		if not self.has_value_changed("workflow_state") or self.is_new():
			return
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
