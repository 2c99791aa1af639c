"""What the app adds to Frappe's own doctypes: the knowledge base on Help Article and Help Category
(custom fields, the seeded Help Categories, the staff's rights on them). Installed and migrated by
`setup.install`; removed on uninstall."""

import frappe
from frappe.custom.doctype.custom_field.custom_field import create_custom_fields
from frappe.permissions import add_permission, update_permission_property

from union_cases.casework.knowledge import INTERNAL, PUBLIC
from union_cases.configuration.shipped import seed_once
from union_cases.utils.translation import N_

HELP_CATEGORIES = (
	N_("Guides"),
	N_("Letter Templates"),
	N_("Lawsuit Templates"),
	N_("Precedents"),
	N_("FAQs"),
)
CUSTOM_FIELDS = {
	"Help Article": [
		{
			"fieldname": "union_section",
			"fieldtype": "Section Break",
			"label": N_("Union Cases"),
			"insert_after": "not_helpful",
		},
		{
			"fieldname": "union_visibility",
			"fieldtype": "Select",
			"label": N_("Visibility"),
			"options": f"{INTERNAL}\n{PUBLIC}",
			"default": INTERNAL,
			"reqd": 1,
			"in_list_view": 1,
			"in_standard_filter": 1,
			"insert_after": "union_section",
			"description": N_(
				"Internal: staff only, never on the website. Public: on the member portal once published."
			),
		},
		{
			"fieldname": "union_language",
			"fieldtype": "Link",
			"options": "Language",
			"label": N_("Article Language"),
			"default": "id",
			"in_standard_filter": 1,
			"insert_after": "union_visibility",
		},
		{
			"fieldname": "union_case_categories",
			"fieldtype": "Table MultiSelect",
			"options": "Help Article Case Category",
			"label": N_("Case Categories"),
			"insert_after": "union_language",
			"description": N_("A case of these categories suggests this article."),
		},
	]
}
# role: whether it also writes Help Articles (all read them, and read the Help Categories to choose one)
KNOWLEDGE_ROLES = {"Case Operator": 0, "Federation Officer": 0, "Legal Advisor": 1, "Union Administrator": 1}


def setup_knowledge_base():
	create_custom_fields(CUSTOM_FIELDS, update=True)
	for category in HELP_CATEGORIES:
		seed_once(f"Help Category: {category}", lambda category=category: create_help_category(category))
	for role, write in KNOWLEDGE_ROLES.items():
		for doctype in ("Help Article", "Help Category"):
			if not frappe.db.exists("Custom DocPerm", {"parent": doctype, "role": role, "permlevel": 0}):
				add_permission(doctype, role, 0)
			if doctype == "Help Article" and write:
				for ptype in ("write", "create"):
					update_permission_property(doctype, role, 0, ptype, 1, validate=False)


def create_help_category(category: str):
	if not frappe.db.exists("Help Category", category):
		frappe.get_doc({"doctype": "Help Category", "category_name": category, "published": 1}).insert(
			ignore_permissions=True
		)


def remove_knowledge_base():
	for doctype, fields in CUSTOM_FIELDS.items():
		for field in fields:
			frappe.db.delete("Custom Field", {"dt": doctype, "fieldname": field["fieldname"]})
		frappe.clear_cache(doctype=doctype)
	frappe.db.delete(
		"Custom DocPerm",
		{"parent": ("in", ("Help Article", "Help Category")), "role": ("in", list(KNOWLEDGE_ROLES))},
	)
