"""A partner's own system posts referral status updates back, with the partner's token."""

import hmac

import frappe
from frappe import _
from frappe.model.workflow import get_workflow
from frappe.rate_limiter import rate_limit
from frappe.utils.password import get_decrypted_password


@frappe.whitelist(allow_guest=True, methods=["POST"])
@rate_limit(limit=60, seconds=60)
def partner_update(
	referral: str, status: str | None = None, note: str | None = None, outcome: str | None = None
):
	"""Record a partner's update; the request carries the header `X-Partner-Token: <the partner's inbound token>`
	(not `Authorization`, which Frappe reads as its own login token).

	`status` is the referral's new state (Accepted, Declined, In Progress, Completed, Returned) and must
	be a step the Referral Workflow allows from the current state; `note` is added to the updates.
	"""
	doc = frappe.get_doc("Referral", referral) if frappe.db.exists("Referral", referral) else None
	token = (frappe.get_request_header("X-Partner-Token") or "").strip()
	expected = doc and get_decrypted_password(
		"Referral Partner", doc.partner, "inbound_token", raise_exception=False
	)
	if not doc or not expected or not token or not hmac.compare_digest(token, expected):
		frappe.throw(_("Not permitted"), frappe.PermissionError)
	if status and status != doc.workflow_state:
		allowed = {
			t.next_state for t in get_workflow("Referral").transitions if t.state == doc.workflow_state
		}
		if status not in allowed:
			frappe.throw(
				_("A referral in state {0} cannot move to {1}.").format(_(doc.workflow_state), _(status)),
				frappe.ValidationError,
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
