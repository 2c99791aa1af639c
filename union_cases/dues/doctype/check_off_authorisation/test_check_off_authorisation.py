# Copyright (c) 2026, union_cases contributors
# For license information, please see license.txt

import frappe

from union_cases.exceptions import AuthorisationError
from union_cases.tests.dues import MONTH, authorise
from union_cases.tests.utils import UnionTestCase, make_employer, make_member


class TestCheckoffAuthorisation(UnionTestCase):
	def test_authorisation_takes_the_members_union(self):
		member = make_member(full_name="_Test Authorising")
		auth = authorise(member)
		self.assertEqual(
			(auth.member_name, auth.local_union, auth.federation, auth.status),
			("_Test Authorising", "_Test Local Union", "_Test Federation", "Active"),
		)
		self.assertEqual(auth.nik, member.nik)

	def test_refusals(self):
		member = make_member()
		cases = {
			"no amount": {"amount": 0},
			"percentage above 100": {"basis": "Percentage of Wage", "amount": 0, "percentage": 120},
			"revoked before given": {"status": "Revoked", "revoked_on": "2025-12-31"},
		}
		for label, values in cases.items():
			with self.subTest(label):
				self.assertRaises(AuthorisationError, authorise, member, **values)
		authorise(member)
		with self.subTest("a second active one for the same employer"):
			self.assertRaises(AuthorisationError, authorise, member)
		member.status = "Resigned"
		member.save()
		with self.subTest("a member who left"):
			self.assertRaises(
				AuthorisationError, authorise, member, employer=make_employer("_Test Other").name
			)

	def test_revoked_when_the_member_resigns(self):
		member = make_member()
		auth = authorise(member)
		member.status = "Resigned"
		member.leave_date = "2026-11-20"
		member.save()
		auth.reload()
		self.assertEqual((auth.status, str(auth.revoked_on)), ("Revoked", "2026-11-20"))
		self.assertIn("Resigned", auth.revocation_reason)

	def test_revoked_when_the_member_moves_employer(self):
		member = make_member()
		auth = authorise(member)
		member.employer = make_employer("_Test New Employer").name
		member.save()
		auth.reload()
		self.assertEqual(auth.status, "Revoked")
		self.assertEqual(auth.revocation_reason, "The member moved to another employer.")

	def test_notice_to_the_employer(self):
		"""The notice lists the members authorised in the month, of its union only; printed in Indonesian."""
		one = make_member(full_name="_Test Ani")
		two = make_member(full_name="_Test Budi", gender="Male")
		later = make_member(full_name="_Test Later")
		left = make_member(full_name="_Test Left Before")
		elsewhere = make_member(full_name="_Test Elsewhere", local_union="_Test Local Union 2")
		authorise(one)
		authorise(two, basis="Percentage of Wage", amount=0, percentage=1)
		authorise(later, date="2026-12-01")
		authorise(left, status="Revoked", revoked_on="2026-10-31", revocation_reason="Left")
		authorise(elsewhere)
		notice = frappe.get_doc(
			{
				"doctype": "Check-off Notice",
				"employer": "_Test Employer",
				"federation": "_Test Federation",
				"month": "2026-11-17",
				"notice_date": "2026-10-25",
				"signatory": "_Test Ketua",
			}
		).insert()
		self.assertEqual(str(notice.month), MONTH)
		self.assertEqual([row.member_name for row in notice.members], ["_Test Ani", "_Test Budi"])
		self.assertEqual(notice.total_members, 2)
		html = frappe.get_print("Check-off Notice", notice.name, print_format="Notification to the Employer")
		for text in (
			"Pemberitahuan Pemotongan Iuran",
			"KEP.187/MEN/X/2004",
			"November 2026",
			"_Test Ani",
			"1% dari upah",
		):
			with self.subTest(text=text):
				self.assertIn(text, html)
		self.assertNotIn("_Test Elsewhere", html)
