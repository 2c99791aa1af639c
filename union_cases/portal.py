"""What the public forms and the member portal share: tracking keys, submission limits, who is asking."""

import secrets

import frappe
from frappe import _
from frappe.utils import get_url

from union_cases.exceptions import TooManySubmissionsError
from union_cases.translation import N_

# Public submissions (applications, complaints) one address may send per hour; site config can change it.
DEFAULT_SUBMISSIONS_PER_HOUR = 5


def new_tracking_key() -> str:
	"""A secret for the tracking link: 32 URL-safe characters, not derived from anything guessable."""
	return secrets.token_urlsafe(24)


def tracking_url(key: str) -> str:
	return get_url(f"/track?key={key}")


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
				"html": frappe.utils.sanitize_html(message.content or ""),
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
