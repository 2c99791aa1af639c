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
- Whatever points at one of the app's records is visible exactly when that record is: the rows of its
  child tables, and the core records that reference a document (File, Comment, Communication, ToDo,
  Tag Link, Version, Notification Log, Document Follow, ... : any doctype with a Dynamic Link). This is
  one rule for every doctype (`reference_query` / `reference_has_permission`, registered for "*").
- Being assigned a confidential case (an open ToDo) lets one see it only when the assignment was made by
  someone who could see the case: a ToDo on an app record can only be made or moved by a user who may
  read that record (`check_todo_reference`).
"""

import frappe
from frappe import _
from frappe.model.db_query import DatabaseQuery
from frappe.model.document import Document

from union_cases.constants import GENDER_FOCAL_POINT, REFERRAL_PARTNER, STAFF_ROLES
from union_cases.organization.tree import sector_federation_of

UNRESTRICTED_USERS = ("Administrator",)


def has_desk_app(user: str | None = None) -> bool:
	"""Whether the app's desk is offered to the user (the apps screen, the landing page after login):
	only to desk users. Frappe sends anyone else to their role's home page (members: /my-cases)."""
	user = user or frappe.session.user
	return user != "Guest" and frappe.get_cached_value("User", user, "user_type") == "System User"


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
		# assigned: an open ToDo (not the `_assign` column, which anyone who may write the case can set)
		conditions.append(
			f"""(`tabCase`.confidential = 0
			or `tabCase`.handler = {escaped}
			or `tabCase`.owner = {escaped}
			or exists (select 1 from `tabToDo` assignment where assignment.reference_type = 'Case'
				and assignment.reference_name = `tabCase`.name and assignment.allocated_to = {escaped}
				and assignment.status = 'Open'))"""
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
		federation = sector_federation_of(node)
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


# the dues records and the column naming the node they belong to (a member's local union, or the
# union an employer's notice, remittance or dues rule is for)
DUES_SCOPE_COLUMNS = {
	"Check-off Authorisation": "local_union",
	"Check-off Notice": "federation",
	"Check-off Remittance": "federation",
	"Dues Rule": "federation",
}


def dues_condition(doctype: str, user: str | None = None) -> str:
	"""Dues records of the nodes the user is given (and those under them): an operator sees the dues of
	their federation only. Restates Frappe's User Permission on the record's own node column."""
	user = user or frappe.session.user
	if user in UNRESTRICTED_USERS:
		return ""
	nodes = allowed_nodes(user, doctype)
	if nodes is None:
		return ""
	return f"`tab{doctype}`.`{DUES_SCOPE_COLUMNS[doctype]}` in ({sql_list(nodes)})"


CONDITIONS = {
	"Case": case_condition,
	"Referral": referral_condition,
	"Member": member_condition,
	**{
		doctype: (lambda user, doctype=doctype: dues_condition(doctype, user))
		for doctype in DUES_SCOPE_COLUMNS
	},
}


def case_query(user: str | None = None) -> str:
	return case_condition(user)


def referral_query(user: str | None = None) -> str:
	return referral_condition(user)


def member_query(user: str | None = None) -> str:
	return member_condition(user)


def dues_query(user: str | None = None, doctype: str | None = None) -> str:
	return dues_condition(doctype, user) if doctype in DUES_SCOPE_COLUMNS else ""


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


def dues_has_permission(doc, ptype=None, user=None, debug=False):
	doctype = doc.doctype if not isinstance(doc, str) else None
	if doctype not in DUES_SCOPE_COLUMNS:
		return None
	return _has_permission(doctype, doc, user)


# ---------------------------------------------------------------- what points at a record

# Core doctypes whose reference to a document is not a Dynamic Link: (doctype field, name field)
REFERENCE_FIELDS = {
	"Access Log": (("export_from", "reference_document"),),
	"Deleted Document": (("deleted_doctype", "deleted_name"),),
	"Email Queue": (("reference_doctype", "reference_name"),),
	"Energy Point Log": (("reference_doctype", "reference_name"),),
	"Error Log": (("reference_doctype", "reference_name"),),
	"File": (("attached_to_doctype", "attached_to_name"),),
	"Milestone": (("reference_type", "reference_name"),),
	"Notification Log": (("document_type", "document_name"),),
	"Version": (("ref_doctype", "docname"),),
}


def guarded_doctypes() -> frozenset[str]:
	"""The app's record doctypes (not child tables, not singles): what points at them is guarded."""

	def load():
		modules = frappe.get_all("Module Def", filters={"app_name": "union_cases"}, pluck="name")
		return frappe.get_all(
			"DocType", filters={"module": ("in", modules), "istable": 0, "issingle": 0}, pluck="name"
		)

	return frozenset(frappe.cache.get_value("union_cases:guarded_doctypes", load) or ())


def reference_pairs(doctype: str) -> tuple[tuple[str, str], ...]:
	"""(doctype field, name field) of each reference a doctype's rows make to another document: the
	parent of a child table's row, every Dynamic Link, and the few core references that are plain fields."""
	if doctype in REFERENCE_FIELDS:
		return REFERENCE_FIELDS[doctype]
	meta = frappe.get_meta(doctype)
	pairs = [("parenttype", "parent")] if meta.istable else []
	pairs += [
		(df.options, df.fieldname) for df in meta.fields if df.fieldtype == "Dynamic Link" and df.options
	]
	return tuple(pairs)


def readable_condition(doctype: str, user: str) -> str | None:
	"""The SQL condition on `tab{doctype}` selecting what the user may read: '' for every row, None for
	none. It is the condition frappe.get_list itself adds (roles, User Permissions, the conditions
	above, shared documents)."""
	query = DatabaseQuery(doctype, user=user)
	try:
		query.check_read_permission(doctype)
		match = query.build_match_conditions()
	except frappe.PermissionError:
		frappe.clear_last_message()
		return None
	# only shared documents (no role permission): build_match_conditions puts that in query.conditions
	conditions = [c for c in (*query.conditions, match) if c]
	return " and ".join(f"({c})" for c in conditions)


def reference_query(user: str | None = None, doctype: str | None = None) -> str:
	"""permission_query_conditions for every doctype ("*"): rows that point at an app record the user
	may not read are left out (child rows of a case, its files, comments, mails, tags, assignments...)."""
	user = user or frappe.session.user
	if user in UNRESTRICTED_USERS or not doctype:
		return ""
	pairs = reference_pairs(doctype)
	if not pairs:
		return ""
	guarded = guarded_doctypes()
	if doctype in guarded:
		return ""
	table = f"`tab{doctype}`"
	conditions = []
	for dt_field, name_field in pairs:
		allowed = [f"ifnull({table}.`{dt_field}`, '') not in ({sql_list(sorted(guarded))})"]
		for target in sorted(guarded):
			readable = readable_condition(target, user)
			if readable is None:
				continue  # no row pointing at this doctype
			rows = f"{table}.`{dt_field}` = {frappe.db.escape(target)}"
			if readable:
				rows += f" and {table}.`{name_field}` in (select `tab{target}`.name from `tab{target}` where {readable})"
			allowed.append(f"({rows})")
		conditions.append("(" + " or ".join(allowed) + ")")
	return " and ".join(conditions)


def reference_has_permission(doc, ptype=None, user=None, debug=False):
	"""The document-level twin of reference_query (has_permission for "*"): a record that points at an
	app record the user may not read is refused. Never grants anything (None otherwise)."""
	user = user or frappe.session.user
	if user in UNRESTRICTED_USERS or isinstance(doc, str):
		return None
	guarded = guarded_doctypes()
	if doc.doctype in guarded:
		return None
	for dt_field, name_field in reference_pairs(doc.doctype):
		target, name = doc.get(dt_field), doc.get(name_field)
		if target in guarded and name and not frappe.has_permission(target, "read", doc=name, user=user):
			return False
	return None


def child_has_permission(row, ptype: str, user: str | None) -> bool:
	"""A child table's row may be read (or changed) exactly when its parent may be.

	Frappe 15 checks a child row on its own only at the level of the parent doctype
	(frappe.permissions.has_child_permission passes no document), so `/api/resource/<child>/<row>`,
	`frappe.client.get` and `getdoc` of a row would return rows of any case; the app's child tables use
	this through ChildRow.has_permission.
	"""
	if not (row.get("parenttype") and row.get("parent")):
		return True
	ptype = "read" if ptype in (None, "read", "select", "print", "email", "export", "report") else "write"
	return frappe.has_permission(row.parenttype, ptype, doc=row.parent, user=user)


class ChildRow(Document):
	"""Base class of the app's child tables: a row is read (and changed) with the rights on its parent."""

	def has_permission(self, permtype="read", *, debug=False, user=None) -> bool:
		if self.flags.ignore_permissions:
			return True
		return super().has_permission(permtype, debug=debug, user=user) and child_has_permission(
			self, permtype, user
		)


def check_todo_reference(todo, method=None):
	"""ToDo validate: only someone who may read a record can assign it (or move an assignment onto it).

	An open ToDo makes its assignee a handler of a confidential case; made through the REST API by the
	assignee themself it would be a way into any case. Frappe's own assignment (assign_to.add, the
	Assignment Rules) checks the record first and inserts with ignore_permissions."""
	if todo.flags.ignore_permissions or frappe.session.user in UNRESTRICTED_USERS:
		return
	if todo.reference_type not in guarded_doctypes() or not todo.reference_name:
		return
	if not (
		todo.is_new()
		or todo.has_value_changed("reference_name")
		or todo.has_value_changed("reference_type")
		or todo.has_value_changed("allocated_to")
	):
		return
	if not frappe.db.exists(todo.reference_type, todo.reference_name) or not frappe.has_permission(
		todo.reference_type, "read", doc=todo.reference_name
	):
		frappe.throw(
			_("You cannot assign {0} {1}: you may not open it.").format(
				_(todo.reference_type), todo.reference_name
			),
			frappe.PermissionError,
		)
