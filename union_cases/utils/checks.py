"""What guests, members and partners type: checked field by field, kept as plain text.

Each check returns the clean value, or None and keeps a translated message for its field; endpoints
answer 417 with the messages, controllers throw them (`FieldChecks.throw`).
"""

import datetime
import re

import frappe
from frappe import _
from frappe.utils import escape_html, getdate, today

from union_cases.exceptions import InvalidDateError, PublicFormError
from union_cases.utils.identity import normalise_mobile

DATA_LENGTH = 140  # a Data field (varchar 140): names, titles, addresses of one line
NOTE_LENGTH = 2000  # an address, a note, an answer, a comment (Small Text)
STORY_LENGTH = 20000  # what happened, in a complaint or a message to the union

# tags, comments and whole script/style blocks; "<" not followed by a letter ("gaji < UMK") is text
MARKUP = re.compile(
	r"<(script|style)\b.*?(?:</\1\s*>|$)|<!--.*?(?:-->|$)|</?[A-Za-z!?][^>]*>", re.IGNORECASE | re.DOTALL
)
TAG_START = re.compile(r"<(?=[A-Za-z/!?])")
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
DAY_FIRST_DATE = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")


def plain_text(value, multiline: bool = False) -> str:
	"""What a person typed, as plain text: markup removed, nothing left that a browser reads as a tag.

	Entities stay as typed ("&lt;" is shown as "&lt;"); every page escapes the text where it shows it.
	"""
	text = CONTROL_CHARACTERS.sub("", str(value or ""))
	previous = None
	while previous != text:  # "<scr<b>ipt>" leaves a tag behind when removed once
		previous, text = text, MARKUP.sub("", text)
	text = TAG_START.sub("< ", text)  # an unclosed "<img ..." at the end
	if not multiline:
		return " ".join(text.split())
	lines = [" ".join(line.split()) for line in text.splitlines()]
	return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def read_date(value) -> datetime.date | None:
	"""A date as forms send it (2026-01-31, or 31-01-2026 as people write it); None if it is not a real one."""
	if isinstance(value, datetime.datetime):
		return value.date()
	if isinstance(value, datetime.date):
		return value
	if not isinstance(value, str) or len(value) > 20:
		return None
	value = value.strip()
	if match := ISO_DATE.fullmatch(value):
		year, month, day = match.groups()
	elif match := DAY_FIRST_DATE.fullmatch(value):
		day, month, year = match.groups()
	else:
		return None
	try:
		return datetime.date(int(year), int(month), int(day))
	except ValueError:
		return None


def refuse_future_date(value, label: str):
	"""Throw InvalidDateError when the date `value` is after today (a birth, an incident)."""
	if value and getdate(value) > getdate(today()):
		frappe.throw(_("{0} cannot be in the future.").format(label), InvalidDateError)


class FieldChecks:
	"""The checks of one form, field by field: each returns the clean value, or None and keeps a message
	for that field. `errors` maps fieldnames to messages shown under the fields."""

	def __init__(self):
		self.errors: dict[str, str] = {}

	def fail(self, fieldname: str, message: str):
		self.errors.setdefault(fieldname, message)

	def run(self, fieldname: str, check):
		"""Run a check that throws a ValidationError; its message (as plain text) goes under the field."""
		try:
			return check()
		except frappe.ValidationError as e:
			self.fail(fieldname, plain_text(str(e)) or _("This value cannot be accepted."))
		finally:
			frappe.clear_messages()

	def text(
		self,
		fieldname: str,
		value,
		label: str,
		*,
		required: bool = False,
		max_length: int = DATA_LENGTH,
		multiline: bool = False,
	) -> str | None:
		if isinstance(value, bool) or (value is not None and not isinstance(value, str | int | float)):
			self.fail(fieldname, _("{0}: write it as text.").format(label))
			return None
		raw = "" if value is None else str(value)
		if len(raw) > 4 * max_length + 1000:  # far too long: not worth cleaning
			self.fail(fieldname, _("{0} is too long: at most {1} characters.").format(label, max_length))
			return None
		text = plain_text(raw, multiline)
		if not text:
			if required:
				self.fail(fieldname, _("Fill in {0}.").format(label))
			return None
		if len(text) > max_length:
			self.fail(fieldname, _("{0} is too long: at most {1} characters.").format(label, max_length))
			return None
		return text

	def date(self, fieldname: str, value, label: str, *, required: bool = False) -> datetime.date | None:
		"""A date in the past (or today), from 1900 on."""
		if value in (None, ""):
			if required:
				self.fail(fieldname, _("Fill in {0}.").format(label))
			return None
		date = read_date(value)
		if not date:
			self.fail(fieldname, _("{0} is not a real date. Write it like 31-01-2026.").format(label))
		elif date > getdate(today()):
			self.fail(fieldname, _("{0} cannot be in the future.").format(label))
		elif date.year < 1900:
			self.fail(fieldname, _("{0} cannot be before 1900.").format(label))
		else:
			return date
		return None

	def choice(self, fieldname: str, value, label: str, options, *, required: bool = False) -> str | None:
		if value in (None, "") and not required:
			return None
		if not isinstance(value, str) or value not in options:
			self.fail(fieldname, _("Choose {0} from the list.").format(label))
			return None
		return value

	def link(
		self, fieldname: str, doctype: str, value, label: str, filters: dict | None = None, *, required=False
	) -> str | None:
		"""A record chosen from a list (a category, an employer): it must exist (and match the filters)."""
		if value in (None, ""):
			if required:
				self.fail(fieldname, _("Fill in {0}.").format(label))
			return None
		if (
			not isinstance(value, str)
			or len(value) > DATA_LENGTH
			or not frappe.db.exists(doctype, {"name": value, **(filters or {})})
		):
			self.fail(fieldname, _("Choose {0} from the list.").format(label))
			return None
		return value

	def email(self, fieldname: str, value, label: str, *, required: bool = False) -> str | None:
		text = self.text(fieldname, value, label, required=required)
		if text and not frappe.utils.validate_email_address(text):
			self.fail(fieldname, _("{0} is not an email address.").format(text))
			return None
		return text.lower() if text else None

	def phone(self, fieldname: str, value, label: str, *, required: bool = False) -> str | None:
		text = self.text(fieldname, value, label, required=required, max_length=40)
		return self.run(fieldname, lambda: normalise_mobile(text, label)) if text else None

	def tick(self, fieldname: str, value, label: str) -> int | None:
		"""A check box: 0 or 1 (also as text, or true/false)."""
		if value in (None, "", 0, "0", False, "false"):
			return 0
		if value in (1, "1", True, "true", "on"):
			return 1
		self.fail(fieldname, _("{0}: tick the box or leave it empty.").format(label))
		return None

	def respond(self) -> dict:
		"""The answer of a portal endpoint with bad fields: HTTP 417 and a message per field."""
		frappe.local.response["http_status_code"] = 417
		return {"errors": self.errors}

	def throw(self, title: str | None = None):
		"""Stop (the request is rolled back): a dialog listing the messages, and the messages per field in
		the response's `field_errors` for the form to show under each field."""
		frappe.local.response["field_errors"] = self.errors
		frappe.local.flags.disable_traceback = True
		frappe.throw(
			"<br>".join(escape_html(message) for message in self.errors.values()),
			PublicFormError,
			title=title or _("Please check the form"),
		)
