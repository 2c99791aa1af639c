"""Reading an employer's remittance file and matching its rows to members, before anything is posted.

Set-based: the members named in the file are read in one query by NIK and one by card number, the
authorisations in force in one more, whatever the number of rows (benchmarks/remittance_matching.py
times it on 50,000). Every row gets a category; the authorised members the file leaves out are added
as rows of their own, so nothing is lost from view."""

import dataclasses
import re

import frappe
from frappe import _
from frappe.utils import flt
from frappe.utils.csvutils import read_csv_content
from frappe.utils.xlsxutils import read_xlsx_file_from_attached_file

from union_cases.dues.checkoff import LEFT_STATUSES, active_in_month, nodes_under
from union_cases.exceptions import RemittanceFileError

MATCHED = "Matched"
AMOUNT_DIFFERS = "Amount Differs"
UNKNOWN = "Unknown NIK"
UNAUTHORISED = "No Active Authorisation"
RESIGNED = "Resigned Member Deducted"
MISSING = "Missing from Remittance"
CATEGORIES = (MATCHED, AMOUNT_DIFFERS, UNKNOWN, UNAUTHORISED, RESIGNED, MISSING)
# the rows whose money is the member's dues and is posted to their invoices
POSTED = (MATCHED, AMOUNT_DIFFERS)
COUNT_FIELDS = {
	MATCHED: "matched_count",
	AMOUNT_DIFFERS: "amount_differs_count",
	UNKNOWN: "unknown_count",
	UNAUTHORISED: "unauthorised_count",
	RESIGNED: "resigned_count",
	MISSING: "missing_count",
}
NIK_LENGTH = 16
CHUNK = 5000


@dataclasses.dataclass
class Line:
	row_no: int
	key: str  # the NIK (digits only) or the card number as written
	name: str
	amount: float


def read_file(file_url: str) -> list[list]:
	"""The rows of a CSV or Excel (.xlsx) file attached to the remittance, header first."""
	file = frappe.get_doc("File", {"file_url": file_url})
	extension = (file.file_name or file_url).rsplit(".", 1)[-1].lower()
	content = file.get_content()
	try:
		if extension == "csv":
			return read_csv_content(content)
		if extension == "xlsx":
			return read_xlsx_file_from_attached_file(fcontent=content)
	except Exception:
		frappe.throw(
			_("The file {0} could not be read. Save it again as CSV or Excel (.xlsx).").format(
				file.file_name
			),
			RemittanceFileError,
			title=_("File not readable"),
		)
	frappe.throw(
		_("Only CSV and Excel (.xlsx) files can be read; {0} is neither.").format(file.file_name),
		RemittanceFileError,
		title=_("File not readable"),
	)


def header_of(rows: list[list]) -> list[str]:
	return [str(cell or "").strip() for cell in rows[0]] if rows else []


def column_index(header: list[str], wanted: str, label: str) -> int:
	lowered = [cell.lower() for cell in header]
	if (wanted or "").strip().lower() not in lowered:
		frappe.throw(
			_("The file has no column {0} for {1}. Its columns are: {2}.").format(
				frappe.bold(wanted or "?"), label, ", ".join(header)
			),
			RemittanceFileError,
			title=_("Column not found"),
		)
	return lowered.index(wanted.strip().lower())


def parse_amount(value, row_no: int) -> float:
	"""An amount as employers write it: 150000, 150.000, Rp 150.000,00, 150,000.00."""
	if isinstance(value, int | float):
		return flt(value, 2)
	written = str(value or "").strip()
	text = re.sub(r"[^\d,.\-]", "", written)
	if not written:
		return 0.0
	if "," in text and "." in text:
		decimal = "," if text.rfind(",") > text.rfind(".") else "."
		text = text.replace("." if decimal == "," else ",", "").replace(decimal, ".")
	elif text.count(".") > 1 or re.fullmatch(r"-?\d{1,3}(\.\d{3})+", text):
		text = text.replace(".", "")
	elif text.count(",") > 1 or re.fullmatch(r"-?\d{1,3}(,\d{3})+", text):
		text = text.replace(",", "")
	else:
		text = text.replace(",", ".")
	try:
		return flt(float(text), 2)
	except ValueError:  # no digits at all, or signs and separators that make no number
		frappe.throw(
			_("Row {0}: {1} is not an amount.").format(row_no, frappe.bold(str(value))),
			RemittanceFileError,
			title=_("Amount not readable"),
		)


def parse(rows: list[list], key_column: str, name_column: str, amount_column: str) -> list[Line]:
	header = header_of(rows)
	key = column_index(header, key_column, _("NIK or Card Number"))
	name = column_index(header, name_column, _("Name")) if name_column else None
	amount = column_index(header, amount_column, _("Amount"))
	lines = []
	for row_no, row in enumerate(rows[1:], start=2):
		cells = list(row) + [""] * (len(header) - len(row))
		value = str(cells[key] or "").strip()
		if isinstance(cells[key], float) and cells[key].is_integer():
			value = str(int(cells[key]))  # a NIK Excel stored as a number
		if not value and not str(cells[amount] or "").strip():
			continue  # an empty line
		digits = re.sub(r"[\s.\-]", "", value)
		lines.append(
			Line(
				row_no,
				digits if digits.isdigit() and len(digits) == NIK_LENGTH else value,
				str(cells[name] or "").strip() if name is not None else "",
				parse_amount(cells[amount], row_no),
			)
		)
	return lines


def find_members(keys: list[str], nodes: list[str]) -> dict[str, dict]:
	"""The members under `nodes` named by NIK or card number, by that key: a few set queries."""
	found = {}
	fields = ["name", "nik", "full_name", "status"]
	niks = [k for k in keys if k.isdigit() and len(k) == NIK_LENGTH]
	nik_set = set(niks)  # built once: a set per key made 50,000 rows take 80 s
	cards = [k for k in keys if k not in nik_set]
	for field, values in (("nik", niks), ("name", cards)):
		for start in range(0, len(values), CHUNK):
			for member in frappe.get_all(
				"Member",
				filters={field: ("in", values[start : start + CHUNK]), "local_union": ("in", nodes)},
				fields=fields,
				limit_page_length=0,
			):
				found[member[field]] = member
	return found


def expected_amount(authorisation) -> float | None:
	if authorisation and authorisation.basis == "Amount":
		return flt(authorisation.amount, 2)
	return None  # a percentage of a wage the union does not know


def categorise(member, authorisation, amount: float) -> str:
	if not member:
		return UNKNOWN
	if member.status in LEFT_STATUSES:
		return RESIGNED
	if not authorisation:
		return UNAUTHORISED
	expected = expected_amount(authorisation)
	if expected is not None and abs(expected - amount) > 0.005:
		return AMOUNT_DIFFERS
	return MATCHED


def match(lines: list[Line], employer: str, federation: str, month) -> list[dict]:
	"""One dict per remittance row (file order), then one per authorised member missing from the file."""
	nodes = nodes_under(federation) or [""]
	members = find_members(sorted({line.key for line in lines}), nodes)
	authorisations = {a.member: a for a in active_in_month(employer, federation, month)}
	rows, seen = [], set()
	for line in lines:
		member = members.get(line.key)
		authorisation = authorisations.get(member.name) if member else None
		if member:
			seen.add(member.name)
		rows.append(
			{
				"row_no": line.row_no,
				"nik": line.key if line.key.isdigit() and len(line.key) == NIK_LENGTH else None,
				"card_number": None if line.key.isdigit() and len(line.key) == NIK_LENGTH else line.key,
				"name_in_file": line.name,
				"amount": line.amount,
				"member": member.name if member else None,
				"expected_amount": expected_amount(authorisation),
				"category": categorise(member, authorisation, line.amount),
			}
		)
	for member, authorisation in authorisations.items():
		if member in seen or authorisation.member_status in LEFT_STATUSES:
			continue
		rows.append(
			{
				"member": member,
				"nik": authorisation.nik,
				"name_in_file": "",
				"amount": 0,
				"expected_amount": expected_amount(authorisation),
				"category": MISSING,
			}
		)
	return rows


def summary(rows) -> dict:
	counts = dict.fromkeys(COUNT_FIELDS.values(), 0)
	total = posted = 0.0
	for row in rows:
		counts[COUNT_FIELDS[row.get("category")]] += 1
		total += flt(row.get("amount"))
		if row.get("category") in POSTED:
			posted += flt(row.get("amount"))
	return {**counts, "total_amount": total, "matched_amount": posted, "unmatched_amount": total - posted}
