# Copyright (c) 2026, union_cases contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.utils.nestedset import NestedSet

from union_cases.exceptions import FederationLevelError
from union_cases.organization.tree import LEVELS, LOCAL_UNION, sector_federation_of
from union_cases.utils.identity import squeeze


class Federation(NestedSet):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		active: DF.Check
		address: DF.SmallText | None
		city: DF.Data | None
		code: DF.Data | None
		contact_person: DF.Data | None
		email: DF.Data | None
		federation_name: DF.Data
		is_group: DF.Check
		level: DF.Literal["", "Confederation", "Federation", "Branch", "Local Union"]
		lft: DF.Int
		old_parent: DF.Link | None
		parent_federation: DF.Link | None
		phone: DF.Data | None
		province: DF.Data | None
		rgt: DF.Int
		sector: DF.Data | None
	# end: auto-generated types
	nsm_parent_field = "parent_federation"

	def before_naming(self):
		self.federation_name = squeeze(self.federation_name)

	def before_validate(self):
		self.is_group = 0 if self.level == LOCAL_UNION else 1
		if self.code:
			self.code = self.code.strip().upper()

	def validate(self):
		self.validate_parent_level()
		self.validate_level_change()

	def on_update(self):
		super().on_update()
		before = self.get_doc_before_save()
		if before and before.parent_federation != self.parent_federation:
			self.refresh_federation_below()

	def refresh_federation_below(self):
		"""A node moved under another federation: the members, cases and referrals below it follow.

		Their federation is derived from their local union and stored, so lists, reports and the
		permission conditions can filter on it with an index (union_cases.permissions.member_condition).
		"""
		lft, rgt = frappe.db.get_value("Federation", self.name, ["lft", "rgt"])
		local_unions = frappe.get_all(
			"Federation",
			filters={"lft": (">=", lft), "rgt": ("<=", rgt), "level": LOCAL_UNION},
			pluck="name",
		)
		for local_union in local_unions:
			federation = sector_federation_of(local_union)
			for doctype in ("Member", "Case", "Referral"):
				frappe.db.set_value(
					doctype, {"local_union": local_union}, "federation", federation, update_modified=False
				)

	def validate_parent_level(self):
		index = LEVELS.index(self.level)
		if index == 0:
			if self.parent_federation:
				frappe.throw(
					_("A Confederation is the top of the tree and cannot have a parent."),
					FederationLevelError,
					title=_("Wrong level"),
				)
			return
		expected = LEVELS[index - 1]
		if not self.parent_federation:
			frappe.throw(
				_("A {0} must be placed under a {1}.").format(_(self.level), _(expected)),
				FederationLevelError,
				title=_("Wrong level"),
			)
		parent_level = frappe.db.get_value("Federation", self.parent_federation, "level")
		if parent_level != expected:
			frappe.throw(
				_("{0} is a {1}; a {2} must be placed directly under a {3}.").format(
					frappe.bold(self.parent_federation),
					_(parent_level) if parent_level else "?",
					_(self.level),
					_(expected),
				),
				FederationLevelError,
				title=_("Wrong level"),
			)

	def validate_level_change(self):
		if self.is_new() or not self.has_value_changed("level"):
			return
		if frappe.db.exists("Federation", {"parent_federation": self.name}):
			frappe.throw(
				_("{0} has nodes under it; move them before changing its level.").format(
					frappe.bold(self.name)
				),
				FederationLevelError,
				title=_("Wrong level"),
			)
		if self.level != LOCAL_UNION and frappe.db.exists("Member", {"local_union": self.name}):
			frappe.throw(
				_("{0} has members; only a Local Union can have members.").format(frappe.bold(self.name)),
				FederationLevelError,
				title=_("Wrong level"),
			)
