"""Check-off authorisations (KEP.187/MEN/X/2004): who the employer may deduct dues from, and when it ends.

An authorisation is one member's written consent for one employer. Leaving the union (Resigned,
Deceased) or moving to another employer revokes it; the notice to the employer and the matching of a
remittance read only the authorisations active in the month."""

import frappe
from frappe import _
from frappe.utils import get_first_day, get_last_day, getdate, today

ACTIVE = "Active"
REVOKED = "Revoked"
LEFT_STATUSES = ("Resigned", "Deceased")


def month_of(day):
	return get_first_day(getdate(day))


def nodes_under(node: str) -> list[str]:
	"""A Federation node and every node under it."""
	lft, rgt = frappe.db.get_value("Federation", node, ["lft", "rgt"]) or (0, -1)
	return frappe.get_all("Federation", filters={"lft": (">=", lft), "rgt": ("<=", rgt)}, pluck="name")


def revoke(name: str, reason: str, on=None):
	doc = frappe.get_doc("Check-off Authorisation", name)
	doc.status = REVOKED
	doc.revoked_on = on or today()
	doc.revocation_reason = reason
	doc.flags.ignore_permissions = True
	doc.save()


def revoke_on_member_change(member, method=None):
	"""Member on_update: a member who left the union, or moved employer, has no check-off any more."""
	active = frappe.get_all(
		"Check-off Authorisation",
		filters={"member": member.name, "status": ACTIVE},
		fields=["name", "employer"],
	)
	for row in active:
		if member.status in LEFT_STATUSES:
			reason = _("The member left the union ({0}).").format(_(member.status))
		elif row.employer != member.employer:
			reason = _("The member moved to another employer.")
		else:
			continue
		revoke(row.name, reason, on=member.leave_date or today())


def active_in_month(employer: str, federation: str, month) -> list[dict]:
	"""The authorisations for `employer` of members under `federation`, in force at some time in `month`
	(made by its last day, not revoked before its first), one per member, in member order."""
	first, last = get_first_day(getdate(month)), get_last_day(getdate(month))
	auth = frappe.qb.DocType("Check-off Authorisation")
	member = frappe.qb.DocType("Member")
	rows = (
		frappe.qb.from_(auth)
		.join(member)
		.on(member.name == auth.member)
		.select(
			auth.name,
			auth.member,
			member.full_name.as_("member_name"),
			member.nik,
			member.status.as_("member_status"),
			auth.basis,
			auth.amount,
			auth.percentage,
		)
		.where(
			(auth.employer == employer)
			& (member.local_union.isin(nodes_under(federation) or [""]))
			& (auth.authorisation_date <= last)
			& ((auth.status == ACTIVE) | (auth.revoked_on >= first))
		)
		.orderby(member.full_name)
		.orderby(auth.member)
		.run(as_dict=True)
	)
	seen, unique = set(), []
	for row in rows:
		if row.member not in seen:
			seen.add(row.member)
			unique.append(row)
	return unique
