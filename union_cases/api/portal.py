"""Endpoints of the public forms and the member portal.

Guests reach only what a public form needs (field checks, sending a complaint, the tracking link).
Members reach only their own member record and cases: every endpoint looks the record up through the
logged-in user's Member, never through a name the caller sends alone.
"""

import os

import frappe
from frappe import _
from frappe.rate_limiter import rate_limit
from frappe.utils import cint, escape_html, getdate, now_datetime, strip_html, today

from union_cases.identity import normalise_mobile, validate_nik
from union_cases.organization.doctype.federation.federation import validate_local_union
from union_cases.portal import (
	check_submission_rate,
	current_member,
	new_tracking_key,
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


# ---- public choices and checks


def field_error(errors: dict, fieldname: str, check):
	"""Run one field's check; on a validation error keep its message under the fieldname, shown nowhere
	else. Returns what the check returned (None on an error)."""
	try:
		return check()
	except frappe.ValidationError as e:
		errors[fieldname] = strip_html(str(e))
	finally:
		frappe.clear_messages()


@frappe.whitelist(allow_guest=True, methods=["POST"])
@rate_limit(limit=60, seconds=60)
def check_application(
	nik: str | None = None,
	gender: str | None = None,
	date_of_birth: str | None = None,
	mobile_no: str | None = None,
	local_union: str | None = None,
) -> dict:
	"""Check the fields of the membership form one by one; return {fieldname: message} for the bad ones."""
	errors = {}
	if nik:
		field_error(errors, "nik", lambda: validate_nik(nik, gender, date_of_birth or None))
	if mobile_no:
		field_error(errors, "mobile_no", lambda: normalise_mobile(mobile_no, _("Mobile No.")))
	if local_union:
		field_error(errors, "local_union", lambda: validate_local_union(local_union))
	if date_of_birth and getdate(date_of_birth) > getdate(today()):
		errors["date_of_birth"] = _("Date of Birth cannot be in the future.")
	return errors


# ---- complaints and aspirations


def _max_upload_bytes() -> int:
	return int(frappe.conf.get("union_cases_max_upload_mb") or DEFAULT_MAX_UPLOAD_MB) * 1024 * 1024


def _uploaded_files() -> list:
	"""The files of a multipart request, checked for count, type and size before anything is saved."""
	files = frappe.request.files.getlist("files") if frappe.request and frappe.request.files else []
	files = [f for f in files if f and f.filename]
	if len(files) > MAX_FILES:
		frappe.throw(_("Send at most {0} files at a time.").format(MAX_FILES), title=_("Too many files"))
	checked = []
	for f in files:
		extension = os.path.splitext(f.filename)[1].lower().lstrip(".")
		if extension not in EVIDENCE_EXTENSIONS:
			frappe.throw(
				_(
					"{0}: this kind of file cannot be sent. Send photos, PDF or Word documents or voice notes ({1})."
				).format(escape_html(f.filename), ", ".join(sorted(EVIDENCE_EXTENSIONS))),
				title=_("File not accepted"),
			)
		content = f.stream.read()
		if len(content) > _max_upload_bytes():
			frappe.throw(
				_("{0} is larger than {1} MB.").format(
					escape_html(f.filename), _max_upload_bytes() // 1024 // 1024
				),
				title=_("File too large"),
			)
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


@frappe.whitelist(allow_guest=True, methods=["POST"])
@rate_limit(limit=10, seconds=60)
def submit_complaint(
	title: str,
	description: str,
	case_type: str = "Complaint",
	category: str | None = None,
	incident_date: str | None = None,
	confidential: int = 0,
	employer: str | None = None,
	employer_name_given: str | None = None,
	contact_name: str | None = None,
	contact_phone: str | None = None,
	email: str | None = None,
	federation: str | None = None,
	language: str | None = None,
) -> dict:
	"""A complaint or aspiration from the portal (a member) or the public form (anyone): a New case.

	The member is taken from the session, never from the request. Returns the tracking number and link.
	"""
	member = current_member()
	if not member:
		check_submission_rate("complaint")
	errors = {}
	if not (title or "").strip():
		errors["title"] = _("Say in a few words what the complaint is about.")
	if not strip_html(description or "").strip():
		errors["description"] = _("Tell us what happened.")
	if case_type not in ("Complaint", "Aspiration"):
		errors["case_type"] = _("Choose a complaint or an aspiration.")
	if incident_date and getdate(incident_date) > getdate(today()):
		errors["incident_date"] = _("The date cannot be in the future.")
	if not member:
		if not (contact_name or "").strip():
			errors["contact_name"] = _("Tell us your name, so that the union can answer you.")
		if not (email or "").strip() and not (contact_phone or "").strip():
			errors["email"] = _("Give an email address or a phone number.")
		if email and not frappe.utils.validate_email_address(email.strip()):
			errors["email"] = _("{0} is not an email address.").format(escape_html(email))
		if contact_phone:
			contact_phone = field_error(
				errors, "contact_phone", lambda: normalise_mobile(contact_phone, _("Phone"))
			)
	if errors:
		frappe.local.response["http_status_code"] = 417
		return {"errors": errors}
	files = _uploaded_files()

	case = frappe.new_doc("Case")
	case.update(
		{
			"title": title.strip()[:140],
			"description": escape_html(description).replace("\n", "<br>"),
			"case_type": case_type,
			"category": category or UNCLASSIFIED_CATEGORY,
			"incident_date": incident_date or None,
			"confidential": cint(confidential),
			"tracking_key": new_tracking_key(),
			"channel": "Member Portal" if member else "Public Form",
		}
	)
	if member:
		case.complainant = member
		case.employer = employer or None
	else:
		case.update(
			{
				"is_non_member": 1,
				"contact_name": contact_name.strip(),
				"contact_phone": contact_phone,
				"raised_by": (email or "").strip().lower() or None,
				"complainant_email": (email or "").strip().lower() or None,
				"employer": employer or None,
				"employer_name_given": (employer_name_given or "").strip() or None,
				"federation": federation or None,
				"complainant_language": language or frappe.local.lang or "id",
			}
		)
	case.flags.ignore_permissions = True
	case.insert()
	if files:
		_attach(case, files, _("Sent with the complaint"))
		case.save(ignore_permissions=True)
	send_tracking_mail(case)
	return {"name": case.name, "tracking_url": tracking_url(case.tracking_key)}


def send_tracking_mail(case):
	email = case.complainant_email or case.raised_by
	if not email:
		return
	lang = case.complainant_language or "id"
	send_paragraphs(
		email,
		_("We have received your case {0}", lang=lang).format(case.name),
		[
			_('Thank you. The union has received your submission "{0}".', lang=lang).format(
				escape_html(case.title)
			),
			_(
				"Your tracking number is {0}. Follow your case with this link (keep it to yourself):",
				lang=lang,
			).format(f"<b>{case.name}</b>"),
		],
		case,
		tracking_url(case.tracking_key),
	)


# ---- the member's own cases


def own_case(name: str):
	"""The case, if it is the logged-in member's; a PermissionError otherwise (same for a missing case)."""
	member = require_member()
	if not name or frappe.db.get_value("Case", name, "complainant") != member:
		raise frappe.PermissionError(_("This is not one of your cases."))
	return frappe.get_doc("Case", name)


@frappe.whitelist(methods=["POST"])
@rate_limit(limit=30, seconds=60)
def reply(case: str, message: str) -> dict:
	"""The member's message on their case, with private attachments; the handler is told in the desk."""
	doc = own_case(case)
	if doc.workflow_state in ("Closed",) or doc.merged_into:
		frappe.throw(_("This case is closed. Bring a new complaint if you need the union again."))
	if not strip_html(message or "").strip():
		frappe.throw(_("Write a message."), title=_("Empty message"))
	files = _uploaded_files()
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
	from frappe.desk.doctype.notification_log.notification_log import enqueue_create_notification

	users = set(filter(None, [case.handler])) | set(case.get_assigned_users() or [])
	if users:
		enqueue_create_notification(
			list(users),
			{
				"type": "Alert",
				"document_type": "Case",
				"document_name": case.name,
				"subject": subject,
				"from_user": frappe.session.user,
			},
		)


@frappe.whitelist(methods=["POST"])
def rate_case(case: str, rating: int, comment: str | None = None) -> dict:
	"""The member's rating (1–5) of the handling of a closed case, once."""
	doc = own_case(case)
	rating = cint(rating)
	if doc.workflow_state != "Closed":
		frappe.throw(_("You can rate the handling once the case is closed."))
	if doc.rated_on:
		frappe.throw(_("You have already rated this case. Thank you."))
	if not 1 <= rating <= 5:
		frappe.throw(_("Choose from 1 to 5 stars."), title=_("Rating"))
	doc.db_set(
		{
			"handling_rating": rating / 5,
			"rating_comment": (comment or "").strip()[:1000] or None,
			"rated_on": now_datetime(),
		}
	)
	doc.add_comment("Info", _("The member rated the handling {0} of 5").format(rating))
	return {"rating": rating}


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
	request = frappe.get_doc(
		{
			"doctype": "Member Change Request",
			"member": member,
			"mobile_no": mobile_no or None,
			"email": email or None,
			"address": address or None,
			"employer": employer or None,
			"workplace_unit": workplace_unit or None,
			"job_title": job_title or None,
			"note": note or None,
		}
	)
	request.insert(ignore_permissions=True)
	return {"name": request.name}


@frappe.whitelist(allow_guest=True, methods=["GET"])
def download(file: str, key: str | None = None):
	"""A file the complainant sent on their case: for the member who brought it, or with the tracking key."""
	from union_cases.portal import case_files

	case_name = frappe.db.get_value(
		"File", {"file_url": file, "attached_to_doctype": "Case"}, "attached_to_name"
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


@frappe.whitelist(allow_guest=True, methods=["POST"])
@rate_limit(limit=10, seconds=60)
def answer_application(key: str, message: str) -> dict:
	"""The applicant's answer to a request for information; the application goes back to review."""
	name = (
		frappe.db.get_value("Membership Application", {"tracking_key": key or "-"}, "name") if key else None
	)
	if not name:
		raise frappe.PermissionError(_("This tracking link is not valid."))
	application = frappe.get_doc("Membership Application", name)
	if application.workflow_state != "Needs Information":
		frappe.throw(_("Your application is not waiting for information."))
	if not (message or "").strip():
		frappe.throw(_("Write your answer."))
	# the answer itself moves the application back to review (the applicant holds no workflow role)
	application.db_set({"applicant_reply": message.strip()[:2000], "workflow_state": "Pending"}, notify=True)
	application.add_comment(
		"Info", _("The applicant answered: {0}").format(escape_html(application.applicant_reply))
	)
	return {"status": application.workflow_state}
