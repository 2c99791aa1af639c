"""Members as ERPNext parties: each active member has a Customer in the group "Union Members", linked
both ways (Member.customer, Customer.union_member), kept in step when the member changes. A member who
resigns or dies has their customer disabled and their dues subscriptions cancelled, so billing stops."""

import frappe

from union_cases.dues import erpnext
from union_cases.dues.checkoff import LEFT_STATUSES

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


def stop_billing(customer: str):
	for name in frappe.get_all(
		"Subscription",
		filters={"party_type": "Customer", "party": customer, "status": ("!=", "Cancelled")},
		pluck="name",
	):
		subscription = frappe.get_doc("Subscription", name)
		subscription.flags.ignore_permissions = True
		subscription.cancel_subscription()
