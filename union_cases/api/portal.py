"""Endpoints of the public forms and the member portal.

Guests reach only what a public form needs (field checks, sending a complaint or an application, the
tracking link). Members reach only their own member record and cases: every endpoint looks the record up
through the logged-in user's Member, never through a name the caller sends alone.

Whatever a person types is checked field by field (a message under each field, HTTP 417, nothing saved)
and kept as plain text; files are checked for what they contain (`union_cases.files`). The guest
endpoints are `xss_safe`: Frappe would otherwise run its HTML sanitiser over every argument first, which
turns "<b>" into "&lt;b&gt;" text; here each field is made plain text by `FieldChecks` instead.
"""

import json

import frappe
from frappe import _
from frappe.rate_limiter import rate_limit
from frappe.utils import escape_html, now_datetime, today

from union_cases.exceptions import (
	ConfirmationError,
	DuplicateNIKError,
	PublicFormError,
	UploadRejectedError,
)
from union_cases.files import check_upload
from union_cases.portal import (
	NOTE_LENGTH,
	STORY_LENGTH,
	FieldChecks,
	check_submission_rate,
	confirmation_code,
	confirmation_matches,
	current_member,
	new_tracking_key,
	plain_text,
	require_member,
	send_paragraphs,
	tracking_url,
)
from union_cases.setup.install import UNCLASSIFIED_CATEGORY

# Evidence members and workers may upload: photos, documents, voice notes. Size in MB per file.
EVIDENCE_EXTENSIONS = {
	"jpg",
	"jpeg",
	"png",
	"heic",
	"pdf",
	"doc",
	"docx",
	"odt",
	"txt",
	"m4a",
	"mp3",
	"ogg",
	"opus",
}
DEFAULT_MAX_UPLOAD_MB = 10
MAX_FILES = 5
MEMBERSHIP_WEB_FORM = "membership-application"
# A guest's case whose email address its owner has not yet confirmed (Case.email_confirmation)
UNCONFIRMED, CONFIRMED, DISOWNED = "Unconfirmed", "Confirmed", "Disowned"


# ---- public choices and checks


@frappe.whitelist(allow_guest=True, xss_safe=True, methods=["POST"])
@rate_limit(limit=60, seconds=60)
def check_application(
	nik: str | None = None,
	gender: str | None = None,
	date_of_birth: str | None = None,
	mobile_no: str | None = None,
	local_union: str | None = None,
) -> dict:
	"""Check the fields of the membership form one by one; return {fieldname: message} for the bad ones."""
	from union_cases.identity import validate_nik
	from union_cases.organization.doctype.federation.federation import validate_local_union

	checks = FieldChecks()
	birth = checks.date("date_of_birth", date_of_birth, _("Date of Birth"))
	if gender not in ("Male", "Female"):
		gender = None
	if nik := checks.text("nik", nik, _("NIK"), max_length=40):
		checks.run("nik", lambda: validate_nik(nik, gender, birth))
	checks.phone("mobile_no", mobile_no, _("Mobile No."))
	if local_union := checks.text("local_union", local_union, _("Local Union")):
		checks.run("local_union", lambda: validate_local_union(local_union))
	return checks.errors


# ---- files


def _max_upload_bytes() -> int:
	return int(frappe.conf.get("union_cases_max_upload_mb") or DEFAULT_MAX_UPLOAD_MB) * 1024 * 1024


def _uploaded_files(checks: FieldChecks, fieldname: str = "files") -> list:
	"""The files of a multipart request, checked for count, kind, size and content before anything is
	saved; what is wrong goes under the field."""
	files = frappe.request.files.getlist(fieldname) if frappe.request and frappe.request.files else []
	files = [f for f in files if f and f.filename]
	if len(files) > MAX_FILES:
		checks.fail(fieldname, _("Send at most {0} files at a time.").format(MAX_FILES))
		return []
	checked = []
	for f in files:
		content = f.stream.read(_max_upload_bytes() + 1)
		try:
			check_upload(f.filename, content, EVIDENCE_EXTENSIONS, _max_upload_bytes())
		except UploadRejectedError as e:
			checks.fail(fieldname, str(e))
			frappe.clear_messages()
			continue
		checked.append((f.filename, content))
	return checked


def _attach(case, files: list, description: str):
	"""Save files privately on the case and list them as its evidence."""
	for filename, content in files:
		file = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": filename,
				"attached_to_doctype": "Case",
				"attached_to_name": case.name,
				"is_private": 1,
				"content": content,
			}
		)
		file.insert(ignore_permissions=True)
		case.append(
			"evidence", {"description": description[:140], "file": file.file_url, "evidence_date": today()}
		)


# ---- complaints and aspirations


@frappe.whitelist(allow_guest=True, xss_safe=True, methods=["POST"])
@rate_limit(limit=10, seconds=60)
def submit_complaint(
	title: str | None = None,
	description: str | None = None,
	case_type: str | None = "Complaint",
	category: str | None = None,
	incident_date: str | None = None,
	confidential: str | int | None = 0,
	employer: str | None = None,
	employer_name_given: str | None = None,
	contact_name: str | None = None,
	contact_phone: str | None = None,
	email: str | None = None,
	federation: str | None = None,
	language: str | None = None,
) -> dict:
	"""A complaint or aspiration from the portal (a member) or the public form (anyone): a New case.

	The member is taken from the session, never from the request; an email address typed by a guest
	makes nobody the complainant (see `confirm_complaint`). Returns the tracking number and link.
	"""
	member = current_member()
	if not member:
		check_submission_rate("complaint")
	checks = FieldChecks()
	values = {
		"case_type": checks.choice(
			"case_type", case_type or "Complaint", _("Type"), ("Complaint", "Aspiration")
		),
		"title": checks.text("title", title, _("Title")),
		"description": checks.text(
			"description", description, _("Description"), max_length=STORY_LENGTH, multiline=True
		),
		"category": checks.link("category", "Case Category", category, _("Category"), {"is_active": 1}),
		"incident_date": checks.date("incident_date", incident_date, _("Incident Date")),
		"confidential": checks.tick("confidential", confidential, _("Confidential")),
		"employer": checks.link("employer", "Employer", employer, _("Employer")),
	}
	if not values["title"] and "title" not in checks.errors:
		checks.fail("title", _("Say in a few words what the complaint is about."))
	if not values["description"] and "description" not in checks.errors:
		checks.fail("description", _("Tell us what happened."))
	if not member:
		values.update(
			{
				"contact_name": checks.text("contact_name", contact_name, _("Your name")),
				"contact_phone": checks.phone("contact_phone", contact_phone, _("Phone")),
				"email": checks.email("email", email, _("Email")),
				"employer_name_given": checks.text(
					"employer_name_given", employer_name_given, _("Employer, if not in the list")
				),
				"federation": checks.link(
					"federation", "Federation", federation, _("Sector"), {"level": "Federation", "active": 1}
				),
			}
		)
		if not values["contact_name"] and "contact_name" not in checks.errors:
			checks.fail("contact_name", _("Tell us your name, so that the union can answer you."))
		if not (values["email"] or values["contact_phone"] or checks.errors.get("email")):
			checks.fail("email", _("Give an email address or a phone number."))
	files = _uploaded_files(checks)
	if checks.errors:
		return checks.respond()

	case = frappe.new_doc("Case")
	case.update(
		{
			"title": values["title"],
			"description": escape_html(values["description"]).replace("\n", "<br>"),
			"case_type": values["case_type"],
			"category": values["category"] or UNCLASSIFIED_CATEGORY,
			"incident_date": values["incident_date"],
			"confidential": values["confidential"],
			"tracking_key": new_tracking_key(),
			"channel": "Member Portal" if member else "Public Form",
			"employer": values["employer"],
		}
	)
	if member:
		case.complainant = member
	else:
		case.update(
			{
				"is_non_member": 1,
				"contact_name": values["contact_name"],
				"contact_phone": values["contact_phone"],
				# an address typed on the form: nobody's until its owner confirms it (then it also
				# becomes the complainant's address, which data-protection requests go by)
				"raised_by": values["email"],
				"email_confirmation": UNCONFIRMED if values["email"] else None,
				"employer_name_given": values["employer_name_given"],
				"federation": values["federation"],
				"complainant_language": site_language(language),
			}
		)
	case.flags.ignore_permissions = True
	case.insert()
	if files:
		_attach(case, files, _("Sent with the complaint"))
		case.save(ignore_permissions=True)
	send_tracking_mail(case)
	# the same answer whether or not the address is a member's: a guest learns nothing about members
	return {"name": case.name, "tracking_url": tracking_url(case.tracking_key)}


def site_language(language) -> str:
	if (
		isinstance(language, str)
		and language
		and frappe.db.exists("Language", {"name": language, "enabled": 1})
	):
		return language
	return frappe.local.lang or "id"


def member_of_address(email: str | None) -> str | None:
	"""The member whose portal login is this email address, or else the member without a portal login
	whose recorded address it is. (A member who logs in with another address is never found by the
	recorded one: that field is typed by people, and would hand them someone else's case.)"""
	if not email:
		return None
	return frappe.db.get_value("Member", {"user": email}, "name") or frappe.db.get_value(
		"Member", {"email": email, "user": ("is", "not set")}, "name"
	)


def send_tracking_mail(case):
	email = case.complainant_email or case.raised_by
	if not email:
		return
	lang = case.complainant_language or "id"
	subject = _("We have received your case {0}", lang=lang).format(case.name)
	if case.email_confirmation != UNCONFIRMED:
		# a member's own case from the portal: the address is the one they log in with
		paragraphs = [
			_('Thank you. The union has received your submission "{0}".', lang=lang).format(
				escape_html(case.title)
			),
			_(
				"Your tracking number is {0}. Follow your case with this link (keep it to yourself):",
				lang=lang,
			).format(f"<b>{case.name}</b>"),
		]
		send_paragraphs(email, subject, paragraphs, case, tracking_url(case.tracking_key))
		return
	link = tracking_url(case.tracking_key, confirmation_code(case.name, case.tracking_key, email))
	if member_of_address(email):
		subject = _("Did you send case {0} to the union?", lang=lang).format(case.name)
		paragraphs = [
			_(
				'The union has received a submission through its website, "{0}" (number {1}), that gives your email address.',
				lang=lang,
			).format(escape_html(case.title), f"<b>{case.name}</b>"),
			_(
				"If you sent it, confirm it with the link below: it then becomes your case in the member portal, where the union answers you. You can also confirm it by logging in to the member portal.",
				lang=lang,
			),
			_(
				"If you did not send it, open the link and say so: the case is not attached to you and the union will not write to you about it.",
				lang=lang,
			),
		]
		label = _("Confirm or refuse", lang=lang)
	else:
		paragraphs = [
			_('Thank you. The union has received your submission "{0}".', lang=lang).format(
				escape_html(case.title)
			),
			_(
				"Your tracking number is {0}. Follow your case with this link (keep it to yourself):",
				lang=lang,
			).format(f"<b>{case.name}</b>"),
			_(
				"Confirm once on that page that this is your email address: the union's answers then appear there too.",
				lang=lang,
			),
		]
		label = None
	send_paragraphs(email, subject, paragraphs, case, link, label)


def awaiting_confirmation(case) -> bool:
	"""A guest's case whose email address its owner has neither confirmed nor refused."""
	return bool(
		case.email_confirmation == UNCONFIRMED
		and case.raised_by
		and not case.complainant
		and not case.merged_into
	)


@frappe.whitelist(allow_guest=True, xss_safe=True, methods=["POST"])
@rate_limit(limit=10, seconds=60)
def confirm_complaint(
	answer: str | None = None,
	key: str | None = None,
	confirm: str | None = None,
	case: str | None = None,
) -> dict:
	"""The owner of the email address given with a guest's complaint answers whether they sent it.

	Either through the link mailed to that address (`key` and `confirm`), or logged in as the member whose
	login is that address (`case`). "mine": a member's address makes it the member's case (a new tracking
	link goes to them, the old one stops working); anyone else's address is confirmed, so the tracking page
	shows the union's answers. "not_mine": the address is taken off the case.
	"""
	if answer not in ("mine", "not_mine"):
		frappe.throw(_("Choose whether you sent this case."), ConfirmationError)
	if case and frappe.session.user != "Guest":
		member = require_member()
		name = case if isinstance(case, str) and frappe.db.exists("Case", case) else None
		doc = frappe.get_doc("Case", name) if name else None
		if not doc or not awaiting_confirmation(doc) or doc.raised_by.lower() != login_address():
			raise frappe.PermissionError(_("This case is not waiting for your answer."))
		how = _("logged in to the member portal")
	else:
		name = (
			frappe.db.get_value("Case", {"tracking_key": key}, "name")
			if isinstance(key, str) and len(key) >= 20
			else None
		)
		doc = frappe.get_doc("Case", name) if name else None
		if not doc or not confirmation_matches(doc, confirm):
			frappe.throw(
				_("This link is not valid. Open the whole link from the email."), frappe.PermissionError
			)
		if not awaiting_confirmation(doc):
			frappe.throw(_("This case has already been answered. Thank you."), ConfirmationError)
		member = member_of_address(doc.raised_by)
		how = _("through the link mailed to that address")
	address = doc.raised_by
	if answer == "not_mine":
		doc.db_set({"email_confirmation": DISOWNED, "raised_by": None, "complainant_email": None})
		doc.add_comment(
			"Info",
			_(
				"The owner of {0} says they did not send this case ({1}); the address has been taken off it."
			).format(escape_html(address), how),
		)
		return {"status": DISOWNED}
	if not member:
		doc.db_set({"email_confirmation": CONFIRMED, "complainant_email": address})
		doc.add_comment(
			"Info", _("The sender confirmed the email address {0} ({1}).").format(escape_html(address), how)
		)
		return {"status": CONFIRMED, "tracking_url": tracking_url(doc.tracking_key)}
	doc.update(
		{
			"complainant": member,
			"is_non_member": 0,
			"email_confirmation": CONFIRMED,
			"tracking_key": new_tracking_key(),  # the link shown on the screen that sent it stops working
		}
	)
	doc.flags.ignore_permissions = True
	doc.save()
	doc.add_comment(
		"Info",
		_("Member {0} confirmed that they sent this case ({1}).").format(escape_html(member), how),
	)
	send_tracking_mail(doc)
	return {
		"status": CONFIRMED,
		"tracking_url": tracking_url(doc.tracking_key),
		"portal": f"/my-cases/{doc.name}",
	}


def login_address() -> str:
	"""The address the logged-in user signs in with (proved by the link that set their password)."""
	return (frappe.db.get_value("User", frappe.session.user, "email") or frappe.session.user).lower()


def cases_awaiting_member() -> list[dict]:
	"""Guests' cases sent with the logged-in member's login address, for them to confirm or refuse."""
	return frappe.get_all(
		"Case",
		filters={
			"raised_by": login_address(),
			"email_confirmation": UNCONFIRMED,
			"complainant": ("is", "not set"),
			"merged_into": ("is", "not set"),
		},
		fields=["name", "title", "opening_date"],
		order_by="creation desc",
		limit_page_length=20,
	)


# ---- the member's own cases


def own_case(name: str | None):
	"""The case, if it is the logged-in member's; a PermissionError otherwise (same for a missing case)."""
	member = require_member()
	if not name or not isinstance(name, str) or frappe.db.get_value("Case", name, "complainant") != member:
		raise frappe.PermissionError(_("This is not one of your cases."))
	return frappe.get_doc("Case", name)


@frappe.whitelist(methods=["POST"])
@rate_limit(limit=30, seconds=60)
def reply(case: str | None = None, message: str | None = None) -> dict:
	"""The member's message on their case, with private attachments; the handler is told in the desk."""
	doc = own_case(case)
	if doc.workflow_state in ("Closed",) or doc.merged_into:
		frappe.throw(_("This case is closed. Bring a new complaint if you need the union again."))
	checks = FieldChecks()
	message = checks.text("message", message, _("Message"), max_length=STORY_LENGTH, multiline=True)
	if not message and "message" not in checks.errors:
		checks.fail("message", _("Write a message."))
	files = _uploaded_files(checks)
	if checks.errors:
		return checks.respond()
	member = frappe.db.get_value("Member", doc.complainant, ["full_name", "email"], as_dict=True)
	content = escape_html(message).replace("\n", "<br>")
	if files:
		content += "<p>" + _("Attached: {0}").format(", ".join(escape_html(n) for n, _c in files)) + "</p>"
		_attach(doc, files, _("Sent by the member with a message"))
		doc.save(ignore_permissions=True)
	communication = frappe.get_doc(
		{
			"doctype": "Communication",
			"communication_type": "Communication",
			"communication_medium": "Other",
			"sent_or_received": "Received",
			"subject": _("Message from the member on {0}").format(doc.name),
			"content": content,
			"sender": member.email or frappe.session.user,
			"sender_full_name": member.full_name,
			"reference_doctype": "Case",
			"reference_name": doc.name,
		}
	)
	communication.insert(ignore_permissions=True)
	tell_staff(doc, _("{0} wrote on case {1}").format(member.full_name, doc.name))
	return {"communication": communication.name}


def tell_staff(case, subject: str):
	"""A desk notification to the case's handler and assignees: only those who may open the case."""
	from frappe.desk.doctype.notification_log.notification_log import enqueue_create_notification

	users = set(filter(None, [case.handler])) | set(case.get_assigned_users() or [])
	users = sorted(u for u in users if frappe.has_permission("Case", "read", doc=case, user=u))
	if users:
		enqueue_create_notification(
			users,
			{
				"type": "Alert",
				"document_type": "Case",
				"document_name": case.name,
				"subject": subject,
				"from_user": frappe.session.user,
			},
		)


@frappe.whitelist(methods=["POST"])
def rate_case(case: str | None = None, rating: str | int | None = None, comment: str | None = None) -> dict:
	"""The member's rating (1–5) of the handling of a closed case, once."""
	doc = own_case(case)
	if doc.workflow_state != "Closed":
		frappe.throw(_("You can rate the handling once the case is closed."))
	if doc.rated_on:
		frappe.throw(_("You have already rated this case. Thank you."))
	checks = FieldChecks()
	stars = str(rating).strip() if isinstance(rating, int | str) and not isinstance(rating, bool) else ""
	if stars not in ("1", "2", "3", "4", "5"):
		checks.fail("rating", _("Choose from 1 to 5 stars."))
	comment = checks.text("comment", comment, _("Comment"), max_length=1000, multiline=True)
	if checks.errors:
		return checks.respond()
	doc.db_set({"handling_rating": int(stars) / 5, "rating_comment": comment, "rated_on": now_datetime()})
	doc.add_comment("Info", _("The member rated the handling {0} of 5").format(stars))
	return {"rating": int(stars)}


@frappe.whitelist(methods=["POST"])
@rate_limit(limit=10, seconds=60)
def request_profile_change(
	mobile_no: str | None = None,
	email: str | None = None,
	address: str | None = None,
	employer: str | None = None,
	workplace_unit: str | None = None,
	job_title: str | None = None,
	note: str | None = None,
) -> dict:
	"""A request to change the member's own details; an operator approves it in the desk."""
	member = require_member()
	checks = FieldChecks()
	values = {
		"mobile_no": checks.phone("mobile_no", mobile_no, _("Mobile No.")),
		"email": checks.email("email", email, _("Email")),
		"address": checks.text("address", address, _("Address"), max_length=NOTE_LENGTH, multiline=True),
		"employer": checks.link("employer", "Employer", employer, _("Employer")),
		"workplace_unit": checks.text("workplace_unit", workplace_unit, _("Workplace Unit")),
		"job_title": checks.text("job_title", job_title, _("Job Title")),
		"note": checks.text("note", note, _("Note for the operator"), max_length=NOTE_LENGTH, multiline=True),
	}
	if not checks.errors and not any(v for f, v in values.items() if f != "note"):
		checks.fail("mobile_no", _("Fill in at least one detail to change."))
	if checks.errors:
		return checks.respond()
	request = frappe.get_doc({"doctype": "Member Change Request", "member": member, **values})
	request.insert(ignore_permissions=True)
	return {"name": request.name}


@frappe.whitelist(allow_guest=True, xss_safe=True, methods=["GET"])
def download(file: str | None = None, key: str | None = None):
	"""A file the complainant sent on their case: for the member who brought it, or with the tracking key."""
	from union_cases.portal import case_files

	case_name = (
		frappe.db.get_value("File", {"file_url": file, "attached_to_doctype": "Case"}, "attached_to_name")
		if isinstance(file, str) and file
		else None
	)
	case = frappe.get_doc("Case", case_name) if case_name else None
	if case and key:
		allowed = case.tracking_key == key
	elif case:
		allowed = case.complainant == require_member()
	else:
		allowed = False
	if not allowed or file not in {f["url"] for f in case_files(case)}:
		raise frappe.PermissionError(_("File not found."))
	doc = frappe.get_doc(
		"File", {"file_url": file, "attached_to_doctype": "Case", "attached_to_name": case.name}
	)
	frappe.local.response.filename = doc.file_name
	frappe.local.response.filecontent = doc.get_content()
	frappe.local.response.type = "download"


# ---- the tracking link


@frappe.whitelist(allow_guest=True, xss_safe=True, methods=["POST"])
@rate_limit(limit=10, seconds=60)
def answer_application(key: str | None = None, message: str | None = None) -> dict:
	"""The applicant's answer to a request for information; the application goes back to review."""
	name = (
		frappe.db.get_value("Membership Application", {"tracking_key": key}, "name")
		if isinstance(key, str) and len(key) >= 20
		else None
	)
	if not name:
		raise frappe.PermissionError(_("This tracking link is not valid."))
	application = frappe.get_doc("Membership Application", name)
	if application.workflow_state != "Needs Information":
		frappe.throw(_("Your application is not waiting for information."))
	checks = FieldChecks()
	answer = checks.text("message", message, _("Your answer"), max_length=NOTE_LENGTH, multiline=True)
	if not answer and "message" not in checks.errors:
		checks.fail("message", _("Write your answer."))
	if checks.errors:
		return checks.respond()
	# the answer itself moves the application back to review (the applicant holds no workflow role);
	# db_set skips Document.save's sanitising, so the answer is plain text already
	application.db_set({"applicant_reply": answer, "workflow_state": "Pending"}, notify=True)
	application.add_comment("Info", _("The applicant answered: {0}").format(escape_html(answer)))
	return {"status": application.workflow_state}


# ---- the membership form (Frappe's web form)


@frappe.whitelist(allow_guest=True, xss_safe=True, methods=["POST"])
def accept_web_form(web_form: str | None = None, data: str | dict | None = None, for_payment=None):
	"""Frappe's web form `accept`, with the membership form's fields checked first, one by one.

	Frappe checks links, lengths and dates only while saving, and answers a bad one with its raw error (a
	list where text belongs, or an address longer than its column, ends in a server error). Here every
	field is checked before Frappe sees it; the messages come back under `field_errors` (and in the dialog)
	and nothing is saved. Other web forms only get the check that `data` is a form at all.
	"""
	from frappe.website.doctype.web_form.web_form import accept

	try:
		values = json.loads(data) if isinstance(data, str) else data
	except ValueError:
		values = None
	if not isinstance(values, dict) or not isinstance(web_form, str):
		frappe.local.flags.disable_traceback = True
		frappe.throw(_("The form could not be read. Reload the page and send it again."), PublicFormError)
	if web_form == MEMBERSHIP_WEB_FORM:
		from union_cases.membership.doctype.membership_application.membership_application import (
			check_public_form,
		)

		values = check_public_form(values)
	try:
		return accept(web_form=web_form, data=json.dumps(values, default=str))
	except DuplicateNIKError as e:
		# found only while saving (it needs the database): under the NIK too
		frappe.local.response["field_errors"] = {"nik": plain_text(str(e))}
		frappe.local.flags.disable_traceback = True
		raise
