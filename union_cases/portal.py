"""What the public forms and the member portal share: tracking keys, submission limits, who is asking,
and the checks of what guests, members and partners type."""

import datetime
import hashlib
import hmac
import re
import secrets

import frappe
from frappe import _
from frappe.utils import escape_html, get_url, getdate, today
from frappe.utils.html_utils import sanitize_html
from frappe.utils.password import get_encryption_key

from union_cases.exceptions import PublicFormError, TooManySubmissionsError
from union_cases.translation import N_

# Public submissions (applications, complaints) one address may send per hour; site config can change it.
DEFAULT_SUBMISSIONS_PER_HOUR = 5


def new_tracking_key() -> str:
	"""A secret for the tracking link: 32 URL-safe characters, not derived from anything guessable."""
	return secrets.token_urlsafe(24)


def tracking_url(key: str, confirm: str | None = None) -> str:
	"""The tracking link; with `confirm`, the link mailed to the address given, which proves it is theirs."""
	return get_url(f"/track?key={key}" + (f"&confirm={confirm}" if confirm else ""))


def confirmation_code(case_name: str, key: str, email: str) -> str:
	"""The part of the mailed tracking link that only the mailbox of `email` receives (never shown on screen).

	Derived from the site's secret, so it needs no storage and changes when the tracking key does.
	"""
	secret = get_encryption_key().encode()
	message = f"{case_name}:{key}:{(email or '').strip().lower()}".encode()
	return hmac.new(secret, message, hashlib.sha256).hexdigest()[:32]


def confirmation_matches(case, code: str | None) -> bool:
	email = case.raised_by or case.complainant_email
	if not (code and email and case.tracking_key):
		return False
	return hmac.compare_digest(confirmation_code(case.name, case.tracking_key, email), str(code))


def send_paragraphs(
	recipient: str, subject: str, paragraphs, doc, link: str | None = None, label: str | None = None
):
	"""A short mail about a document, on its timeline: paragraphs (HTML, already escaped), then a link."""
	body = "".join(f"<p>{p}</p>" for p in paragraphs)
	if link:
		body += f'<p><a href="{link}">{frappe.utils.escape_html(label or link)}</a></p>'
	frappe.sendmail(
		recipients=[recipient],
		subject=subject,
		message=body,
		reference_doctype=doc.doctype,
		reference_name=doc.name,
	)


def local_union_options() -> list[dict]:
	"""Active local unions labelled with their federation, branch and place, so a worker can search by any."""
	nodes = frappe.get_all(
		"Federation",
		filters={"active": 1},
		fields=["name", "parent_federation", "level", "city", "province"],
		order_by="lft",
		limit_page_length=0,
	)
	by_name = {n.name: n for n in nodes}
	options = []
	for node in nodes:
		if node.level != "Local Union":
			continue
		ancestors, parent = [], by_name.get(node.parent_federation)
		while parent and parent.level != "Confederation":
			ancestors.append(parent.name)
			parent = by_name.get(parent.parent_federation)
		label = " — ".join([node.name, " / ".join(reversed(ancestors))]) if ancestors else node.name
		place = ", ".join(p for p in (node.city, node.province) if p)
		options.append({"value": node.name, "label": label + (f" ({place})" if place else "")})
	return options


def check_submission_rate(kind: str):
	"""Refuse a guest's submission beyond the hourly limit per IP address (abuse of the public forms)."""
	limit = frappe.conf.get("union_cases_submissions_per_hour") or DEFAULT_SUBMISSIONS_PER_HOUR
	ip = getattr(frappe.local, "request_ip", None) or "unknown"
	key = frappe.cache.make_key(f"union_cases:submissions:{kind}:{ip}")
	count = frappe.cache.incrby(key, 1)
	if count == 1:
		frappe.cache.expire(key, 3600)
	if count > limit:
		frappe.throw(
			_("Too many submissions from your connection in the last hour. Please try again later."),
			TooManySubmissionsError,
			title=_("Please wait"),
		)


def reset_submission_rate(kind: str, ip: str):
	frappe.cache.delete(frappe.cache.make_key(f"union_cases:submissions:{kind}:{ip}"))


def current_member(user: str | None = None) -> str | None:
	"""The Member record of a logged-in portal user, or None."""
	user = user or frappe.session.user
	if user in ("Guest", None):
		return None
	return frappe.db.get_value("Member", {"user": user}, "name")


def require_member() -> str:
	member = current_member()
	if not member:
		frappe.throw(_("Log in as a member to use this page."), frappe.PermissionError)
	return member


# ---- what the member (or the worker with a tracking link) reads about a case

# The next step as the member reads it, per workflow state.
NEXT_STEPS = {
	"New": N_("The union has received your case. An operator will check it soon."),
	"Under Verification": N_(
		"An operator is checking your case and membership. You may be asked for documents."
	),
	"Accepted": N_("Your case has been accepted. A legal advisor will contact you."),
	"In Handling": N_("A legal advisor is handling your case."),
	"Resolved": N_("Your case has been resolved. It will be closed soon."),
	"Closed": N_("Your case is closed."),
	"Rejected": N_("The union could not take up your case."),
	"Reopened": N_("Your case has been reopened."),
}


def next_step(case) -> str:
	text = _(NEXT_STEPS.get(case.workflow_state, ""))
	if case.workflow_state == "In Handling" and case.current_stage:
		text += " " + _("Current stage: {0}.").format(_(case.current_stage))
	if case.workflow_state == "Rejected" and case.rejection_reason:
		text += " " + _("Reason: {0}").format(frappe.utils.escape_html(case.rejection_reason))
	return text


def case_timeline(case, email: str | None) -> list[dict]:
	"""What the complainant may read: the case's steps and the messages to and from them, oldest first.

	Internal notes, and mails to anyone else (the employer, partners, colleagues), are left out.
	"""
	events = [{"when": case.creation, "kind": "step", "text": _("Case received")}]
	for comment in frappe.get_all(
		"Comment",
		filters={"reference_doctype": "Case", "reference_name": case.name, "comment_type": "Workflow"},
		fields=["creation", "content"],
		order_by="creation",
	):
		events.append({"when": comment.creation, "kind": "step", "text": _(comment.content)})
	email = (email or "").lower()
	for message in frappe.get_all(
		"Communication",
		filters={
			"reference_doctype": "Case",
			"reference_name": case.name,
			"communication_type": "Communication",
		},
		fields=["creation", "content", "sender", "sender_full_name", "recipients", "cc", "sent_or_received"],
		order_by="creation",
	):
		to = f"{message.recipients or ''},{message.cc or ''}".lower()
		mine = (message.sender or "").lower() == email
		if not email or not (mine or email in to):
			continue
		events.append(
			{
				"when": message.creation,
				"kind": "mine" if message.sent_or_received == "Received" else "union",
				"who": message.sender_full_name if message.sent_or_received == "Received" else _("The union"),
				# mails come from outside too: sanitised whatever they look like (JSON is skipped otherwise)
				"html": sanitize_html(message.content or "", always_sanitize=True),
			}
		)
	return sorted(events, key=lambda e: e["when"])


def case_files(case) -> list[dict]:
	"""The files the complainant sent (from the portal, or from the public form as a guest)."""
	owners = [frappe.db.get_value("Member", case.complainant, "user")] if case.complainant else []
	if case.channel == "Public Form":
		owners.append("Guest")
	owners = [o for o in owners if o]
	if not owners:
		return []
	return [
		{"name": row.file_name, "url": row.file_url}
		for row in frappe.get_all(
			"File",
			filters={
				"attached_to_doctype": "Case",
				"attached_to_name": case.name,
				"is_folder": 0,
				"owner": ("in", owners),
			},
			fields=["file_name", "file_url"],
			order_by="creation",
		)
	]


def member_page(context, path: str):
	"""For a page of the member portal: guests go to the login; a user who is not a member is refused."""
	if frappe.session.user == "Guest":
		frappe.local.flags.redirect_location = f"/login?redirect-to={path}"
		raise frappe.Redirect
	name = current_member()
	if not name:
		raise frappe.PermissionError(_("This page is for members of the union."))
	context.no_breadcrumbs = True
	context.show_sidebar = False
	context.member = frappe.db.get_value(
		"Member",
		name,
		["name", "full_name", "email", "local_union", "federation", "employer", "status", "join_date"],
		as_dict=True,
	)
	return context.member


# ---- what guests, members and partners type: checked field by field, kept as plain text

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
		from union_cases.identity import normalise_mobile

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
