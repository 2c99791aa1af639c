# Copyright (c) 2026, union_cases contributors
# For license information, please see license.txt

import datetime

import frappe
from frappe.utils import add_years, getdate, today

from union_cases.exceptions import (
	DuplicateNIKError,
	InvalidDateError,
	InvalidIdentifierError,
	InvalidNIKError,
	InvalidPhoneError,
	NIKMismatchError,
	NotALocalUnionError,
)
from union_cases.tests.utils import UnionTestCase, make_member, member_values


class TestMember(UnionTestCase):
	def test_valid_member(self):
		member = make_member(full_name="  _Test   Siti  Rahayu ", email=" Siti@Example.ORG ")
		self.assertRegex(member.name, rf"^KTA-{getdate(today()).year}-\d+$")
		self.assertEqual(member.full_name, "_Test Siti Rahayu")
		self.assertEqual(member.mobile_no, "+6281234567890")
		self.assertEqual(member.email, "siti@example.org")
		self.assertEqual(member.federation, "_Test Federation")
		self.assertEqual(member.status, "Active")

	def test_card_numbers_follow_the_series(self):
		first, second = make_member(), make_member()
		prefix = f"KTA-{getdate(today()).year}-"
		self.assertTrue(first.name.startswith(prefix) and second.name.startswith(prefix))
		self.assertEqual(int(second.name.rsplit("-", 1)[1]), int(first.name.rsplit("-", 1)[1]) + 1)

	def assertRefusedWithoutChange(self, error, **values):
		count = frappe.db.count("Member")
		doc = frappe.get_doc(member_values(**values))
		with self.assertRaises(error) as caught:
			doc.insert()
		self.assertEqual(frappe.db.count("Member"), count)
		return str(caught.exception)

	def test_bad_nik(self):
		for nik in ("12345", "3273051705900001X", "3273053002900001", "0073051705900001"):
			with self.subTest(nik=nik):
				self.assertRefusedWithoutChange(InvalidNIKError, nik=nik)

	def test_nik_must_agree_with_gender_and_birth(self):
		birth = datetime.date(1990, 5, 17)
		self.assertRefusedWithoutChange(
			NIKMismatchError, nik="3273055705900002", gender="Male", date_of_birth=birth
		)
		self.assertRefusedWithoutChange(
			NIKMismatchError, nik="3273051705900002", gender="Female", date_of_birth=birth
		)
		self.assertRefusedWithoutChange(
			NIKMismatchError, nik="3273051705900002", gender="Male", date_of_birth=datetime.date(1990, 5, 18)
		)

	def test_duplicate_nik(self):
		first = make_member(full_name="_Test First")
		message = self.assertRefusedWithoutChange(DuplicateNIKError, nik=first.nik, full_name="_Test Second")
		self.assertIn(first.name, message)
		self.assertIn("_Test First", message)
		# the same NIK written with spaces is the same person
		spaced = " ".join((first.nik[:4], first.nik[4:8], first.nik[8:12], first.nik[12:]))
		self.assertRefusedWithoutChange(DuplicateNIKError, nik=spaced)

	def test_member_only_in_a_local_union(self):
		for node in ("_Test Branch", "_Test Federation", "_Test Confederation"):
			with self.subTest(node=node):
				message = self.assertRefusedWithoutChange(NotALocalUnionError, local_union=node)
				self.assertIn(node, message)

	def test_phone(self):
		self.assertRefusedWithoutChange(InvalidPhoneError, mobile_no="not a number")
		self.assertRefusedWithoutChange(InvalidPhoneError, mobile_no="0812")
		member = make_member(mobile_no="62 857 1234 5678")
		self.assertEqual(member.mobile_no, "+6285712345678")
		self.assertIsNone(make_member(mobile_no="").mobile_no)

	def test_bpjs_numbers(self):
		self.assertRefusedWithoutChange(InvalidIdentifierError, bpjs_ketenagakerjaan_no="123")
		self.assertRefusedWithoutChange(InvalidIdentifierError, bpjs_kesehatan_no="12345678901")
		member = make_member(bpjs_ketenagakerjaan_no="1234 5678 901", bpjs_kesehatan_no="0001-2345-67890")
		self.assertEqual(member.bpjs_ketenagakerjaan_no, "12345678901")
		self.assertEqual(member.bpjs_kesehatan_no, "0001234567890")

	def test_dates(self):
		future = getdate(add_years(today(), 1))
		self.assertRefusedWithoutChange(InvalidDateError, date_of_birth=future)
		self.assertRefusedWithoutChange(InvalidDateError, join_date=datetime.date(1980, 1, 1))
		member = make_member(status="Resigned")
		self.assertEqual(getdate(member.leave_date), getdate(today()))

	def test_moving_to_another_local_union_updates_federation(self):
		member = make_member()
		member.local_union = "_Test Local Union 2"
		member.save()
		self.assertEqual(member.federation, "_Test Federation 2")

	def test_long_fixed_term_contract_is_flagged(self):
		frappe.clear_messages()  # `frappe.message_log = []` would replace every later request's log
		make_member(employment_status="PKWT", work_start_date=add_years(today(), -6))
		self.assertTrue(any("PP 35/2021" in str(m) for m in frappe.message_log))
