# Copyright (c) 2026, union_cases contributors
# For license information, please see license.txt

import frappe

from union_cases.demo.generate import grant
from union_cases.dues import erpnext
from union_cases.dues.matching import parse_amount
from union_cases.exceptions import RemittanceFileError
from union_cases.tests.dues import csv_file, file_rows, member_set, remittance, xlsx_file
from union_cases.tests.utils import UnionTestCase, make_user

OPERATOR_A = "_dues_operator_a@example.com"
OPERATOR_B = "_dues_operator_b@example.com"


class TestCheckoffRemittance(UnionTestCase):
	def categories(self, doc) -> dict[str, str]:
		names = {row.member: row.category for row in doc.rows if row.member}
		names.update({row.name_in_file: row.category for row in doc.rows if not row.member})
		return names

	def test_every_category_of_the_matcher(self):
		people = member_set()
		for make_file in (csv_file, xlsx_file):
			with self.subTest(file=make_file.__name__):
				doc = remittance(make_file(file_rows(people))).insert()
				self.assertEqual(doc.file_columns, "No, NIK, Nama, Potongan")
				found = self.categories(doc)
				self.assertEqual(
					{
						people["paid"].name: "Matched",
						people["short"].name: "Amount Differs",
						"Someone Unknown": "Unknown NIK",
						people["unauthorised"].name: "No Active Authorisation",
						people["resigned"].name: "Resigned Member Deducted",
						"Other Federation": "Unknown NIK",  # another federation's member is not looked up
						people["missing"].name: "Missing from Remittance",
					},
					found,
				)
				self.assertEqual(
					(doc.matched_count, doc.amount_differs_count, doc.unknown_count),
					(1, 1, 2),
				)
				self.assertEqual((doc.unauthorised_count, doc.resigned_count, doc.missing_count), (1, 1, 1))
				self.assertEqual(
					(doc.total_amount, doc.matched_amount, doc.unmatched_amount), (290000, 90000, 200000)
				)
				short = next(row for row in doc.rows if row.member == people["short"].name)
				self.assertEqual(
					(short.amount, short.expected_amount, short.card_number),
					(40000, 50000, people["short"].name),
				)

	def test_columns_named_by_the_user(self):
		people = member_set()
		url = csv_file(file_rows(people))
		doc = remittance(url, nik_column=None, amount_column=None).insert()
		self.assertEqual((doc.file_columns, len(doc.rows)), ("No, NIK, Nama, Potongan", 0))
		doc.nik_column, doc.amount_column = "nik", "Potongan"
		doc.save()
		self.assertEqual(len(doc.rows), 7)
		doc.amount_column = "Jumlah"
		with self.assertRaises(RemittanceFileError) as raised:
			doc.save()
		self.assertIn("No, NIK, Nama, Potongan", str(raised.exception))

	def test_unreadable_files_refused(self):
		with self.subTest("not a spreadsheet"):
			url = csv_file([["x"]], name="_test_remittance.txt")
			self.assertRaises(RemittanceFileError, remittance(url).insert)
		with self.subTest("an amount that is not one"):
			url = csv_file([["NIK", "Nama", "Potongan"], ["3273054107900001", "A", "lima puluh"]])
			self.assertRaises(RemittanceFileError, remittance(url).insert)

	def test_amounts_as_employers_write_them(self):
		for text, amount in (
			("50000", 50000),
			("50.000", 50000),
			("1.250.000", 1250000),
			("Rp 50.000,50", 50000.5),
			("50,000.50", 50000.5),
			("1,250,000", 1250000),
			("50000.5", 50000.5),
			(75000.0, 75000),
			("", 0),
		):
			with self.subTest(text=text):
				self.assertEqual(parse_amount(text, 2), amount)

	def test_submitted_without_erpnext_keeps_the_rows(self):
		if erpnext.installed():
			self.skipTest("posting with ERPNext is tested in union_cases.tests.test_dues_erpnext")
		people = member_set()
		doc = remittance(csv_file(file_rows(people))).insert()
		doc.submit()
		self.assertEqual(doc.docstatus, 1)
		self.assertEqual(frappe.db.count("Check-off Remittance Row", {"parent": doc.name}), 7)

	def test_operators_see_their_federations_dues_only(self):
		people = member_set()
		doc = remittance(csv_file(file_rows(people))).insert()
		other = frappe.get_all(
			"Check-off Authorisation", filters={"member": people["elsewhere"].name}, pluck="name"
		)[0]
		mine = frappe.get_all(
			"Check-off Authorisation", filters={"member": people["paid"].name}, pluck="name"
		)[0]
		for user, node in ((OPERATOR_A, "_Test Federation"), (OPERATOR_B, "_Test Federation 2")):
			make_user(user, "Case Operator")
			grant(user, "Federation", node)
		expected = {
			OPERATOR_A: {doc.name: True, mine: True, other: False},
			OPERATOR_B: {doc.name: False, mine: False, other: True},
		}
		for user, records in expected.items():
			frappe.set_user(user)
			for name, visible in records.items():
				doctype = "Check-off Remittance" if name == doc.name else "Check-off Authorisation"
				with self.subTest(user=user, record=name):
					self.assertEqual(frappe.has_permission(doctype, "read", doc=name), visible)
					listed = frappe.get_list(doctype, filters={"name": name}, pluck="name")
					self.assertEqual(bool(listed), visible)
			rows = frappe.get_list(
				"Check-off Remittance Row",
				parent_doctype="Check-off Remittance",
				filters={"parent": doc.name},
				pluck="name",
			)
			self.assertEqual(bool(rows), user == OPERATOR_A)
			frappe.set_user("Administrator")
