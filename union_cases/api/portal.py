"""Endpoints of the public forms and the member portal.

Guests reach only what a public form needs (field checks, sending a complaint or an application, the
tracking link). Members reach only their own member record and cases: every endpoint looks the record up
through the logged-in user's Member, never through a name the caller sends alone.

Whatever a person types is checked field by field (a message under each field, HTTP 417, nothing saved)
and kept as plain text; files are checked for what they contain (`union_cases.utils.files`). The guest
endpoints are `xss_safe`: Frappe would otherwise run its HTML sanitiser over every argument first, which
turns "<b>" into "&lt;b&gt;" text; here each field is made plain text by `FieldChecks` instead.
"""

import json

import frappe
from frappe import _
from frappe.rate_limiter import rate_limit
from frappe.utils import escape_html, now_datetime

from union_cases.exceptions import ConfirmationError, DuplicateNIKError, PublicFormError
from union_cases.organization.tree import validate_local_union
from union_cases.portal.context import case_files, current_member, member_case, member_only, require_member
from union_cases.portal.submissions import (
	answer_confirmation,
	attach_files,
	awaiting_confirmation,
	employer_matches,
	file_complaint,
	login_address,
	member_of_address,
	send_tracking_mail,
	tell_staff,
	uploaded_files,
)
from union_cases.utils.checks import NOTE_LENGTH, STORY_LENGTH, FieldChecks, plain_text
from union_cases.utils.identity import email_key, validate_nik
from union_cases.utils.tracking import check_submission_rate, confirmation_matches, tracking_url

MEMBERSHIP_WEB_FORM = "membership-application"


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


@frappe.whitelist(allow_guest=True, methods=["GET"])
@rate_limit(limit=120, seconds=60)
def search_employers(txt: str | None = None, federation: str | None = None) -> list[str]:
	"""The employers a worker may mean, for the portal's employer field: at most 10, matched on the name
	or the town, those of the member's (or the chosen sector's) own first. A union has tens of thousands
	of employers: the pages never list them all."""
	return employer_matches(txt, federation)


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
	files = uploaded_files(checks)
	if checks.errors:
		return checks.respond()

	case = file_complaint(values, member, files, language)
	send_tracking_mail(case)
	# the same answer whether or not the address is a member's: a guest learns nothing about members
	return {"name": case.name, "tracking_url": tracking_url(case.tracking_key)}


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
		if not doc or not awaiting_confirmation(doc) or email_key(doc.raised_by) != login_address():
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
	return answer_confirmation(doc, answer, member, how)


# ---- the member's own cases


@frappe.whitelist(methods=["POST"])
@rate_limit(limit=30, seconds=60)
@member_only
def reply(case: str | None = None, message: str | None = None) -> dict:
	"""The member's message on their case, with private attachments; the handler is told in the desk."""
	doc = member_case(case)
	if not doc:
		raise frappe.PermissionError(_("This is not one of your cases."))
	if doc.workflow_state in ("Closed",) or doc.merged_into:
		frappe.throw(_("This case is closed. Bring a new complaint if you need the union again."))
	checks = FieldChecks()
	message = checks.text("message", message, _("Message"), max_length=STORY_LENGTH, multiline=True)
	if not message and "message" not in checks.errors:
		checks.fail("message", _("Write a message."))
	files = uploaded_files(checks)
	if checks.errors:
		return checks.respond()
	member = frappe.db.get_value("Member", doc.complainant, ["full_name", "email"], as_dict=True)
	content = escape_html(message).replace("\n", "<br>")
	if files:
		content += "<p>" + _("Attached: {0}").format(", ".join(escape_html(n) for n, _c in files)) + "</p>"
		attach_files(doc, files, _("Sent by the member with a message"))
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


@frappe.whitelist(methods=["POST"])
@member_only
def rate_case(case: str | None = None, rating: str | int | None = None, comment: str | None = None) -> dict:
	"""The member's rating (1–5) of the handling of a closed case, once."""
	doc = member_case(case)
	if not doc:
		raise frappe.PermissionError(_("This is not one of your cases."))
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
@member_only
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
	# the same picture sent on two cases is one file on disk with a File record on each case
	attached_to = (
		frappe.get_all(
			"File", filters={"file_url": file, "attached_to_doctype": "Case"}, pluck="attached_to_name"
		)
		if isinstance(file, str) and file
		else []
	)
	case = None
	for name in attached_to:
		doc = frappe.get_doc("Case", name)
		if (doc.tracking_key == key) if key else member_case(name):
			case = doc
			break
	if not case or file not in {f["url"] for f in case_files(case)}:
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
