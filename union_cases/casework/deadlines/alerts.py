"""The daily deadline job: warn before a legal deadline, flag it when it passes, once each."""

import frappe
from frappe import _
from frappe.desk.doctype.notification_log.notification_log import make_notification_logs
from frappe.utils import formatdate, get_url_to_form, getdate, now_datetime, today

from union_cases.casework.deadlines.calendar import get_holidays, working_days_between
from union_cases.casework.deadlines.compute import is_overdue
from union_cases.constants import CLOSED_STATES, FEDERATION_OFFICER
from union_cases.organization.tree import users_given


def send_deadline_alerts(on_date=None) -> dict:
	"""Refresh days left on every open deadline; warn N working days before and flag overdue ones.

	Overdue is `compute.is_overdue` (from the calendar day after the due date, so a Friday's deadline
	is flagged on the Saturday); the warning comes while it is not overdue yet and at most N working
	days are left. Each deadline row records when its warning and its overdue notice went out, so each
	is sent once. Returns the counts (for the benchmark and the tests).
	"""
	on_date = getdate(on_date or today())
	holidays = get_holidays()
	warning_days = frappe.db.get_single_value("Union Cases Settings", "warning_days") or 0
	case, deadline = frappe.qb.DocType("Case"), frappe.qb.DocType("Case Deadline")
	rows = (
		frappe.qb.from_(deadline)
		.join(case)
		.on(deadline.parent == case.name)
		.select(
			deadline.name,
			deadline.parent,
			case.title,
			deadline.stage,
			deadline.event,
			deadline.due_date,
			deadline.warning_sent_on,
			deadline.overdue_sent_on,
			deadline.days_left,
			deadline.deadline_status,
		)
		.where(deadline.parenttype == "Case")
		.where(deadline.deadline_status.isin(["Open", "Overdue"]))
		.where(case.workflow_state.notin(CLOSED_STATES))
		.run(as_dict=True)
	)
	counts = {"deadlines": len(rows), "warned": 0, "overdue": 0}
	audience = {}  # case -> who is told, looked up once per case and only when someone is told
	left_until = {}  # due date -> working days left (many deadlines share a due date)
	changes = {}  # the new values -> the rows that get them (written together)
	sent_at = now_datetime()

	def told(case: str) -> list[str]:
		if case not in audience:
			audience[case] = recipients_for(case)
		return audience[case]

	for row in rows:
		if not row.due_date:
			continue
		if row.due_date not in left_until:
			left_until[row.due_date] = working_days_between(on_date, row.due_date, holidays)
		days_left = left_until[row.due_date]
		overdue = is_overdue(row.due_date, on_date)
		values = {}
		if days_left != row.days_left:
			values["days_left"] = days_left
		status = "Overdue" if overdue else "Open"
		if status != row.deadline_status:
			values["deadline_status"] = status
		if overdue and not row.overdue_sent_on:
			notify(row, told(row.parent), overdue=True)
			values["overdue_sent_on"] = sent_at
			counts["overdue"] += 1
		elif not overdue and days_left <= warning_days and not row.warning_sent_on:
			notify(row, told(row.parent), overdue=False)
			values["warning_sent_on"] = sent_at
			counts["warned"] += 1
		if values:
			changes.setdefault(tuple(sorted(values.items())), []).append(row.name)
	write_changes("Case Deadline", changes)
	refresh_next_deadlines(on_date, holidays)
	frappe.db.commit()
	return counts


def write_changes(doctype: str, changes: dict[tuple, list[str]], chunk: int = 1000):
	"""Set each group of values on its rows, a thousand rows a statement (modified is left alone).

	The daily job changes the days left of every open deadline each working day: one UPDATE per row
	took minutes at a national union's size, one per group of rows takes seconds.
	"""
	table = frappe.qb.DocType(doctype)
	for values, names in changes.items():
		for start in range(0, len(names), chunk):
			query = frappe.qb.update(table)
			for field, value in values:
				query = query.set(table[field], value)
			query.where(table.name.isin(names[start : start + chunk])).run()
	if doctype == "Case" and changes:
		# what frappe.db.set_value would do: no stale cached copy of a changed case
		keys = [frappe.get_document_cache_key(doctype, name) for names in changes.values() for name in names]
		frappe.cache.delete_value(keys)
		frappe.db.after_commit.add(lambda: frappe.cache.delete_value(keys))


def refresh_next_deadlines(on_date, holidays):
	"""Keep each open case's 'working days left' current for lists and reports."""
	left_until, changes = {}, {}
	for name, due, left in frappe.get_all(
		"Case",
		filters={"next_deadline": ("is", "set"), "workflow_state": ("not in", CLOSED_STATES)},
		fields=["name", "next_deadline", "next_deadline_days_left"],
		as_list=True,
	):
		if due not in left_until:
			left_until[due] = working_days_between(on_date, due, holidays)
		if left_until[due] != left:
			changes.setdefault((("next_deadline_days_left", left_until[due]),), []).append(name)
	write_changes("Case", changes)


def recipients_for(case_name: str) -> list[str]:
	"""The case's handlers (the legal advisor and everyone assigned) and the officers of its federation,
	each only if they may open the case: the warning names it and its title, and a confidential case is
	not for every officer of the federation (`frappe.has_permission`, the same check as the form's)."""
	case = frappe.db.get_value("Case", case_name, ["handler", "_assign", "local_union"], as_dict=True)
	users = set(frappe.parse_json(case._assign or "[]"))
	if case.handler:
		users.add(case.handler)
	if case.local_union:
		scoped = sorted(users_given(case.local_union))
		officers = frappe.get_all(
			"Has Role",
			filters={"role": FEDERATION_OFFICER, "parent": ("in", scoped or [""]), "parenttype": "User"},
			pluck="parent",
		)
		users.update(officers)
	enabled = frappe.get_all(
		"User", filters={"name": ("in", list(users) or [""]), "enabled": 1}, pluck="name"
	)
	doc = frappe.get_doc("Case", case_name)
	return sorted(user for user in enabled if may_read(doc, user))


def may_read(doc, user: str) -> bool:
	"""Whether `user` may open `doc`: roles, User Permissions, shares and the app's rules."""
	return bool(frappe.has_permission(doc.doctype, "read", doc=doc, user=user))


def notify(row, users: list[str], overdue: bool):
	for user in users:
		lang = frappe.db.get_value("User", user, "language") or frappe.db.get_default("lang") or "en"
		if overdue:
			subject = _("Overdue: {0} for case {1}", lang=lang).format(_(row.event, lang=lang), row.parent)
			body = _("The deadline for {0} ({1}) in case {2} ({3}) passed on {4}.", lang=lang)
		else:
			subject = _("Deadline approaching: {0} for case {1}", lang=lang).format(
				_(row.event, lang=lang), row.parent
			)
			body = _("The deadline for {0} ({1}) in case {2} ({3}) falls on {4}.", lang=lang)
		body = body.format(
			_(row.event, lang=lang), _(row.stage, lang=lang), row.parent, row.title, formatdate(row.due_date)
		)
		link = get_url_to_form("Case", row.parent)
		try:
			frappe.sendmail(
				recipients=[user],
				subject=subject,
				message=f'<p>{body}</p><p><a href="{link}">{_("Open the case", lang=lang)}</a></p>',
				reference_doctype="Case",
				reference_name=row.parent,
			)
		except frappe.OutgoingEmailError:
			# no outgoing Email Account yet: the desk notification below still reaches the user
			frappe.clear_last_message()
			frappe.log_error(title=_("Deadline warning not emailed: no outgoing Email Account"))
		make_notification_logs(
			frappe._dict(
				type="Alert",
				document_type="Case",
				document_name=row.parent,
				subject=subject,
				email_content=body,
				from_user="Administrator",
			),
			[user],
		)
