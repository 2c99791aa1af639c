"""NIK and phone rules, table-driven (each row a case a union operator would type)."""

import datetime

import frappe
from frappe.tests.utils import FrappeTestCase

from union_cases.exceptions import (
	InvalidIdentifierError,
	InvalidNIKError,
	InvalidPhoneError,
	NIKMismatchError,
)
from union_cases.utils.identity import make_nik, normalise_mobile, parse_nik, validate_digits, validate_nik

# nik, gender, date of birth, expected error (None: accepted)
NIK_CASES = (
	("3273051705900001", "Male", "1990-05-17", None),
	("3273055705900001", "Female", "1990-05-17", None),  # women: day + 40
	("3273 0517 0590 0001", "Male", "1990-05-17", None),  # spaces as printed on some cards
	("3273051705900001", None, None, None),
	("3273050101000001", "Male", "2000-01-01", None),
	("3273052902000001", "Male", "2000-02-29", None),  # leap day in 2000
	("3273056902960001", "Female", "1996-02-29", None),
	("327305170590001", "Male", "1990-05-17", InvalidNIKError),  # 15 digits
	("32730517059000011", "Male", "1990-05-17", InvalidNIKError),  # 17 digits
	("32730517059A0001", "Male", "1990-05-17", InvalidNIKError),  # a letter
	("", "Male", "1990-05-17", InvalidNIKError),
	("0073051705900001", "Male", "1990-05-17", InvalidNIKError),  # no such province
	("3200051705900001", "Male", "1990-05-17", InvalidNIKError),  # empty regency
	("3273051705900000", "Male", "1990-05-17", InvalidNIKError),  # empty serial
	("3273053002900001", "Male", "1990-02-28", InvalidNIKError),  # 30 February
	("3273053204900001", "Male", "1990-04-30", InvalidNIKError),  # day 32
	("3273057204900001", "Female", "1990-04-30", InvalidNIKError),  # day 72 - 40 = 32
	("3273051713900001", "Male", "1990-05-17", InvalidNIKError),  # month 13
	("3273052902010001", "Male", "2001-02-28", InvalidNIKError),  # 29 Feb 1901/2001 never existed
	("3273051705900001", "Female", "1990-05-17", NIKMismatchError),  # man's NIK, woman entered
	("3273055705900001", "Male", "1990-05-17", NIKMismatchError),  # woman's NIK, man entered
	("3273051705900001", "Male", "1990-05-18", NIKMismatchError),  # other day
	("3273051705900001", "Male", "1991-05-17", NIKMismatchError),  # other year
)

# typed, expected +62 form (None: refused)
PHONE_CASES = (
	("0812-3456-7890", "+6281234567890"),
	("081234567890", "+6281234567890"),
	("+62 812 3456 7890", "+6281234567890"),
	("62 812 3456 7890", "+6281234567890"),
	("(0812) 3456 7890", "+6281234567890"),
	("0857 1234 5678", "+6285712345678"),
	("021-5551-2345", "+622155512345"),  # Jakarta landline
	("", None),
	("abc", InvalidPhoneError),
	("12345", InvalidPhoneError),
	("0812", InvalidPhoneError),
	("+1 202 555 0143 999", InvalidPhoneError),
)


class TestNIK(FrappeTestCase):
	def test_nik_table(self):
		for nik, gender, dob, error in NIK_CASES:
			with self.subTest(nik=nik, gender=gender, dob=dob):
				if error:
					self.assertRaises(error, validate_nik, nik, gender, dob)
				else:
					self.assertEqual(validate_nik(nik, gender, dob), nik.replace(" ", ""))

	def test_parts(self):
		nik = parse_nik("3273055705900001")
		self.assertTrue(nik.female)
		self.assertEqual((nik.province, nik.regency, nik.district, nik.serial), ("32", "73", "05", "0001"))
		self.assertEqual(nik.birth_dates(), [datetime.date(1990, 5, 17), datetime.date(2090, 5, 17)])

	def test_make_nik_round_trip(self):
		for female in (False, True):
			birth = datetime.date(1987, 12, 31)
			nik = make_nik(61, 4, 12, birth, female, 42)
			self.assertEqual(len(nik), 16)
			self.assertEqual(validate_nik(nik, "Female" if female else "Male", birth), nik)

	def test_message_is_clear(self):
		with self.assertRaises(InvalidNIKError) as caught:
			validate_nik("12345", "Male", None)
		self.assertIn("16", str(caught.exception))
		self.assertIn("12345", str(caught.exception))


class TestPhone(FrappeTestCase):
	def test_phone_table(self):
		for typed, expected in PHONE_CASES:
			with self.subTest(typed=typed):
				if isinstance(expected, type):
					self.assertRaises(expected, normalise_mobile, typed)
				else:
					self.assertEqual(normalise_mobile(typed), expected)

	def test_bpjs_digits(self):
		self.assertEqual(validate_digits("1234.5678.901", "BPJS", 11), "12345678901")
		self.assertIsNone(validate_digits("  ", "BPJS", 11))
		self.assertRaises(InvalidIdentifierError, validate_digits, "1234567890", "BPJS", 11)
		self.assertRaises(InvalidIdentifierError, validate_digits, "1234567890X", "BPJS", 11)

	def test_errors_are_translated(self):
		frappe.local.lang = "id"
		try:
			with self.assertRaises(InvalidNIKError) as caught:
				validate_nik("123", "Male", None)
			self.assertIn("123", str(caught.exception))
			self.assertNotIn("must be exactly", str(caught.exception))
		finally:
			frappe.local.lang = "en"
