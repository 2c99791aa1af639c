# Copyright (c) 2026, union_cases contributors
# For license information, please see license.txt

"""Targets against actuals per federation node for a year, rolled up the tree.

A node shows its own target for an indicator or, without one, the sum of its children's (for the share
of deadlines met: their average). Automatic actuals are counted over the node and everything under it;
hand-entered actuals are the node's own or, without one, the sum of its children's.
"""

from collections import defaultdict

import frappe
from frappe import _
from frappe.utils import getdate, today

from union_cases.organization.targets import AUTOMATIC, SHARE, achievement, actual
from union_cases.reporting import chart, column, script_report


def get_columns(filters=None):
	return [
		column("label", _("Node / Indicator"), "Data", 320),
		column("level", _("Level"), "Data", 110),
		column("target", _("Target"), "Float", 110),
		column("actual", _("Actual"), "Float", 110),
		column("achievement", _("Achievement"), "Percent", 120),
	]


def get_data(filters):
	year = int(filters.get("year") or getdate(today()).year)
	targets = frappe.get_list(
		"Performance Target", filters={"year": year}, fields=["name", "federation"], limit_page_length=0
	)
	if not targets:
		return []
	rows = frappe.get_all(
		"Performance Target Indicator",
		filters={"parent": ("in", [t.name for t in targets]), "parenttype": "Performance Target"},
		fields=["parent", "indicator", "label", "target", "actual"],
	)
	node_of = {t.name: t.federation for t in targets}
	own = defaultdict(dict)  # node -> {(indicator, label): row}
	for row in rows:
		if not filters.get("indicator") or row.indicator == filters.indicator:
			own[node_of[row.parent]][(row.indicator, row.label or "")] = row
	tree = visible_tree(filters.get("federation"))
	return build_rows(tree, own, year)


def visible_tree(root: str | None) -> list[dict]:
	"""The Federation nodes the user may see (under root, if given), in tree order."""
	filters = {}
	if root:
		lft, rgt = frappe.db.get_value("Federation", root, ["lft", "rgt"])
		filters = {"lft": (">=", lft), "rgt": ("<=", rgt)}
	return frappe.get_list(
		"Federation",
		filters=filters,
		fields=["name", "level", "parent_federation", "lft", "rgt"],
		order_by="lft asc",
		limit_page_length=0,
	)


def build_rows(tree: list[dict], own: dict, year: int) -> list[dict]:
	names = {node.name for node in tree}
	children = defaultdict(list)
	for node in tree:
		if node.parent_federation in names:
			children[node.parent_federation].append(node.name)

	rolled = {}

	def roll(name: str) -> dict:
		"""{indicator key: (target, hand-entered actual)} of the node, its own or its children's."""
		if name in rolled:
			return rolled[name]
		below = [roll(child) for child in children[name]]
		result = {}
		for key in set(own.get(name, {})) | {key for child in below for key in child}:
			mine = own.get(name, {}).get(key)
			parts = [child[key] for child in below if key in child]
			combine = (lambda v: sum(v) / len(v)) if key[0] == SHARE else sum
			target = mine.target if mine else combine([p[0] for p in parts])
			manual = mine.actual if mine else sum(p[1] or 0 for p in parts)
			result[key] = (target, manual)
		rolled[name] = result
		return result

	data = []
	depth = {}
	for node in tree:
		indicators = roll(node.name)
		if not indicators:
			continue
		depth[node.name] = depth.get(node.parent_federation, -1) + 1
		data.append(
			frappe._dict(
				id=node.name,
				parent_id=node.parent_federation if node.parent_federation in depth else None,
				label=node.name,
				level=_(node.level) if node.level else None,
				indent=depth[node.name] * 2,
				is_node=1,
			)
		)
		order = list(AUTOMATIC) + ["Organiser Trainings Held", "Custom"]
		for key in sorted(indicators, key=lambda k: (order.index(k[0]), k[1])):
			target, manual = indicators[key]
			value = actual(key[0], node.name, year) if key[0] in AUTOMATIC else manual
			data.append(
				frappe._dict(
					id=f"{node.name}::{key[0]}::{key[1]}",
					parent_id=node.name,
					label=key[1] or _(key[0]),
					indicator=key[0],
					node=node.name,
					indent=depth[node.name] * 2 + 1,
					target=target,
					actual=value,
					achievement=achievement(value, target),
				)
			)
	return data


def get_chart(data):
	indicator_rows = [row for row in data if not row.get("is_node")]
	if not indicator_rows:
		return None
	first = indicator_rows[0].indicator
	shown = [row for row in indicator_rows if row.indicator == first and row.label == indicator_rows[0].label]
	return chart(
		[row.node for row in shown],
		{_("Target"): [row.target or 0 for row in shown], _("Actual"): [row.actual or 0 for row in shown]},
	)


execute = script_report(get_columns, get_data, get_chart)
