"""A partner's own system posts referral status updates back, with the partner's token."""

import hmac

import frappe
from frappe import _
from frappe.model.workflow import get_workflow, is_transition_condition_satisfied
from frappe.rate_limiter import rate_limit
from frappe.utils.password import get_decrypted_password

from union_cases.exceptions import PartnerTokenError, PartnerTransitionError

REFERRAL_PARTNER = "Referral Partner"


@frappe.whitelist(allow_guest=True, methods=["POST"])
@rate_limit(limit=60, seconds=60)
def partner_update(
	referral: str | None = None,
	status: str | None = None,
	note: str | None = None,
	outcome: str | None = None,
):
	"""Record a partner's update; the request carries the header `X-Partner-Token: <the partner's inbound token>`
	(not `Authorization`, which Frappe reads as its own login token).

	`status` is the referral's new state and must be one the Referral Workflow lets the Referral Partner
	role reach from the current state (Sent > Accepted or Declined, Accepted > In Progress or Returned,
	In Progress > Completed or Returned, as shipped); `note` is added to the updates. A missing, wrong or
	malformed token, an unknown referral, a draft (a partner never sees one) and an inactive partner
	are all the same 403.
	"""
	doc = referral_for_token(referral, frappe.get_request_header("X-Partner-Token"))
	if status and status != doc.workflow_state:
		if status not in partner_next_states(doc):
			frappe.throw(
				_("A referral in state {0} cannot move to {1}.").format(_(doc.workflow_state), _(status)),
				PartnerTransitionError,
			)
		doc.workflow_state = status
		if status in ("Declined", "Returned") and not doc.decline_reason:
			doc.decline_reason = note
	if outcome:
		doc.outcome = outcome
	if note:
		doc.append("updates", {"note": note, "update_by": doc.partner})
	doc.flags.ignore_permissions = True
	user = frappe.session.user
	frappe.set_user("Administrator")  # the token stands for the partner; the workflow needs a role
	try:
		doc.save()
	finally:
		frappe.set_user(user)
	return {"referral": doc.name, "status": doc.workflow_state}


def referral_for_token(referral: str | None, token: str | None):
	"""The referral this token may update, or PartnerTokenError (403) without saying which check failed."""
	row = (
		frappe.db.get_value("Referral", referral, ["name", "partner", "workflow_state"], as_dict=True)
		if isinstance(referral, str) and referral
		else None
	)
	expected = None
	if (
		row
		and row.workflow_state != "Draft"
		and frappe.db.get_value(REFERRAL_PARTNER, row.partner, "is_active")
	):
		expected = get_decrypted_password(
			REFERRAL_PARTNER, row.partner, "inbound_token", raise_exception=False
		)
	if not (expected and same_token(token, expected)):
		frappe.throw(_("Not permitted"), PartnerTokenError)
	return frappe.get_doc("Referral", row.name)


def same_token(given: str | None, expected: str) -> bool:
	"""Constant-time comparison of bytes: a header may hold any characters (hmac refuses non-ASCII str)."""
	given = (given or "").strip()
	if not given:
		return False
	return hmac.compare_digest(given.encode("utf-8", "replace"), expected.encode("utf-8", "replace"))


def partner_next_states(doc) -> set[str]:
	"""The states the Referral Workflow lets the Referral Partner role reach from the referral's state."""
	return {
		t.next_state
		for t in get_workflow("Referral").transitions
		if t.state == doc.workflow_state
		and t.allowed == REFERRAL_PARTNER
		and is_transition_condition_satisfied(t, doc)
	}
