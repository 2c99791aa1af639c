"""Benchmark: a month's dues invoices, as the long-queue workers raise them (union_cases/dues/billing.py).

Run with the bench's Python from the bench's `sites` folder, on the ERPNext test site only:

    ../env/bin/python ../apps/union_cases/benchmarks/dues_billing.py --site union-erpnext-test.localhost \
        [--members 2000] [--batch 500]

ERPNext commits each subscription it processes, so what this makes stays on the site (members
`KTA-BENCH-…`, their customers, subscriptions and invoices, under the federation `_Bench Federation`):
`scripts/test.sh` makes that site anew on every run. Members are bulk-inserted first; their customers
and subscriptions are made through the app's own code (`dues.members`), timed apart. Timed: the
batches of `bill_batch` (ERPNext's `process_all` on each subscription: a submitted Sales Invoice each),
one after the other in this process, as one worker runs them; it prints the rate and what it means for
1,000,000 members with 1 to 4 workers. A developer tool: its output is English.
"""

import argparse
import sys
import time

import frappe
from frappe.utils import add_months, get_first_day, today
from remittance import make_world

FEDERATION = "_Bench Federation"


def dues_rule():
	if not frappe.db.exists("Dues Rule", FEDERATION):
		frappe.get_doc(
			{
				"doctype": "Dues Rule",
				"federation": FEDERATION,
				"basis": "Flat Amount",
				"amount": 50000,
				"warning_after_months": 2,
				"suspend_after_months": 3,
			}
		).insert()


def main():
	parser = argparse.ArgumentParser()
	parser.add_argument("--site", required=True)
	parser.add_argument("--members", type=int, default=2000)
	parser.add_argument("--batch", type=int, default=500)
	args = parser.parse_args()
	frappe.init(site=args.site, sites_path=".")
	frappe.connect()
	frappe.set_user("Administrator")
	try:
		if "erpnext" not in frappe.get_installed_apps():
			print("ERPNext is not installed on this site: nothing to measure")
			return 1
		from union_cases.dues.billing import bill_batch, member_subscriptions
		from union_cases.dues.members import ensure_customer, ensure_subscription

		started = time.perf_counter()
		if frappe.db.exists("Member", "KTA-BENCH-0000000"):  # an earlier run's members
			people = frappe.get_all("Member", filters={"federation": FEDERATION}, pluck="name")
		else:
			people = [name for name, _nik in make_world(args.members)]
		dues_rule()
		frappe.db.commit()
		inserted = time.perf_counter() - started
		started = time.perf_counter()
		for name in people:
			if not frappe.db.get_value("Member", name, "customer"):
				ensure_subscription(ensure_customer(name), "_Bench Local Union")
		frappe.db.commit()
		parties = time.perf_counter() - started
		print(
			f"{len(people)} members bulk-inserted in {inserted:.1f} s; their customers and subscriptions "
			f"made in {parties:.1f} s ({len(people) / max(parties, 0.001):.1f} members/s, not part of the billing)"
		)

		posting_date = str(add_months(get_first_day(today()), 1))  # the subscriptions' first day
		fiscal_year(posting_date)
		ours = set(bench_subscriptions())
		names = [n for n in member_subscriptions() if n in ours]
		batches = [names[i : i + args.batch] for i in range(0, len(names), args.batch)]
		before = invoices_made()
		started = time.perf_counter()
		for number, batch in enumerate(batches, start=1):
			bill_batch(batch, posting_date, number, len(batches))
		billed = time.perf_counter() - started
		made = invoices_made() - before
		rate = made / billed if billed else 0
		print(
			f"billed {len(names)} subscriptions in {len(batches)} batches of {args.batch}: {made} invoices "
			f"in {billed:.1f} s, {rate:.1f} invoices/s (one worker)"
		)
		if rate:
			for workers in (1, 2, 4):
				hours = 1_000_000 / (rate * workers) / 3600
				print(f"1,000,000 members with {workers} long worker(s): about {hours:.1f} h (if it scales)")
	finally:
		frappe.db.commit()
		frappe.destroy()


def fiscal_year(day: str):
	"""ERPNext posts nothing outside a fiscal year; in December the next one may not exist yet (ERPNext's
	daily job makes it three days before the year ends, which a test site may not have run)."""
	from erpnext.accounts.utils import get_fiscal_year

	try:
		get_fiscal_year(day)
	except Exception:
		year = day[:4]
		frappe.get_doc(
			{
				"doctype": "Fiscal Year",
				"year": year,
				"year_start_date": f"{year}-01-01",
				"year_end_date": f"{year}-12-31",
			}
		).insert(ignore_permissions=True)
		frappe.db.commit()
		print(f"made the fiscal year {year} (the invoices are dated {day})")


def bench_subscriptions() -> list[str]:
	customers = frappe.get_all(
		"Member", filters={"federation": FEDERATION, "customer": ("is", "set")}, pluck="customer"
	)
	return frappe.get_all(
		"Subscription", filters={"party_type": "Customer", "party": ("in", customers)}, pluck="name"
	)


def invoices_made() -> int:
	customers = frappe.get_all(
		"Member", filters={"federation": FEDERATION, "customer": ("is", "set")}, pluck="customer"
	)
	return frappe.db.count("Sales Invoice", {"customer": ("in", customers), "docstatus": 1})


if __name__ == "__main__":
	sys.exit(main())
