"""Posting a check-off remittance in ERPNext: Journal Entries for the employer's whole transfer.

The bank (or clearing) account is debited with what is posted; each matched member's open dues invoices
are credited oldest first (Journal Entry Account rows with party_type Customer and reference_type Sales
Invoice), and what exceeds them is the member's advance. Rows not matched are not posted: they stay on
the remittance, with their total, to resolve. Cancelling the remittance cancels the entries.

An entry holds at most 100 account rows: ERPNext submits (and cancels) a larger one later, in a
background job, so the remittance would say "posted" before anything is, and a failure would leave it
half posted. (Those 100 rows also keep ERPNext's "against" text of the bank row, a Text column of 65,535
bytes that it fills with every party of the entry, from overflowing.) So a large employer's transfer is
posted as several entries in the remittance's own transaction, all with the remittance as their
reference (`cheque_no`), each balanced; the remittance links the first."""

import frappe
from frappe import _
from frappe.utils import flt, today

from union_cases.dues.matching import POSTED
from union_cases.dues.members import ensure_customer
from union_cases.exceptions import RemittancePostingError


def validate(doc):
	if not (doc.get("company") and doc.get("debit_account")):
		frappe.throw(
			_("Choose the company and the bank or clearing account the transfer was received on."),
			RemittancePostingError,
			title=_("Account missing"),
		)
	if frappe.db.get_value("Account", doc.debit_account, "company") != doc.company:
		frappe.throw(
			_("Account {0} does not belong to {1}.").format(doc.debit_account, doc.company),
			RemittancePostingError,
		)
	if not any(row.category in POSTED for row in doc.rows):
		frappe.throw(
			_("No row of the file matches a member with an active authorisation: nothing can be posted."),
			RemittancePostingError,
			title=_("Nothing to post"),
		)


def open_invoices(customers: list[str], company: str) -> dict[str, list]:
	"""Each customer's submitted invoices with something left to pay, oldest first (one query)."""
	invoices = {}
	for invoice in frappe.get_all(
		"Sales Invoice",
		filters={
			"customer": ("in", customers),
			"company": company,
			"docstatus": 1,
			"outstanding_amount": (">", 0),
		},
		fields=["name", "customer", "debit_to", "outstanding_amount"],
		order_by="posting_date asc, name asc",
		limit_page_length=0,
	):
		invoices.setdefault(invoice.customer, []).append(invoice)
	return invoices


def post(doc):
	rows = [row for row in doc.rows if row.category in POSTED and flt(row.amount) > 0]
	customers = {row.member: ensure_customer(row.member) for row in {r.member: r for r in rows}.values()}
	invoices = open_invoices(sorted(set(customers.values())), doc.company)
	company = frappe.get_cached_doc("Company", doc.company)
	cost_center = company.cost_center
	accounts = []
	for row in rows:
		customer, left = customers[row.member], flt(row.amount)
		for invoice in invoices.get(customer, []):
			if left <= 0:
				break
			paid = min(left, flt(invoice.outstanding_amount))
			if paid <= 0:
				continue
			invoice.outstanding_amount = flt(invoice.outstanding_amount) - paid
			left = flt(left - paid, 2)
			accounts.append(credit(invoice.debit_to, customer, paid, cost_center, invoice.name))
		if left > 0:  # more than the open invoices: the member's advance
			accounts.append(credit(company.default_receivable_account, customer, left, cost_center))
		row.posted_amount = flt(row.amount)
	if not accounts:
		frappe.throw(
			_("No row of the file has an amount to post."), RemittancePostingError, title=_("Nothing to post")
		)
	entries = [journal_entry(doc, cost_center, chunk) for chunk in chunks(accounts, AGAINST_BYTES)]
	doc.db_set("journal_entry", entries[0])
	# one statement per amount (most members pay the same), not one per row
	by_amount = {}
	for row in rows:
		by_amount.setdefault(row.posted_amount, []).append(row.name)
	for amount, names in by_amount.items():
		for start in range(0, len(names), 5000):
			frappe.db.set_value(
				"Check-off Remittance Row",
				{"name": ("in", names[start : start + 5000])},
				"posted_amount",
				amount,
				update_modified=False,
			)


# what ERPNext's Text column holds (65,535 bytes), less a margin
AGAINST_BYTES = 60_000
# ERPNext's Journal Entry submits more than 100 rows in the background; one row is the bank's
CREDIT_ROWS = 99


def chunks(accounts: list[dict], limit: int, rows: int | None = None) -> list[list[dict]]:
	"""The credit rows, in order, in groups of at most `rows` (CREDIT_ROWS) whose distinct parties, joined
	as ERPNext joins them (", "), stay under `limit` bytes. A member's rows may fall in two groups: each
	entry balances on its own."""
	rows = rows or CREDIT_ROWS
	groups, current, parties, size = [], [], set(), 0
	for row in accounts:
		party = row["party"]
		if len(current) >= rows:
			groups.append(current)
			current, parties, size = [], set(), 0
		if party not in parties:
			extra = len(party.encode()) + 2
			if current and size + extra > limit:
				groups.append(current)
				current, parties, size = [], set(), 0
			parties.add(party)
			size += extra
		current.append(row)
	groups.append(current)
	return groups


def journal_entry(doc, cost_center: str, credits: list[dict]) -> str:
	"""One balanced, submitted entry: the bank debited with what `credits` credit; returns its name."""
	total = flt(sum(flt(row["credit_in_account_currency"]) for row in credits), 2)
	entry = frappe.get_doc(
		{
			"doctype": "Journal Entry",
			"voucher_type": "Bank Entry",
			"company": doc.company,
			"posting_date": doc.received_on or today(),
			"cheque_no": doc.name,
			"cheque_date": doc.received_on or today(),
			"user_remark": _("Check-off remittance {0} from {1}").format(doc.name, doc.employer),
			"accounts": [
				{
					"account": doc.debit_account,
					"debit_in_account_currency": total,
					"cost_center": cost_center,
				},
				*credits,
			],
		}
	)
	entry.flags.ignore_permissions = True
	entry.insert()
	entry.submit()
	return entry.name


def credit(account: str, customer: str, amount: float, cost_center: str, invoice: str | None = None) -> dict:
	row = {
		"account": account,
		"party_type": "Customer",
		"party": customer,
		"credit_in_account_currency": flt(amount, 2),
		"cost_center": cost_center,
	}
	if invoice:
		row.update(reference_type="Sales Invoice", reference_name=invoice)
	else:
		row["is_advance"] = "Yes"
	return row


def entries_of(doc) -> list[str]:
	"""The submitted entries posting the remittance (the one it links, and the others of a large one)."""
	names = frappe.get_all(
		"Journal Entry",
		filters={"cheque_no": doc.name, "company": doc.get("company"), "docstatus": 1},
		pluck="name",
		order_by="name",
	)
	linked = doc.get("journal_entry")
	if linked and linked not in names and frappe.db.get_value("Journal Entry", linked, "docstatus") == 1:
		names.insert(0, linked)
	return names


def cancel(doc):
	for name in entries_of(doc):
		entry = frappe.get_doc("Journal Entry", name)
		entry.flags.ignore_permissions = True
		entry.flags.ignore_links = True
		entry.cancel()
