"""Members as ERPNext parties: each active member has a Customer in the group "Union Members", linked
both ways (Member.customer, Customer.union_member), kept in step when the member changes, and an ERPNext
Subscription on the Subscription Plan of their Dues Rule (the rule of their local union or the nearest
node above it), so ERPNext raises the monthly dues invoices. A member who resigns or dies has their
customer disabled and their subscriptions cancelled, so billing stops."""

import frappe
from frappe.utils import add_months, get_first_day, today

from union_cases.dues import erpnext
from union_cases.dues.checkoff import LEFT_STATUSES
from union_cases.dues.doctype.dues_rule.dues_rule import rule_for

MEMBER_CUSTOMER_GROUP = "Union Members"
BILLED_STATUSES = ("Active", "Suspended")


def ensure_customer(member: str) -> str:
	"""The member's Customer, made when missing; returns its name."""
	values = frappe.db.get_value("Member", member, ["name", "full_name", "customer", "status"], as_dict=True)
	if values.customer and frappe.db.exists("Customer", values.customer):
		return values.customer
	customer = frappe.get_doc(
		{
			"doctype": "Customer",
			"customer_name": values.full_name,
			"customer_type": "Individual",
			"customer_group": MEMBER_CUSTOMER_GROUP,
			"union_member": member,
			"disabled": int(values.status in LEFT_STATUSES),
		}
	)
	customer.flags.ignore_permissions = True
	customer.insert()
	frappe.db.set_value("Member", member, "customer", customer.name, update_modified=False)
	return customer.name


def sync_customer(member, method=None):
	"""Member on_update (with ERPNext): the customer follows the member's name and status."""
	if not erpnext.installed():
		return
	if not member.get("customer") and member.status not in BILLED_STATUSES:
		return
	name = ensure_customer(member.name)
	left = int(member.status in LEFT_STATUSES)
	current = frappe.db.get_value("Customer", name, ["customer_name", "disabled"], as_dict=True)
	if (current.customer_name, current.disabled) != (member.full_name, left):
		frappe.db.set_value("Customer", name, {"customer_name": member.full_name, "disabled": left})
	if left:
		stop_billing(name)
	elif member.status == "Active":
		ensure_subscription(name, member.local_union)


def ensure_subscription(customer: str, local_union: str):
	"""An active Subscription of the customer on their dues rule's plan, from the first of next month
	(nothing billed backwards); none when no rule with a plan covers the member."""
	rule = rule_for(local_union)
	plan = rule.get("subscription_plan") if rule else None
	if not plan:
		return None
	existing = frappe.db.get_value(
		"Subscription",
		{"party_type": "Customer", "party": customer, "status": ("!=", "Cancelled")},
		"name",
	)
	if existing:
		return existing
	subscription = frappe.get_doc(
		{
			"doctype": "Subscription",
			"party_type": "Customer",
			"party": customer,
			"company": rule.company_for_billing(),
			"start_date": add_months(get_first_day(today()), 1),
			"generate_invoice_at": "Beginning of the current subscription period",
			"days_until_due": 30,
			"submit_invoice": 1,
			"plans": [{"plan": plan, "qty": 1}],
		}
	)
	subscription.flags.ignore_permissions = True
	subscription.insert()
	return subscription.name


def stop_billing(customer: str):
	for name in frappe.get_all(
		"Subscription",
		filters={"party_type": "Customer", "party": customer, "status": ("!=", "Cancelled")},
		pluck="name",
	):
		subscription = frappe.get_doc("Subscription", name)
		subscription.flags.ignore_permissions = True
		subscription.cancel_subscription()
