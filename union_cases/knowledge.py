"""The knowledge base: Frappe's own Help Article and Help Category, with what a union adds.

Articles (guides, letter and lawsuit templates, precedents, FAQs: the Help Categories seeded here) get a
visibility (Internal or Public), a language (Indonesian or English) and the case categories they serve.
An internal article is never published, so neither Frappe's own knowledge-base pages nor the app's
`/knowledge` pages can show it; staff read it in the desk and from the cases it is linked to.
"""

import frappe
from frappe.custom.doctype.custom_field.custom_field import create_custom_fields
from frappe.permissions import add_permission, update_permission_property

from union_cases.translation import N_

PUBLIC = "Public"
INTERNAL = "Internal"
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
ROLES = {"Case Operator": 0, "Federation Officer": 0, "Legal Advisor": 1, "Union Administrator": 1}


def setup():
	create_custom_fields(CUSTOM_FIELDS, update=True)
	for category in HELP_CATEGORIES:
		if not frappe.db.exists("Help Category", category):
			frappe.get_doc({"doctype": "Help Category", "category_name": category, "published": 1}).insert(
				ignore_permissions=True
			)
	for role, write in ROLES.items():
		for doctype in ("Help Article", "Help Category"):
			if not frappe.db.exists("Custom DocPerm", {"parent": doctype, "role": role, "permlevel": 0}):
				add_permission(doctype, role, 0)
			if doctype == "Help Article" and write:
				for ptype in ("write", "create"):
					update_permission_property(doctype, role, 0, ptype, 1, validate=False)


def remove():
	for doctype, fields in CUSTOM_FIELDS.items():
		for field in fields:
			frappe.db.delete("Custom Field", {"dt": doctype, "fieldname": field["fieldname"]})
		frappe.clear_cache(doctype=doctype)
	frappe.db.delete(
		"Custom DocPerm", {"parent": ("in", ("Help Article", "Help Category")), "role": ("in", list(ROLES))}
	)


def keep_internal_unpublished(doc, method=None):
	"""Help Article validate: only a public article can be published on the website."""
	if doc.get("union_visibility") != PUBLIC:
		doc.published = 0


def public_articles(txt: str | None = None, language: str | None = None) -> list[dict]:
	"""Published public articles (for anyone, guests included), newest first, optionally searched."""
	filters = {"published": 1, "union_visibility": PUBLIC}
	if language:
		filters["union_language"] = language
	or_filters = None
	if txt:
		like = f"%{txt.strip()}%"
		or_filters = {"title": ("like", like), "content": ("like", like)}
	return frappe.get_all(
		"Help Article",
		filters=filters,
		or_filters=or_filters,
		fields=["name", "title", "category", "union_language", "modified"],
		order_by="modified desc",
		limit_page_length=200,
	)


def public_article(name: str):
	"""One published public article, or None."""
	found = frappe.get_all(
		"Help Article",
		filters={"name": name, "published": 1, "union_visibility": PUBLIC},
		fields=["name", "title", "category", "content", "union_language", "modified", "author"],
	)
	return found[0] if found else None
