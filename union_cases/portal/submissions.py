"""The services behind the public forms and the member portal: complaints filed, files checked and
attached, guests' addresses confirmed, staff told of a member's message.

Endpoints (`union_cases.api.portal`) check what was typed and call these; nothing here reads the request
except `uploaded_files`.
"""

import re

import frappe
from frappe import _
from frappe.utils import escape_html, today

from union_cases.constants import UNCLASSIFIED_CATEGORY
from union_cases.exceptions import UploadRejectedError
from union_cases.organization.tree import sector_federation_of
from union_cases.portal.context import current_member
from union_cases.utils.checks import DATA_LENGTH, FieldChecks, plain_text
from union_cases.utils.files import MAX_FILES, check_upload, max_upload_bytes, save_private_file
from union_cases.utils.identity import email_key
from union_cases.utils.mail import send_paragraphs
from union_cases.utils.tracking import confirmation_code, new_tracking_key, tracking_url

# Evidence members and workers may upload: photos, documents, voice notes (sizes: utils.files).
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
# A guest's case whose email address its owner has not yet confirmed (Case.email_confirmation)
UNCONFIRMED, CONFIRMED, DISOWNED = "Unconfirmed", "Confirmed", "Disowned"


def uploaded_files(checks: FieldChecks, fieldname: str = "files") -> list:
	"""The files of a multipart request, checked for count, kind, size and content before anything is
	saved; what is wrong goes under the field."""
	files = frappe.request.files.getlist(fieldname) if frappe.request and frappe.request.files else []
	files = [f for f in files if f and f.filename]
	if len(files) > MAX_FILES:
		checks.fail(fieldname, _("Send at most {0} files at a time.").format(MAX_FILES))
		return []
	checked = []
	for f in files:
		content = f.stream.read(max_upload_bytes() + 1)
		try:
			check_upload(f.filename, content, EVIDENCE_EXTENSIONS, max_upload_bytes())
		except UploadRejectedError as e:
			checks.fail(fieldname, str(e))
			frappe.clear_messages()
			continue
		checked.append((f.filename, content))
	return checked


def attach_files(case, files: list, description: str):
	"""Save files privately on the case and list them as its evidence."""
	for filename, content in files:
		url = save_private_file(case, file_name=filename, content=content)
		case.append("evidence", {"description": description[:140], "file": url, "evidence_date": today()})


def file_complaint(values: dict, member: str | None, files: list, language=None):
	"""The New case of a checked complaint: the member's own (from the portal), or a guest's."""
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
				"complainant_language": chosen_language(language),
			}
		)
	case.flags.ignore_permissions = True
	case.insert()
	if files:
		attach_files(case, files, _("Sent with the complaint"))
		case.save(ignore_permissions=True)
	return case


def chosen_language(language) -> str:
	"""The language a guest chose on the form, if the site has it; else the request's."""
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


def login_address() -> str:
	"""The address the logged-in user signs in with (proved by the link that set their password)."""
	return email_key(frappe.db.get_value("User", frappe.session.user, "email") or frappe.session.user)


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


def answer_confirmation(doc, answer: str, member: str | None, how: str) -> dict:
	"""The owner of a guest's case's address answered ("mine" or "not_mine"; `how` says how they proved
	the address is theirs). "mine": a member's address makes it the member's case (a new tracking link
	goes to them, the old one stops working); anyone else's address is confirmed. "not_mine": the
	address is taken off the case."""
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


EMPLOYER_MATCHES = 10


def employer_matches(txt, federation=None, limit: int = EMPLOYER_MATCHES) -> list[str]:
	"""Active employers whose name (or town) holds `txt`; those of the logged-in member's sector (or of
	the sector of `federation`, on the public form) come first."""
	# the worker's text is matched as text: the pattern characters of LIKE are taken out
	txt = (
		" ".join(re.sub(r"[%_\\\\]", " ", plain_text(txt)).split())[:DATA_LENGTH]
		if isinstance(txt, str)
		else ""
	)
	if len(txt) < 2:
		return []
	like = f"%{txt}%"
	sector = None
	member = current_member()
	if member:
		sector = frappe.db.get_value(
			"Federation", frappe.db.get_value("Member", member, "federation"), "sector"
		)
	elif isinstance(federation, str) and federation and frappe.db.exists("Federation", federation):
		# the sector chosen on the public form, or the local union chosen on the membership form
		sector = frappe.db.get_value("Federation", sector_federation_of(federation), "sector")
	found: list[str] = []
	for filters in ([{"sector": sector}] if sector else []) + [{}]:
		found += [
			name
			for name in frappe.get_all(
				"Employer",
				filters={"is_active": 1, "name": ("not in", found or [""]), **filters},
				or_filters={"employer_name": ("like", like), "city": ("like", like)},
				pluck="name",
				order_by="name",
				limit_page_length=limit - len(found),
			)
		]
		if len(found) >= limit:
			break
	return found
