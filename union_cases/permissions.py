"""Who sees what, in one place.

Scoping by the organisation tree is Frappe's own: staff get a User Permission on a Federation node
(applied to its descendants), and every doctype with a Link to Federation is filtered by it. This
module adds what User Permissions cannot say, each rule written once as an SQL condition and used
twice: as `permission_query_conditions` (lists, reports, counts, link searches, exports) and, through
`_has_permission`, as the `has_permission` check of a single document (form, print, API, files).
Because both run the very same condition, a list never shows what the form refuses, or the reverse.

- Cases without a local union (a non-member's complaint) are seen by staff of the federation named on
  the case, or, with neither, by staff scoped to a whole confederation and by unscoped staff.
- Confidential cases are seen only by their handlers (the legal advisor, anyone assigned, whoever
  registered the case) and by holders of the Gender Focal Point role.
- Referrals follow their case; a referral partner's people see only what was sent to their organisation.
- Members are scoped by Frappe's User Permission on their local union; the condition here only restates
  it on the member's federation (derived from the local union), which an index can answer: at a
  national union's size the list count of a federation's operator otherwise reads every member.
"""

import frappe

from union_cases.organization.doctype.federation.federation import get_federation_of

GENDER_FOCAL_POINT = "Gender Focal Point"
REFERRAL_PARTNER = "Referral Partner"
STAFF_ROLES = {
	"Case Operator",
	"Legal Advisor",
	"Federation Officer",
	"Union Administrator",
	"System Manager",
}
UNRESTRICTED_USERS = ("Administrator",)


def grant(user: str, allow: str, value: str):
	"""Give a user a User Permission (all doctypes; a tree node's descendants included), once."""
	if not frappe.db.exists("User Permission", {"user": user, "allow": allow, "for_value": value}):
		frappe.get_doc(
			{
				"doctype": "User Permission",
				"user": user,
				"allow": allow,
				"for_value": value,
				"apply_to_all_doctypes": 1,
			}
		).insert(ignore_permissions=True)


def allowed_nodes(user: str, doctype: str = "Case") -> list[str] | None:
	"""The Federation nodes the user is scoped to (descendants included); None when not scoped."""
	permissions = frappe.permissions.get_user_permissions(user).get("Federation")
	if not permissions:
		return None
	return sorted(
		{perm.doc for perm in permissions if not perm.applicable_for or perm.applicable_for == doctype}
	)


def sees_whole_confederation(nodes: list[str]) -> bool:
	return bool(nodes) and bool(
		frappe.db.exists("Federation", {"name": ("in", nodes), "level": "Confederation"})
	)


def sql_list(values) -> str:
	return ", ".join(frappe.db.escape(value) for value in values) or "''"


def case_condition(user: str | None = None) -> str:
	"""The rows of `tabCase` the user may see, beyond Frappe's own role and User Permission checks."""
	user = user or frappe.session.user
	if user in UNRESTRICTED_USERS:
		return ""
	conditions = []
	nodes = allowed_nodes(user)
	if nodes is not None:
		unplaced = "1=1" if sees_whole_confederation(nodes) else "1=0"
		conditions.append(
			f"""(ifnull(`tabCase`.local_union, '') != ''
			or `tabCase`.federation in ({sql_list(nodes)})
			or (ifnull(`tabCase`.federation, '') = '' and {unplaced}))"""
		)
	if GENDER_FOCAL_POINT not in frappe.get_roles(user):
		escaped = frappe.db.escape(user)
		assigned = frappe.db.escape(f'%"{user}"%')
		conditions.append(
			f"""(`tabCase`.confidential = 0
			or `tabCase`.handler = {escaped}
			or `tabCase`.owner = {escaped}
			or `tabCase`._assign like {assigned})"""
		)
	return " and ".join(conditions)


def scope_federations(user: str, doctype: str) -> list[str] | None:
	"""The sector federations at or above the user's Federation User Permissions (the nodes they were
	given, not every descendant); None when one of them is above any federation (a confederation)."""
	federations = set()
	for node, applicable_for in frappe.get_all(
		"User Permission",
		filters={"user": user, "allow": "Federation"},
		fields=["for_value", "applicable_for"],
		as_list=True,
	):
		if applicable_for and applicable_for != doctype:
			continue
		federation = get_federation_of(node)
		if not federation:
			return None
		federations.add(federation)
	return sorted(federations)


def member_condition(user: str | None = None) -> str:
	"""Members of the user's federations, or without one: implied by Frappe's User Permission on the
	local union (a member's federation is the one above their local union, kept so by
	Federation.refresh_federation_below), and answerable from the (federation, local_union) index."""
	user = user or frappe.session.user
	if user in UNRESTRICTED_USERS:
		return ""
	federations = scope_federations(user, "Member")
	if not federations:
		return ""
	column = "`tabMember`.federation"
	return f"({column} in ({sql_list(federations)}) or {column} is null)"


def is_partner_user(user: str) -> bool:
	"""A person at a referral partner: the Referral Partner role and no union staff role."""
	roles = set(frappe.get_roles(user))
	return REFERRAL_PARTNER in roles and not roles & STAFF_ROLES


def referral_condition(user: str | None = None) -> str:
	user = user or frappe.session.user
	if user not in UNRESTRICTED_USERS and is_partner_user(user):
		# only what was sent to their own organisation (their User Permission on Referral Partner)
		partners = [p.doc for p in frappe.permissions.get_user_permissions(user).get("Referral Partner", [])]
		return (
			f"(`tabReferral`.partner in ({sql_list(partners)}) and `tabReferral`.workflow_state != 'Draft')"
		)
	condition = case_condition(user)
	if not condition:
		return ""
	return f"`tabReferral`.case in (select `tabCase`.name from `tabCase` where {condition})"


CONDITIONS = {"Case": case_condition, "Referral": referral_condition, "Member": member_condition}


def case_query(user: str | None = None) -> str:
	return case_condition(user)


def referral_query(user: str | None = None) -> str:
	return referral_condition(user)


def member_query(user: str | None = None) -> str:
	return member_condition(user)


def _has_permission(doctype: str, doc, user: str | None) -> bool | None:
	"""The document-level twin of a query condition: the same SQL, run against this one row."""
	name = doc if isinstance(doc, str) else doc.get("name")
	if not name or (not isinstance(doc, str) and doc.get("__islocal")):
		return None  # a new document: role permissions decide
	condition = CONDITIONS[doctype](user or frappe.session.user)
	if not condition:
		return None
	found = frappe.db.sql(f"select 1 from `tab{doctype}` where name = %s and {condition}", name)
	if not found:
		if not frappe.db.exists(doctype, name):
			return None  # not saved yet (insert in progress)
		return False
	return None


def case_has_permission(doc, ptype=None, user=None, debug=False):
	return _has_permission("Case", doc, user)


def referral_has_permission(doc, ptype=None, user=None, debug=False):
	return _has_permission("Referral", doc, user)


def member_has_permission(doc, ptype=None, user=None, debug=False):
	return _has_permission("Member", doc, user)
