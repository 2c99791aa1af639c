"""What dues add to a site with ERPNext: the custom fields linking the app's dues records to ERPNext's
doctypes (and a Customer back to its Member), the customer group of members, the Union Dues workspace.

Run when ERPNext is installed after union_cases (`after_app_install`), when union_cases is installed
(or migrated) on a site that has ERPNext, and undone before ERPNext (or union_cases) is uninstalled.
Without ERPNext none of it exists: the dues doctypes work, and nothing links to a missing doctype."""

import json

import frappe
from frappe.custom.doctype.custom_field.custom_field import create_custom_fields

from union_cases.dues import erpnext
from union_cases.dues.members import MEMBER_CUSTOMER_GROUP
from union_cases.utils.translation import N_

WORKSPACE = "Union Dues"
CUSTOM_FIELDS = {
	"Member": [
		{
			"fieldname": "customer",
			"fieldtype": "Link",
			"options": "Customer",
			"label": N_("Customer"),
			"insert_after": "language",
			"read_only": 1,
			"no_copy": 1,
		},
	],
	"Customer": [
		{
			"fieldname": "union_member",
			"fieldtype": "Link",
			"options": "Member",
			"label": N_("Union Member"),
			"insert_after": "customer_group",
			"read_only": 1,
			"no_copy": 1,
			"search_index": 1,
		},
	],
	"Dues Rule": [
		{
			"fieldname": "subscription_plan",
			"fieldtype": "Link",
			"options": "Subscription Plan",
			"label": N_("Subscription Plan"),
			"insert_after": "billing_interval",
			"read_only": 1,
			"no_copy": 1,
		},
	],
	"Check-off Remittance": [
		{
			"fieldname": "section_accounting",
			"fieldtype": "Section Break",
			"label": N_("Accounting"),
			"insert_after": "received_on",
		},
		{
			"fieldname": "company",
			"fieldtype": "Link",
			"options": "Company",
			"label": N_("Company"),
			"insert_after": "section_accounting",
		},
		{
			"fieldname": "debit_account",
			"fieldtype": "Link",
			"options": "Account",
			"label": N_("Bank or Clearing Account"),
			"insert_after": "company",
			"description": N_(
				"Debited with the amount posted; match it to the bank line in the Bank Reconciliation Tool."
			),
		},
		{
			"fieldname": "column_break_accounting",
			"fieldtype": "Column Break",
			"insert_after": "debit_account",
		},
		{
			"fieldname": "journal_entry",
			"fieldtype": "Link",
			"options": "Journal Entry",
			"label": N_("Journal Entry"),
			"insert_after": "column_break_accounting",
			"read_only": 1,
			"no_copy": 1,
		},
	],
}
WORKSPACE_LINKS = (
	("DocType", "Check-off Authorisation"),
	("DocType", "Check-off Notice"),
	("DocType", "Check-off Remittance"),
	("DocType", "Dues Rule"),
	("Report", "Dues Arrears"),
	("DocType", "Customer"),
	("DocType", "Sales Invoice"),
	("DocType", "Subscription"),
)


def after_app_install(app_name: str):
	if app_name == "erpnext" and "union_cases" in frappe.get_installed_apps():
		setup_dues()


def before_app_uninstall(app_name: str):
	if app_name == "erpnext":
		remove_dues()


def setup_dues():
	"""Idempotent: on install, on migrate and when ERPNext arrives."""
	if not erpnext.installed():
		return
	create_custom_fields(CUSTOM_FIELDS, update=True)
	ensure_customer_group()
	ensure_workspace()


def remove_dues():
	for doctype, fields in CUSTOM_FIELDS.items():
		names = frappe.get_all(
			"Custom Field",
			filters={"dt": doctype, "fieldname": ("in", [f["fieldname"] for f in fields])},
			pluck="name",
		)
		for name in names:
			frappe.delete_doc("Custom Field", name, ignore_permissions=True, force=True)
		frappe.clear_cache(doctype=doctype)
	if frappe.db.exists("Workspace", WORKSPACE):
		frappe.delete_doc("Workspace", WORKSPACE, ignore_permissions=True, force=True)


def ensure_customer_group():
	if frappe.db.exists("Customer Group", MEMBER_CUSTOMER_GROUP):
		return
	parent = frappe.db.get_value(
		"Customer Group", {"is_group": 1, "parent_customer_group": ("in", ("", None))}
	)
	frappe.get_doc(
		{
			"doctype": "Customer Group",
			"customer_group_name": MEMBER_CUSTOMER_GROUP,
			"parent_customer_group": parent,
			"is_group": 0,
		}
	).insert(ignore_permissions=True)


def ensure_workspace():
	"""The dues workspace (only on sites with ERPNext), created when missing so an administrator may
	change it."""
	if frappe.db.exists("Workspace", WORKSPACE):
		return
	links = [{"type": "Card Break", "label": N_("Dues and Check-off"), "link_count": len(WORKSPACE_LINKS)}]
	links += [
		{
			"type": "Link",
			"link_type": link_type,
			"link_to": name,
			"label": name,
			"is_query_report": int(link_type == "Report"),
		}
		for link_type, name in WORKSPACE_LINKS
	]
	content = [
		{
			"id": "dues-header",
			"type": "header",
			"data": {"text": f'<span class="h4"><b>{WORKSPACE}</b></span>', "col": 12},
		},
		{"id": "dues-card", "type": "card", "data": {"card_name": N_("Dues and Check-off"), "col": 6}},
	]
	frappe.get_doc(
		{
			"doctype": "Workspace",
			"name": WORKSPACE,
			"label": WORKSPACE,
			"title": WORKSPACE,
			"module": "Dues",
			"icon": "money-coins-1",
			"public": 1,
			"is_hidden": 0,
			"content": json.dumps(content),
			"links": links,
		}
	).insert(ignore_permissions=True)
