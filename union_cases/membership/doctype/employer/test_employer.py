# Copyright (c) 2026, union_cases contributors
# For license information, please see license.txt

import frappe
from frappe.utils.nestedset import NestedSetRecursionError

from union_cases.exceptions import InvalidPhoneError
from union_cases.tests.utils import UnionTestCase, make_employer


class TestEmployer(UnionTestCase):
	def test_employer(self):
		parent = make_employer("_Test Holding", sector="Garment", workforce_size=5000)
		child = make_employer("_Test  Subsidiary ", parent_company=parent.name, phone="021-5551-2345")
		self.assertEqual(child.name, "_Test Subsidiary")
		self.assertEqual(child.phone, "+622155512345")

	def test_parent_company_loop_refused(self):
		parent = make_employer("_Test Loop Parent")
		child = make_employer("_Test Loop Child", parent_company=parent.name)
		parent.parent_company = child.name
		self.assertRaises(NestedSetRecursionError, parent.save)
		self.assertIsNone(frappe.db.get_value("Employer", parent.name, "parent_company"))

	def test_bad_phone_refused(self):
		self.assertRaises(InvalidPhoneError, make_employer, "_Test Bad Phone", phone="call us")
		self.assertFalse(frappe.db.exists("Employer", "_Test Bad Phone"))
