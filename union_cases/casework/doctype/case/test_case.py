# Copyright (c) 2026, union_cases contributors
# For license information, please see license.txt

import frappe
from frappe.utils import add_days, getdate, today

from union_cases.exceptions import InvalidDateError
from union_cases.tests.utils import UnionTestCase, make_case, make_member


class TestCase(UnionTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.member = make_member(full_name="_Test Complainant")
		frappe.db.commit()

	def test_case_takes_member_details(self):
		case = make_case(self.member)
		self.assertRegex(case.name, rf"^CASE-{getdate(today()).year}-\d+$")
		self.assertEqual(case.complainant_name, "_Test Complainant")
		self.assertEqual(case.local_union, "_Test Local Union")
		self.assertEqual(case.federation, "_Test Federation")
		self.assertEqual(case.employer, "_Test Employer")
		self.assertEqual(case.status, "New")
		self.assertEqual(case.dispute_type, "Rights")  # the category's default
		self.assertFalse(case.confidential)

	def test_dismissal_is_a_termination_dispute(self):
		case = make_case(self.member, category="Dismissal and Severance")
		self.assertEqual(case.dispute_type, "Termination")

	def test_harassment_is_confidential_by_default(self):
		case = make_case(self.member, category="Gender-Based Violence and Harassment")
		self.assertTrue(case.confidential)

	def test_collective_case(self):
		colleagues = [make_member(full_name=f"_Test Colleague {i}") for i in range(2)]
		case = make_case(self.member, members=[{"member": m.name} for m in colleagues])
		self.assertEqual(
			[row.member_name for row in case.members], ["_Test Colleague 0", "_Test Colleague 1"]
		)
		case.append("members", {"member": self.member.name})
		self.assertRaises(frappe.ValidationError, case.save)

	def test_dates_and_outcome(self):
		self.assertRaises(InvalidDateError, make_case, self.member, incident_date=add_days(today(), 3))
		self.assertRaises(
			InvalidDateError, make_case, self.member, opening_date=today(), closing_date=add_days(today(), -3)
		)
		case = make_case(self.member)
		case.update(
			{"status": "Closed", "resolution_type": "Joint Agreement (PB)", "amount_recovered": 4_500_000}
		)
		case.save()
		self.assertEqual(getdate(case.closing_date), getdate(today()))

	def test_complainant_and_description_required(self):
		self.assertRaises(frappe.MandatoryError, make_case, self.member, description="")
		doc = frappe.get_doc(
			{"doctype": "Case", "title": "_Test", "category": "Unpaid Overtime", "description": "x"}
		)
		self.assertRaises(frappe.MandatoryError, doc.insert)

	def test_evidence_files_are_private(self):
		case = make_case(self.member)
		file = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": "_test_evidence.txt",
				"content": b"payslip",
				"is_private": 0,
				"attached_to_doctype": "Case",
				"attached_to_name": case.name,
			}
		).insert()
		self.assertTrue(file.is_private)
		self.assertTrue(file.file_url.startswith("/private/files/"))
		case.append("evidence", {"description": "Slip gaji", "file": file.file_url})
		case.save()
		# a file already public elsewhere is copied, not moved
		public = frappe.get_doc(
			{"doctype": "File", "file_name": "_test_public.txt", "content": b"leaflet", "is_private": 0}
		).insert()
		attached = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": "_test_public.txt",
				"content": b"leaflet",
				"is_private": 0,
				"attached_to_doctype": "Case",
				"attached_to_name": case.name,
			}
		).insert()
		self.assertTrue(attached.file_url.startswith("/private/files/"))
		self.assertEqual(frappe.db.get_value("File", public.name, "file_url"), public.file_url)
		self.assertTrue(public.file_url.startswith("/files/"))
