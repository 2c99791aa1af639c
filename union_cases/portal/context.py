"""The member portal's pages and the member's identity: who is asking, their cases, what they read.

Pages (`www/`) and endpoints (`api/portal.py`) check the member the same way: `require_member` (a
PermissionError for anyone else, pages send guests to the login first) and `member_case` (one of the
member's own cases, or nothing: a page then answers 404, an endpoint 403).
"""

import functools

import frappe
from frappe import _
from frappe.utils.html_utils import sanitize_html

from union_cases.utils.identity import email_key
from union_cases.utils.translation import N_


def current_member(user: str | None = None) -> str | None:
	"""The Member record of a logged-in portal user, or None."""
	user = user or frappe.session.user
	if user in ("Guest", None):
		return None
	return frappe.db.get_value("Member", {"user": user}, "name")


def require_member(message: str | None = None) -> str:
	"""The logged-in user's Member record; a PermissionError for anyone else (guests included)."""
	member = current_member()
	if not member:
		frappe.throw(message or _("Log in as a member to use this page."), frappe.PermissionError)
	return member


def member_only(fn):
	"""For an endpoint of the member portal: only a logged-in member may call it (as helpdesk's
	`agent_only`); the endpoint reads the member with `require_member()` or `member_case()`."""

	@functools.wraps(fn)
	def wrapper(*args, **kwargs):
		require_member()
		return fn(*args, **kwargs)

	return wrapper


def member_case(name, member: str | None = None):
	"""The case `name` if it is the member's own (the logged-in member's by default), else None: a case
	of someone else looks exactly like one that does not exist."""
	member = member or require_member()
	if not name or not isinstance(name, str) or frappe.db.get_value("Case", name, "complainant") != member:
		return None
	return frappe.get_doc("Case", name)


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
	email = email_key(email)
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
		mine = email_key(message.sender) == email
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
	if (
		not current_member()
		and frappe.get_cached_value("User", frappe.session.user, "user_type") == "System User"
	):
		# staff and partners who follow a member's link work in the desk: their own profile is there
		frappe.local.flags.redirect_location = (
			f"/app/user/{frappe.session.user}" if path == "/my-profile" else "/app"
		)
		raise frappe.Redirect
	name = require_member(_("This page is for members of the union."))
	context.no_breadcrumbs = True
	context.show_sidebar = False
	context.member = frappe.db.get_value(
		"Member",
		name,
		["name", "full_name", "email", "local_union", "federation", "employer", "status", "join_date"],
		as_dict=True,
	)
	return context.member


LEAN_BASE = "union_cases/templates/union_base.html"


def use_lean_base(context):
	"""Hook (update_website_context): every website page on Frappe's default base is rendered on the
	app's copy of it, which leaves out the inline icon sprites, so a page a worker opens on a phone is
	about 20 KB instead of 340 KB. Pages with a base of their own (sitemap, robots) keep it."""
	if context.get("base_template_path") in (None, "", "templates/base.html"):
		context.base_template_path = LEAN_BASE
