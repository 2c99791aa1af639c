"""Benchmark: an employer's check-off remittance of 50,000 rows, read, matched and saved, then submitted.

Run with the bench's Python from the bench's `sites` folder, on a test site (it writes and then rolls
everything back; the file it writes is removed):

    ../env/bin/python ../apps/union_cases/benchmarks/remittance.py --site union-test.localhost [--rows 50000]

Members and authorisations are bulk-inserted first (not timed). Timed: the remittance's insert (the CSV
read with Frappe's reader, the set-based matching, the rows saved) and its submit (with ERPNext on the
site, the Journal Entry too: every member then has an advance, as no invoice is open).
The goal is under 60 s for both. A developer tool: its output is English.
"""

import argparse
import csv
import datetime
import io
import os
import sys
import time

import frappe
from frappe.utils import now

TREE = (
	("_Bench Confederation", "Confederation", None),
	("_Bench Federation", "Federation", "_Bench Confederation"),
	("_Bench Branch", "Branch", "_Bench Federation"),
	("_Bench Local Union", "Local Union", "_Bench Branch"),
)
EMPLOYER = "_Bench Employer"
AMOUNT = 50000


def make_world(rows: int) -> list[tuple[str, str]]:
	from union_cases.utils.identity import make_nik

	for name, level, parent in TREE:
		if not frappe.db.exists("Federation", name):
			frappe.get_doc(
				{
					"doctype": "Federation",
					"federation_name": name,
					"level": level,
					"parent_federation": parent,
					"code": name.upper().replace(" ", "-"),
				}
			).insert()
	if not frappe.db.exists("Employer", EMPLOYER):
		frappe.get_doc({"doctype": "Employer", "employer_name": EMPLOYER}).insert()
	stamp, members, auths, people = now(), [], [], []
	birth = datetime.date(1990, 5, 17)
	for i in range(rows):
		# a NIK of another regency per 10,000 (the serial has four digits)
		number = make_nik(32, 1 + i // 9999, 1 + (i // 9999) % 9, birth, True, 1 + i % 9999)
		name = f"KTA-BENCH-{i:07d}"
		people.append((name, number))
		members.append(
			(
				name,
				stamp,
				stamp,
				"Administrator",
				"Administrator",
				0,
				"_Bench member",
				number,
				"Female",
				birth,
				"_Bench Local Union",
				"_Bench Federation",
				EMPLOYER,
				"Active",
				"2020-01-01",
			)
		)
		auths.append(
			(
				f"CKA-BENCH-{i:07d}",
				stamp,
				stamp,
				"Administrator",
				"Administrator",
				0,
				name,
				"_Bench member",
				"_Bench Local Union",
				"_Bench Federation",
				EMPLOYER,
				"2020-01-01",
				"Amount",
				AMOUNT,
				"Active",
			)
		)
	frappe.db.bulk_insert(
		"Member",
		(
			"name",
			"creation",
			"modified",
			"owner",
			"modified_by",
			"docstatus",
			"full_name",
			"nik",
			"gender",
			"date_of_birth",
			"local_union",
			"federation",
			"employer",
			"status",
			"join_date",
		),
		members,
		chunk_size=5000,
	)
	frappe.db.bulk_insert(
		"Check-off Authorisation",
		(
			"name",
			"creation",
			"modified",
			"owner",
			"modified_by",
			"docstatus",
			"member",
			"member_name",
			"local_union",
			"federation",
			"employer",
			"authorisation_date",
			"basis",
			"amount",
			"status",
		),
		auths,
		chunk_size=5000,
	)
	return people


def make_file(people) -> str:
	buffer = io.StringIO()
	writer = csv.writer(buffer)
	writer.writerow(["NIK", "Nama", "Potongan"])
	for i, (_name, number) in enumerate(people):
		if i % 100 == 1:
			number = "3201019999990000"  # an unknown NIK
		writer.writerow([number, "_Bench member", AMOUNT - (5000 if i % 50 == 3 else 0)])
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": "_bench_remittance.csv",
			"is_private": 1,
			"content": buffer.getvalue().encode(),
		}
	)
	file.insert(ignore_permissions=True)
	return file


def main():
	parser = argparse.ArgumentParser()
	parser.add_argument("--site", required=True)
	parser.add_argument("--rows", type=int, default=50000)
	args = parser.parse_args()
	frappe.init(site=args.site, sites_path=".")
	frappe.connect()
	frappe.set_user("Administrator")
	file = None
	try:
		started = time.perf_counter()
		people = make_world(args.rows)
		file = make_file(people)
		print(
			f"{args.rows} members and authorisations inserted in {time.perf_counter() - started:.1f} s (not timed)"
		)
		doc = frappe.get_doc(
			{
				"doctype": "Check-off Remittance",
				"employer": EMPLOYER,
				"federation": "_Bench Federation",
				"month": "2026-11-01",
				"remittance_file": file.file_url,
				"nik_column": "NIK",
				"name_column": "Nama",
				"amount_column": "Potongan",
			}
		)
		installed = "erpnext" in frappe.get_installed_apps()
		if installed:
			company = frappe.db.get_value("Company", {}, "name")
			doc.company = company
			doc.debit_account = frappe.db.get_value("Company", company, "default_cash_account")
		started = time.perf_counter()
		doc.insert()
		validated = time.perf_counter() - started
		print(
			f"read, matched and saved: {validated:.1f} s ({len(doc.rows)} rows: {doc.matched_count} matched, {doc.amount_differs_count} amount differs, {doc.unknown_count} unknown, {doc.missing_count} missing)"
		)
		started = time.perf_counter()
		doc.submit()
		submitted = time.perf_counter() - started
		print(f"submitted{' and posted' if installed else ''}: {submitted:.1f} s")
		print(f"total: {validated + submitted:.1f} s (goal < 60 s)")
	finally:
		frappe.db.rollback()
		if file:
			path = file.get_full_path()
			if os.path.exists(path):
				os.remove(path)
		frappe.destroy()


if __name__ == "__main__":
	sys.exit(main())
