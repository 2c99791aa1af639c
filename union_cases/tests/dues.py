"""Builders for the dues tests: authorisations, remittance files, a remittance."""

import csv
import io

import frappe

from union_cases.tests.utils import EMPLOYER, LOCAL_UNION, make_member

MONTH = "2026-11-01"


def authorise(member, amount=50000, employer=EMPLOYER, date="2026-01-15", **values):
	return frappe.get_doc(
		{
			"doctype": "Check-off Authorisation",
			"member": member.name,
			"employer": employer,
			"authorisation_date": date,
			"basis": "Amount",
			"amount": amount,
			**values,
		}
	).insert()


def csv_file(rows: list[list], name: str = "_test_remittance.csv") -> str:
	"""A private File holding `rows` as CSV; returns its URL."""
	buffer = io.StringIO()
	csv.writer(buffer).writerows(rows)
	return save_file(name, buffer.getvalue().encode())


def xlsx_file(rows: list[list], name: str = "_test_remittance.xlsx") -> str:
	from frappe.utils.xlsxutils import make_xlsx

	return save_file(name, make_xlsx(rows, "Potongan").getvalue())


def save_file(name: str, content: bytes) -> str:
	file = frappe.get_doc({"doctype": "File", "file_name": name, "is_private": 1, "content": content})
	file.insert(ignore_permissions=True)
	return file.file_url


def remittance(file_url: str, federation: str = "_Test Federation", **values):
	return frappe.get_doc(
		{
			"doctype": "Check-off Remittance",
			"employer": EMPLOYER,
			"federation": federation,
			"month": MONTH,
			"received_on": "2026-11-28",
			"remittance_file": file_url,
			"nik_column": "NIK",
			"name_column": "Nama",
			"amount_column": "Potongan",
			**values,
		}
	)


def member_set():
	"""Members covering every category of the matcher (see test_check_off_remittance)."""
	people = {
		"paid": make_member(full_name="_Test Paid Right"),
		"short": make_member(full_name="_Test Paid Short"),
		"unauthorised": make_member(full_name="_Test Not Authorised"),
		"resigned": make_member(full_name="_Test Resigned"),
		"missing": make_member(full_name="_Test Missing"),
		"elsewhere": make_member(full_name="_Test Other Federation", local_union="_Test Local Union 2"),
	}
	for key in ("paid", "short", "resigned", "missing", "elsewhere"):
		authorise(people[key])
	resigned = people["resigned"]
	resigned.status = "Resigned"
	resigned.save()
	return people


def file_rows(people) -> list[list]:
	return [
		["No", "NIK", "Nama", "Potongan"],
		[1, people["paid"].nik, "Paid Right", "50.000"],
		[2, people["short"].name, "Paid Short", "Rp 40.000,00"],  # by card number
		[3, "3273054107909999", "Someone Unknown", "50000"],
		[4, people["unauthorised"].nik, "Not Authorised", "50000"],
		[5, people["resigned"].nik, "Resigned", "50000"],
		[6, people["elsewhere"].nik, "Other Federation", "50000"],
		["", "", "", ""],
	]


__all__ = [
	"LOCAL_UNION",
	"MONTH",
	"authorise",
	"csv_file",
	"file_rows",
	"member_set",
	"remittance",
	"xlsx_file",
]
