"""Endpoints of the Case form: similar open cases, linking, the rejection reason."""

import frappe
from frappe import _
from frappe.utils import add_days, today

from union_cases.casework.doctype.case.case import category_defaults as defaults_of_category
from union_cases.casework.triage import suggest as triage
from union_cases.constants import CLOSED_STATES, LEGAL_ADVISOR
from union_cases.exceptions import HandlerRequiredError
from union_cases.organization.tree import users_given


@frappe.whitelist(methods=["GET"])
def get_similar_cases(employer: str, category: str, exclude: str | None = None) -> list[dict]:
	"""Open cases of the same employer and category from the last N days (a collective case in the making)."""
	frappe.has_permission("Case", "read", throw=True)
	if not employer or not category:
		return []
	days = frappe.db.get_single_value("Union Cases Settings", "similar_case_days") or 90
	return frappe.get_list(
		"Case",
		filters={
			"employer": employer,
			"category": category,
			"name": ("!=", exclude or ""),
			"workflow_state": ("not in", CLOSED_STATES),
			"opening_date": (">=", add_days(today(), -days)),
			"merged_into": ("is", "not set"),
		},
		fields=["name", "title", "workflow_state", "opening_date", "complainant_name"],
		order_by="opening_date desc",
		limit_page_length=10,
	)


@frappe.whitelist(methods=["GET"])
def category_defaults(category: str, dispute_type: str | None = None) -> dict:
	"""The values the Case form fills in when a category is chosen (the same rule the case saves with)."""
	frappe.has_permission("Case", "create", throw=True)
	if not isinstance(category, str) or not frappe.db.exists("Case Category", category):
		return {}
	return defaults_of_category(frappe.get_cached_doc("Case Category", category), dispute_type)


@frappe.whitelist(methods=["POST"])
def link_cases(case: str, other: str) -> None:
	"""Record two cases as related, on both."""
	docs = [frappe.get_doc("Case", name) for name in (case, other)]
	for doc in docs:
		doc.check_permission("write")
	if case == other:
		frappe.throw(_("A case cannot be related to itself."))
	for doc, related in ((docs[0], other), (docs[1], case)):
		if related not in {row.case for row in doc.related_cases}:
			doc.append("related_cases", {"case": related})
			doc.save()


@frappe.whitelist(methods=["POST"])
def set_rejection_reason(case: str, reason: str) -> None:
	"""Save the reason before the Reject action (the workflow reloads the case from the database)."""
	doc = frappe.get_doc("Case", case)
	doc.check_permission("write")
	if not (reason or "").strip():
		frappe.throw(_("Give the reason for rejecting the case; the member is told it."))
	doc.db_set("rejection_reason", reason.strip())


def eligible_handlers(node: str | None) -> list[str]:
	"""The Legal Advisors who can take a case of this local union: those given one of its nodes (or a
	node above it), and those of the whole union (no node at all)."""
	advisors = frappe.get_all(
		"Has Role", filters={"role": LEGAL_ADVISOR, "parenttype": "User"}, pluck="parent"
	)
	if node and frappe.db.exists("Federation", node):
		advisors = sorted(users_given(node, among=advisors, include_unscoped=True))
	return advisors


@frappe.whitelist()
@frappe.validate_and_sanitize_search_inputs
def search_handlers(doctype, txt, searchfield, start, page_len, filters):
	"""Link search of the case's Legal Advisor: the eligible ones (eligible_handlers)."""
	frappe.has_permission("Case", "read", throw=True)
	filters = frappe._dict(frappe.parse_json(filters) if filters else {})
	advisors = eligible_handlers(filters.local_union or filters.federation)
	return frappe.get_all(
		"User",
		filters={"name": ("in", advisors or [""]), "enabled": 1},
		or_filters=[["name", "like", f"%{txt}%"], ["full_name", "like", f"%{txt}%"]],
		fields=["name", "full_name"],
		order_by="full_name asc",
		limit_start=start,
		limit_page_length=page_len,
		as_list=True,
	)


@frappe.whitelist(methods=["POST"])
def set_handler(case: str, handler: str) -> None:
	"""Record the Legal Advisor chosen in the Accept action's dialog, before the action runs (the
	workflow reloads the case from the database, and the form may be read-only in its state)."""
	doc = frappe.get_doc("Case", case)
	doc.check_permission("write")
	if handler not in eligible_handlers(doc.local_union or doc.federation):
		frappe.throw(
			_("{0} is not a Legal Advisor who may handle cases of {1}.").format(
				frappe.bold(handler), frappe.bold(doc.local_union or doc.federation or "")
			),
			HandlerRequiredError,
			title=_("Legal Advisor required"),
		)
	doc.db_set("handler", handler)


@frappe.whitelist(methods=["POST"])
def invite_to_join(case: str) -> None:
	"""Mail a worker who brought a case as a non-member the link to the membership form."""
	from frappe.utils import escape_html, get_url

	from union_cases.utils.mail import send_paragraphs

	doc = frappe.get_doc("Case", case)
	doc.check_permission("write")
	email = doc.complainant_email or doc.raised_by
	if not doc.is_non_member or not email:
		frappe.throw(_("Only a worker who is not a member, with an email address, can be invited."))
	lang = doc.complainant_language or "id"
	send_paragraphs(
		email,
		_("Join the union", lang=lang),
		[
			_("Dear {0},", lang=lang).format(escape_html(doc.contact_name or "")),
			_(
				"Thank you for bringing your case {0} to the union. Members are represented by the union's legal advisors and have a say in its work. You can apply for membership online:",
				lang=lang,
			).format(doc.name),
		],
		doc,
		get_url("/join"),
	)
	doc.add_comment("Info", _("Invited to join the union"))


@frappe.whitelist(methods=["POST"])
def confirm_category(case: str, category: str) -> str:
	"""The operator's one click on the triage: the case takes the category (suggested or chosen) as
	confirmed; the model learns from it at its next retraining."""
	doc = frappe.get_doc("Case", case)
	doc.check_permission("write")
	if not isinstance(category, str) or not category:
		frappe.throw(_("Choose the category."), frappe.MandatoryError, title=_("Category missing"))
	triage.confirm_category(doc, category)
	return doc.category


@frappe.whitelist(methods=["GET"])
def next_steps(case: str) -> dict:
	"""What the case form shows under the triage: the similar closed cases of its category and employer
	that the user may open, with how they ended."""
	doc = frappe.get_doc("Case", case)
	doc.check_permission("read")
	return {"similar": triage.similar_closed_cases(doc)}


@frappe.whitelist(methods=["POST"])
def retrain_triage() -> None:
	"""An administrator's button on Union Cases Settings: retrain the site's triage model now (in the
	background: on a large site it takes minutes)."""
	frappe.has_permission("Union Cases Settings", "write", throw=True)
	frappe.enqueue(
		"union_cases.casework.triage.train.retrain_now",
		queue="long",
		job_id=f"union_cases:retrain_triage:{frappe.local.site}",
		deduplicate=True,
	)
