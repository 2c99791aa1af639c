"""A member's personal data on request (UU PDP 27/2022): Frappe's Personal Data Download Request and
Personal Data Deletion Request, taken further than the `user_data_fields` hook can reach.

The hook finds the rows of a doctype whose one field equals the person's email. What the union holds
about a member also hangs off the member record and their cases: Member Change Requests, co-complainant
rows, evidence rows and files, the ID-card photo of their application, referrals of their cases (with the
summary the partner was sent) and the partners' updates on them. And a member often has no portal user:
the member and their cases are found by the email on the Member record as well as by the user.

Both requests keep Frappe's flow (verification mail, approval by a System Manager, deletion steps,
the file sent for download); the classes below add the member's records:

- the download holds every record named above, each without Frappe's internal columns (`_assign`,
  `_comments`, `_liked_by`, `_user_tags`, `_seen`) or the secret tracking keys, and the member's files
  (photo, ID card, evidence) with their content (base64);
- the deletion anonymises those records (Frappe's values per field type: "[REDACTED]", 1111-01-01, the
  request's anonymous address for e-mail fields), deletes the photo, ID-card and evidence files and the
  change history (Version) of the anonymised records, and keeps the records themselves, so every count
  and statistic stays. It works for a member without a user account too.
"""

import base64
import json
import re

import frappe
from frappe.website.doctype.personal_data_deletion_request.personal_data_deletion_request import (
	PersonalDataDeletionRequest as FrappeDeletionRequest,
)
from frappe.website.doctype.personal_data_deletion_request.personal_data_deletion_request import (
	get_pattern,
)
from frappe.website.doctype.personal_data_download_request.personal_data_download_request import (
	PersonalDataDownloadRequest as FrappeDownloadRequest,
)
from frappe.website.doctype.personal_data_download_request.personal_data_download_request import (
	get_user_data as frappe_user_data,
)

from union_cases.constants import PERSONAL_FIELDS

# columns that are Frappe's bookkeeping or the app's secrets, never part of a download
INTERNAL_COLUMNS = {"tracking_key", "id_card_photo_upload"}
# files up to this size travel inside the download; larger ones are listed with their name and size
MAX_EMBEDDED_FILE = 10 * 1024 * 1024

# doctype -> fields anonymised on deletion (besides the files and attachments below)
REDACT = {
	**{doctype: list(fields) for doctype, fields in PERSONAL_FIELDS.items()},
	"Member Change Request": ["member_name", "mobile_no", "email", "address", "workplace_unit", "note"],
	"Case": [
		"complainant_name",
		"complainant_email",
		"contact_name",
		"contact_phone",
		"raised_by",
		"description",
		"health_details",
		"rating_comment",
	],
	"Case Member": ["member_name", "note"],
	"Case Evidence": ["description"],
	"Referral": ["case_summary"],
}
# doctype -> free-text fields where the person's name and email are replaced, the rest kept
REPLACE_NAME = {
	"Membership Application": ["review_note"],
	"Member Change Request": ["review_note"],
	"Case": ["title", "outcome_notes", "rejection_reason"],
	"Referral": ["case_title", "reason", "decline_reason", "outcome", "feedback"],
	"Referral Update": ["note"],
}
# doctype -> its attachment fields, whose files are deleted
ATTACHMENTS = {"Member": ["photo"], "Membership Application": ["id_card_photo"], "Case Evidence": ["file"]}


class PersonalRecords:
	"""Everything the app holds about the person with this email (a portal user's name is their email)."""

	def __init__(self, email: str):
		self.email = (email or "").strip()
		self.members = self.names("Member", [["email", "=", self.email]], [["user", "=", self.email]])
		self.applications = self.names(
			"Membership Application",
			[["email", "=", self.email]],
			[["user", "=", self.email]],
			[["member", "in", self.members]],
		)
		self.change_requests = self.names("Member Change Request", [["member", "in", self.members]])
		self.cases = self.names(
			"Case",
			[["complainant", "in", self.members]],
			[["complainant_email", "=", self.email]],
			[["raised_by", "=", self.email]],
		)
		self.co_complainant_rows = self.names(
			"Case Member", [["member", "in", self.members], ["parenttype", "=", "Case"]]
		)
		self.evidence_rows = self.names(
			"Case Evidence", [["parent", "in", self.cases], ["parenttype", "=", "Case"]]
		)
		self.referrals = self.names("Referral", [["case", "in", self.cases]])
		self.referral_updates = self.names(
			"Referral Update", [["parent", "in", self.referrals], ["parenttype", "=", "Referral"]]
		)
		self.full_names = sorted(
			set(frappe.get_all("Member", filters={"name": ("in", self.members or [""])}, pluck="full_name"))
			| set(
				frappe.get_all(
					"Membership Application",
					filters={"name": ("in", self.applications or [""])},
					pluck="full_name",
				)
			)
		)

	@staticmethod
	def names(doctype: str, *alternatives: list) -> list[str]:
		"""The names of the rows matching any of the filter lists (a list naming nobody matches nothing)."""
		found = set()
		for filters in alternatives:
			if any(op == "in" and not value for _field, op, value in filters) or any(
				op == "=" and not value for _field, op, value in filters
			):
				continue
			found.update(frappe.get_all(doctype, filters=filters, pluck="name"))
		return sorted(found)

	def by_doctype(self) -> dict[str, list[str]]:
		return {
			"Member": self.members,
			"Membership Application": self.applications,
			"Member Change Request": self.change_requests,
			"Case": self.cases,
			"Case Member": self.co_complainant_rows,
			"Case Evidence": self.evidence_rows,
			"Referral": self.referrals,
			"Referral Update": self.referral_updates,
		}

	def files(self) -> list[str]:
		"""The files of the person: attached to their member, application and change records, their
		ID-card and member photos and their cases' evidence."""
		attached = {
			"Member": self.members,
			"Membership Application": self.applications,
			"Member Change Request": self.change_requests,
		}
		names = set()
		for doctype, docnames in attached.items():
			if docnames:
				names.update(
					frappe.get_all(
						"File",
						filters={"attached_to_doctype": doctype, "attached_to_name": ("in", docnames)},
						pluck="name",
					)
				)
		urls = set()
		for doctype, fields in ATTACHMENTS.items():
			docnames = self.by_doctype()[doctype]
			if docnames:
				for row in frappe.get_all(doctype, filters={"name": ("in", docnames)}, fields=fields):
					urls.update(value for value in row.values() if value)
		if urls:
			names.update(frappe.get_all("File", filters={"file_url": ("in", list(urls))}, pluck="name"))
		return sorted(names)


# ---------------------------------------------------------------- the download


def get_user_data(user: str) -> str:
	"""What Frappe's download holds (its `user_data_fields`), with the member's records added and
	without internal columns."""
	data = json.loads(frappe_user_data(user))
	records = PersonalRecords(user)
	for doctype, names in records.by_doctype().items():
		rows = {row["name"]: row for row in data.get(doctype, [])}
		if names:
			for row in frappe.get_all(doctype, filters={"name": ("in", names)}, fields=["*"]):
				rows[row.name] = row
		if rows:
			data[doctype] = [rows[name] for name in sorted(rows)]
	files = records.files()
	if files:
		data["File"] = [file_entry(name) for name in files]
	return json.dumps(
		{doctype: [public_columns(row) for row in rows] for doctype, rows in data.items()},
		indent=2,
		default=str,
	)


def public_columns(row: dict) -> dict:
	return {
		key: value for key, value in row.items() if not key.startswith("_") and key not in INTERNAL_COLUMNS
	}


def file_entry(name: str) -> dict:
	file = frappe.get_doc("File", name)
	entry = {
		field: file.get(field)
		for field in (
			"name",
			"file_name",
			"file_url",
			"file_size",
			"attached_to_doctype",
			"attached_to_name",
			"creation",
		)
	}
	if (file.file_size or 0) <= MAX_EMBEDDED_FILE and not file.is_folder:
		try:
			content = file.get_content()
			content = content.encode() if isinstance(content, str) else content
			entry["content_base64"] = base64.b64encode(content).decode()
		except (OSError, FileNotFoundError):
			entry["content_base64"] = None  # listed, but gone from the disk
	return entry


class PersonalDataDownloadRequest(FrappeDownloadRequest):
	def after_insert(self):
		frappe.enqueue_doc(
			self.doctype,
			self.name,
			"generate_file_and_send_mail",
			queue="short",
			personal_data=get_user_data(self.user),
			now=frappe.flags.in_test,
		)


# ---------------------------------------------------------------- the deletion


class PersonalDataDeletionRequest(FrappeDeletionRequest):
	def disable_user(self):
		"""A member without a portal user has no account to disable."""
		if frappe.db.exists("User", self.email):
			super().disable_user()

	def _anonymize_data(self, email=None, anon=None, set_data=True, commit=False):
		email, anon = email or self.email, anon or self.name
		records = PersonalRecords(email)  # found before anything is blanked: the email finds them
		# Frappe's own step (name-mangled in its class): the regexes and values the redaction uses
		self._PersonalDataDeletionRequest__set_anonymization_data(email, anon)
		if not self.is_full_name_set and records.full_names:
			# no user account to take the name from: the member's, for Frappe's free-text replacement too
			self.full_name = records.full_names[0]
			self.full_name_regex = get_pattern(self.full_name)
			self.is_full_name_set = True
		self.other_names = records.full_names
		self.anonymise_member_records(records)
		if frappe.db.exists("User", email):
			return super()._anonymize_data(email, anon, set_data=False, commit=commit)
		# no user account: Frappe's steps for its `user_data_fields`, without renaming a user
		self.add_deletion_steps()
		for ref in self.full_match_privacy_docs:
			self.redact_full_match_data(ref, email)
			self.set_step_status(ref["doctype"])
		for ref in self.partial_privacy_docs:
			self.redact_partial_match_data(ref)
			self.set_step_status(ref["doctype"])
		self.db_set("status", "Deleted")
		if commit:
			frappe.db.commit()

	def anonymise_member_records(self, records: PersonalRecords):
		files = records.files()
		for doctype, names in records.by_doctype().items():
			if not names:
				continue
			values = self.redacted_values(doctype)
			for row in frappe.get_all(
				doctype, filters={"name": ("in", names)}, fields=["name", *REPLACE_NAME.get(doctype, [])]
			):
				changed = dict(values)
				for field in REPLACE_NAME.get(doctype, []):
					if row.get(field):
						changed[field] = self.without_name(row[field])
				if changed:
					frappe.db.set_value(doctype, row.name, changed, modified_by="Administrator")
			if not frappe.get_meta(doctype).istable:
				frappe.db.delete("Version", {"ref_doctype": doctype, "docname": ("in", names)})
		for name in files:
			frappe.delete_doc("File", name, ignore_permissions=True, force=True)

	def redacted_values(self, doctype: str) -> dict:
		"""Frappe's anonymous value for each field (by type; a unique field gets the request's address),
		"[REDACTED]" where Frappe has none for the type (it would write the field's name), no file."""
		fields = REDACT.get(doctype, [])
		values = self.generate_anonymization_dict({"doctype": doctype, "redact_fields": fields})
		meta = frappe.get_meta(doctype)
		for field, value in values.items():
			df = meta.get_field(field)
			if df and df.fieldtype in ("Currency", "Float", "Int", "Percent"):
				values[field] = 0  # a number (the monthly wage) is removed, not replaced by text
			elif value == field:
				values[field] = self.anonymization_value_map["Data"]
		values.update(dict.fromkeys(ATTACHMENTS.get(doctype, [])))
		return values

	def without_name(self, text: str) -> str:
		for name in {self.full_name, *self.other_names}:
			if name and self.is_full_name_set:
				text = re.sub(get_pattern(name), self.anonymization_value_map["Data"], text)
		return re.sub(self.email_regex, self.anon, text)
