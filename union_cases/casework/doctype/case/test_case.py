# Copyright (c) 2026, union_cases contributors
# For license information, please see license.txt

import frappe
from frappe.model.workflow import apply_workflow
from frappe.utils import add_days, getdate, today

from union_cases.api.case import category_defaults, get_similar_cases, link_cases
from union_cases.exceptions import InvalidDateError
from union_cases.tests.utils import UnionTestCase, make_case, make_member, on_day

# the day it is, a case opened on, whether it counts as similar (the last 90 days, the default)
SIMILAR_CASES = (
	("2031-01-01", "2030-10-03", True),  # 90 days back, over the year end
	("2031-01-01", "2030-10-02", False),  # 91 days
	("2031-01-01", "2031-01-01", True),  # the same day
	("2030-03-04", "2029-12-04", True),  # a Monday
	("2030-03-04", "2029-12-03", False),
	("2030-03-02", "2029-12-02", True),  # a Saturday
	("2028-03-01", "2027-12-02", True),  # over a leap day: 90 days
	("2028-03-01", "2027-12-01", False),
)


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
		self.assertEqual(case.workflow_state, "New")
		self.assertEqual(case.dispute_type, "Rights")  # the category's default
		self.assertFalse(case.confidential)

	def test_dismissal_is_a_termination_dispute(self):
		case = make_case(self.member, category="Dismissal and Severance")
		self.assertEqual(case.dispute_type, "Termination")

	def test_harassment_is_confidential_by_default(self):
		case = make_case(self.member, category="Gender-Based Violence and Harassment")
		self.assertTrue(case.confidential)

	def test_the_form_gets_the_categorys_defaults_the_case_saves_with(self):
		for category in (
			"Dismissal and Severance",
			"Gender-Based Violence and Harassment",
			"Unpaid Overtime",
		):
			with self.subTest(category=category):
				shown = category_defaults(category)
				case = make_case(self.member, category=category, confidential=0, dispute_type=None)
				self.assertEqual(shown.get("dispute_type"), case.dispute_type)
				self.assertEqual(shown.get("confidential", 0), case.confidential)
		# a dispute type already chosen is kept, on the form as on the case
		self.assertNotIn("dispute_type", category_defaults("Dismissal and Severance", "Rights"))

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
		case = make_case(self.member, resolution_type="Joint Agreement (PB)", amount_recovered=4_500_000)
		case.db_set("workflow_state", "Resolved")
		closed = apply_workflow(case.as_dict(), "Close")
		self.assertEqual(getdate(closed.closing_date), getdate(today()))
		reopened = apply_workflow(closed.as_dict(), "Reopen")
		self.assertIsNone(reopened.closing_date)

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

	def test_non_member_case(self):
		case = frappe.get_doc(
			{
				"doctype": "Case",
				"title": "_Test aspiration",
				"category": "Unpaid Overtime",
				"description": "x",
				"is_non_member": 1,
				"contact_name": "_Test Worker",
				"case_type": "Aspiration",
			}
		).insert()
		self.assertFalse(case.complainant)
		self.assertFalse(case.local_union)

	def test_similar_cases_link_and_merge(self):
		first = make_case(self.member, category="Unpaid Overtime")
		colleague = make_member(full_name="_Test Same Grievance")
		second = make_case(colleague, category="Unpaid Overtime")
		other_category = make_case(colleague, category="Union Busting")
		similar = [
			c.name for c in get_similar_cases("_Test Employer", "Unpaid Overtime", exclude=second.name)
		]
		self.assertIn(first.name, similar)
		self.assertNotIn(second.name, similar)
		self.assertNotIn(other_category.name, similar)

		link_cases(first.name, other_category.name)
		self.assertIn(other_category.name, [r.case for r in frappe.get_doc("Case", first.name).related_cases])
		self.assertIn(first.name, [r.case for r in frappe.get_doc("Case", other_category.name).related_cases])

		second.merge_into(first.name)
		first.reload()
		self.assertIn(colleague.name, [row.member for row in first.members])
		self.assertEqual(
			frappe.db.get_value("Case", second.name, ["merged_into", "workflow_state"]),
			(first.name, "Closed"),
		)
		self.assertNotIn(
			second.name, [c.name for c in get_similar_cases("_Test Employer", "Unpaid Overtime")]
		)

	def test_similar_cases_are_those_of_the_last_90_days(self):
		colleague = make_member(full_name="_Test Similar Colleague")
		for today_, opened, similar in SIMILAR_CASES:
			with self.subTest(today=today_, opened=opened), on_day(self, today_):
				earlier = make_case(colleague, category="Unpaid Overtime", opening_date=opened)
				found = [c.name for c in get_similar_cases("_Test Employer", "Unpaid Overtime")]
				self.assertEqual(earlier.name in found, similar)
				frappe.db.delete("Case", {"name": earlier.name})
