"""Indonesian identity numbers and phone numbers: parsing, checking, normalising.

Shared by Member, the registration form and the demo generator, so every way in applies one rule.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

import frappe
import phonenumbers
from frappe import _

from union_cases.exceptions import (
	InvalidIdentifierError,
	InvalidNIKError,
	InvalidPhoneError,
	NIKMismatchError,
)

# Province codes (kode wilayah) in use on KTPs, including Papua's new provinces.
PROVINCE_CODES = frozenset(
	{11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52, 53, 61, 62, 63, 64, 65}
	| {71, 72, 73, 74, 75, 76, 81, 82, 91, 92, 93, 94, 95, 96, 97}
)
FEMALE_DAY_OFFSET = 40
NON_DIGITS = re.compile(r"[\s.\-/]")


@dataclass(frozen=True)
class NIK:
	province: str
	regency: str
	district: str
	day: int
	month: int
	year_2: int
	serial: str
	female: bool

	def birth_dates(self) -> list[datetime.date]:
		"""Every real date the DDMMYY part can stand for (19yy and 20yy)."""
		dates = []
		for century in (1900, 2000):
			try:
				dates.append(datetime.date(century + self.year_2, self.month, self.day))
			except ValueError:
				pass
		return dates


def squeeze(text: str | None) -> str:
	"""Collapse runs of white space in a typed name: '  Siti   Rahayu ' -> 'Siti Rahayu'."""
	return " ".join((text or "").split())


def clean_nik(value: str | None) -> str:
	return NON_DIGITS.sub("", value or "")


def parse_nik(value: str | None) -> NIK:
	"""Read a NIK; throw InvalidNIKError with a message a member understands if it cannot be real."""
	nik = clean_nik(value)
	if not nik.isdigit() or len(nik) != 16:
		frappe.throw(
			_("NIK must be exactly 16 digits; {0} was given.").format(frappe.bold(value or "")),
			InvalidNIKError,
			title=_("Invalid NIK"),
		)
	if int(nik[:2]) not in PROVINCE_CODES:
		frappe.throw(
			_("NIK {0} starts with {1}, which is not an Indonesian province code.").format(nik, nik[:2]),
			InvalidNIKError,
			title=_("Invalid NIK"),
		)
	if nik[2:4] == "00" or nik[4:6] == "00" or nik[12:] == "0000":
		frappe.throw(
			_("NIK {0} has an empty regency, district or serial number part.").format(nik),
			InvalidNIKError,
			title=_("Invalid NIK"),
		)
	raw_day = int(nik[6:8])
	female = raw_day > FEMALE_DAY_OFFSET
	parsed = NIK(
		province=nik[:2],
		regency=nik[2:4],
		district=nik[4:6],
		day=raw_day - FEMALE_DAY_OFFSET if female else raw_day,
		month=int(nik[8:10]),
		year_2=int(nik[10:12]),
		serial=nik[12:],
		female=female,
	)
	if not parsed.birth_dates():
		frappe.throw(
			_("The date of birth in NIK {0} ({1}) is not a real date.").format(nik, nik[6:12]),
			InvalidNIKError,
			title=_("Invalid NIK"),
		)
	return parsed


def validate_nik(value: str | None, gender: str | None = None, date_of_birth=None) -> str:
	"""Check a NIK against the member's gender and date of birth; return it as 16 plain digits."""
	nik = parse_nik(value)
	if gender in ("Male", "Female") and nik.female != (gender == "Female"):
		frappe.throw(
			_(
				"NIK {0} is that of a {1}: for women the day of birth in the NIK has 40 added. Check the NIK and the gender."
			).format(clean_nik(value), _("woman") if nik.female else _("man")),
			NIKMismatchError,
			title=_("NIK does not match"),
		)
	if date_of_birth:
		dob = frappe.utils.getdate(date_of_birth)
		if dob not in nik.birth_dates():
			frappe.throw(
				_("NIK {0} gives a date of birth of {1}, but the date of birth entered is {2}.").format(
					clean_nik(value),
					f"{nik.day:02d}-{nik.month:02d}-{nik.year_2:02d}",
					frappe.utils.formatdate(dob),
				),
				NIKMismatchError,
				title=_("NIK does not match"),
			)
	return clean_nik(value)


def mask_nik(nik: str | None) -> str | None:
	"""Show only the last four digits: ************0001."""
	return f"{'*' * 12}{nik[-4:]}" if nik else None


def make_nik(
	province: int, regency: int, district: int, birth_date: datetime.date, female: bool, serial: int
) -> str:
	"""Build a NIK from its parts (used by the demo generator and the tests)."""
	day = birth_date.day + (FEMALE_DAY_OFFSET if female else 0)
	return f"{province:02d}{regency:02d}{district:02d}{day:02d}{birth_date:%m%y}{serial:04d}"


def normalise_mobile(value: str | None, label: str | None = None) -> str | None:
	"""Return an Indonesian number in +62 form (E.164), or throw InvalidPhoneError.

	Accepts what members type: 0812-3456-7890, 62812..., +62 812 ..., 812...
	"""
	if not value or not value.strip():
		return None
	try:
		number = phonenumbers.parse(value.strip(), "ID")
	except phonenumbers.NumberParseException:
		number = None
	if number is None or not phonenumbers.is_valid_number(number):
		frappe.throw(
			_(
				"{0}: {1} is not a phone number we can read. Write it like 0812-3456-7890 or +62 812 3456 7890."
			).format(label or _("Mobile"), frappe.bold(value)),
			InvalidPhoneError,
			title=_("Invalid phone number"),
		)
	return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def validate_digits(value: str | None, label: str, length: int) -> str | None:
	"""Strip separators from a number such as a BPJS card number and check its length."""
	if not value or not value.strip():
		return None
	digits = NON_DIGITS.sub("", value)
	if not digits.isdigit() or len(digits) != length:
		frappe.throw(
			_("{0} must be {1} digits; {2} was given.").format(label, length, frappe.bold(value)),
			InvalidIdentifierError,
			title=_("Invalid number"),
		)
	return digits


def email_key(value) -> str:
	"""An email address as the app stores and compares it: trimmed, lower case."""
	return (value or "").strip().lower()
