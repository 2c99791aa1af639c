"""The Federation tree: confederation, sector federations, branches, local unions.

`Federation` names every node of the tree; the `federation` field of a Member, Case or Referral is the
sector federation above its local union (`sector_federation_of`), stored so lists and permission
conditions filter on it with an index.
"""

import frappe
from frappe import _
from frappe.utils.nestedset import get_ancestors_of

from union_cases.exceptions import NotALocalUnionError

LEVELS = ("Confederation", "Federation", "Branch", "Local Union")
LOCAL_UNION = "Local Union"


def sector_federation_of(node: str | None) -> str | None:
	"""The sector federation above (or at) a node of the tree."""
	if not node:
		return None
	if frappe.db.get_value("Federation", node, "level") == "Federation":
		return node
	for ancestor in get_ancestors_of("Federation", node):
		if frappe.db.get_value("Federation", ancestor, "level") == "Federation":
			return ancestor
	return None


def validate_local_union(node: str | None, label: str | None = None):
	"""Throw NotALocalUnionError unless the node is a Local Union."""
	if not node:
		return
	level = frappe.db.get_value("Federation", node, "level")
	if level != LOCAL_UNION:
		frappe.throw(
			_("{0} must be a Local Union; {1} is a {2}.").format(
				label or _("Local Union"), frappe.bold(node), _(level) if level else _("unknown node")
			),
			NotALocalUnionError,
			title=_("Not a Local Union"),
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


def users_given(node: str, among=None, include_unscoped: bool = False) -> set[str]:
	"""The users given `node` or a node above it (User Permissions on Federation), of `among` if given;
	with `include_unscoped`, also those of `among` given no node at all (they work for the whole union)."""
	chain = [node, *get_ancestors_of("Federation", node)]
	filters = {"allow": "Federation"}
	if among is not None:
		filters["user"] = ("in", list(among) or [""])
	if not include_unscoped:
		filters["for_value"] = ("in", chain)
	permissions = frappe.get_all("User Permission", filters=filters, fields=["user", "for_value"])
	users = {p.user for p in permissions if p.for_value in chain}
	if include_unscoped:
		scoped = {p.user for p in permissions}
		users |= {user for user in among or () if user not in scoped}
	return users
