"""A month's dues invoices for every member, as background jobs in batches, with progress.

ERPNext's Subscriptions raise the invoices (`process_all`, ERPNext's own task); this only splits the
members' subscriptions into batches on the long queue, so a national union's million members are
billed by as many workers as the site runs, and shows how far it got. benchmarks/dues_billing.py
prints the rate."""

import frappe
from frappe import _
from frappe.utils import getdate, today

from union_cases.dues import erpnext

BATCH_SIZE = 500


def member_subscriptions() -> list[str]:
	"""The running Subscriptions of members' customers, in name order."""
	subscription = frappe.qb.DocType("Subscription")
	customer = frappe.qb.DocType("Customer")
	return (
		frappe.qb.from_(subscription)
		.join(customer)
		.on(customer.name == subscription.party)
		.select(subscription.name)
		.where(
			(subscription.party_type == "Customer")
			& (subscription.status.notin(("Cancelled", "Completed")))
			& (customer.union_member.isnotnull())
		)
		.orderby(subscription.name)
		.run(pluck=True)
	)


def enqueue_month(posting_date=None, batch_size: int = BATCH_SIZE) -> int:
	"""Queue the batches; returns how many. Each batch tells its progress to whoever started it."""
	erpnext.require()
	posting_date = str(getdate(posting_date or today()))
	names = member_subscriptions()
	batches = [names[i : i + batch_size] for i in range(0, len(names), batch_size)]
	for number, batch in enumerate(batches, start=1):
		frappe.enqueue(
			"union_cases.dues.billing.bill_batch",
			queue="long",
			job_id=f"union_cases:dues:{posting_date}:{number}",
			deduplicate=True,
			names=batch,
			posting_date=posting_date,
			number=number,
			batches=len(batches),
			user=frappe.session.user,
		)
	return len(batches)


def bill_batch(
	names: list[str], posting_date: str, number: int = 1, batches: int = 1, user: str | None = None
):
	"""One batch: ERPNext processes each subscription (an invoice when its period starts); committed
	per subscription by ERPNext itself."""
	from erpnext.accounts.doctype.subscription.subscription import process_all

	process_all(names, posting_date)
	frappe.publish_realtime(
		"progress",
		{
			"percent": number * 100 / batches,
			"title": _("Dues invoices"),
			"description": _("Batch {0} of {1} done").format(number, batches),
		},
		user=user,
	)
