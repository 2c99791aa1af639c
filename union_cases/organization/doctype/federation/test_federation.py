# Copyright (c) 2026, union_cases contributors
# For license information, please see license.txt

import frappe
from frappe.utils.nestedset import get_descendants_of

from union_cases.exceptions import FederationLevelError
from union_cases.organization.tree import sector_federation_of
from union_cases.tests.utils import UnionTestCase, make_case, make_member


def node(name, level, parent=None, **values):
	return frappe.get_doc(
		{
			"doctype": "Federation",
			"federation_name": name,
			"level": level,
			"parent_federation": parent,
			**values,
		}
	)


class TestFederation(UnionTestCase):
	def test_tree_and_groups(self):
		descendants = set(get_descendants_of("Federation", "_Test Federation"))
		self.assertEqual(descendants, {"_Test Branch", "_Test Local Union"})
		self.assertNotIn("_Test Local Union 2", descendants)
		self.assertEqual(frappe.db.get_value("Federation", "_Test Local Union", "is_group"), 0)
		self.assertEqual(frappe.db.get_value("Federation", "_Test Branch", "is_group"), 1)
		self.assertEqual(sector_federation_of("_Test Local Union"), "_Test Federation")
		self.assertEqual(sector_federation_of("_Test Federation 2"), "_Test Federation 2")
		self.assertIsNone(sector_federation_of("_Test Confederation"))

	def test_moving_a_branch_moves_its_members_federation(self):
		member = make_member(local_union="_Test Local Union 2")
		case = make_case(member)
		self.assertEqual(member.federation, "_Test Federation 2")
		branch = frappe.get_doc("Federation", "_Test Branch 2")
		try:
			branch.parent_federation = "_Test Federation"
			branch.save()
			self.assertEqual(frappe.db.get_value("Member", member.name, "federation"), "_Test Federation")
			self.assertEqual(frappe.db.get_value("Case", case.name, "federation"), "_Test Federation")
		finally:
			branch.reload()
			branch.parent_federation = "_Test Federation 2"
			branch.save()
		self.assertEqual(frappe.db.get_value("Member", member.name, "federation"), "_Test Federation 2")

	def test_parent_exactly_one_level_up(self):
		allowed = (
			("Federation", "_Test Confederation"),
			("Branch", "_Test Federation"),
			("Local Union", "_Test Branch"),
		)
		for level, parent in allowed:
			with self.subTest(level=level, parent=parent):
				doc = node(f"_Test New {level}", level, parent).insert()
				self.assertEqual(doc.parent_federation, parent)

		refused = (
			("Confederation", "_Test Confederation"),  # a confederation has no parent
			("Federation", None),
			("Federation", "_Test Federation"),
			("Branch", "_Test Confederation"),  # skips a level
			("Branch", "_Test Local Union"),  # upside down
			("Local Union", "_Test Federation"),
			("Local Union", None),
			("Local Union", "_Test Local Union"),
		)
		for level, parent in refused:
			with self.subTest(level=level, parent=parent):
				name = f"_Test Wrong {level} {parent}"
				self.assertRaises(FederationLevelError, node(name, level, parent).insert)
				self.assertFalse(frappe.db.exists("Federation", name))

	def test_level_change_with_children_refused(self):
		doc = frappe.get_doc("Federation", "_Test Branch")
		doc.level = "Local Union"
		doc.parent_federation = "_Test Branch 2"
		self.assertRaises(FederationLevelError, doc.save)

	def test_naming_and_code(self):
		doc = node("_Test Named Branch", "Branch", "_Test Federation", code=" dpc-x ").insert()
		self.assertEqual(doc.name, "_Test Named Branch")
		self.assertEqual(doc.code, "DPC-X")
		self.assertRaises(
			frappe.DuplicateEntryError, node("_Test Named Branch", "Branch", "_Test Federation").insert
		)

	def test_error_is_translated(self):
		frappe.local.lang = "id"
		try:
			with self.assertRaises(FederationLevelError) as caught:
				node("_Test Wrong Translated", "Branch", "_Test Confederation").insert()
			self.assertNotIn("must be placed directly under", str(caught.exception))
		finally:
			frappe.local.lang = "en"
