"""The knowledge base: Frappe's own Help Article and Help Category, with what a union adds.

Articles (guides, letter and lawsuit templates, precedents, FAQs: the Help Categories seeded on install) get a
visibility (Internal or Public), a language (Indonesian or English) and the case categories they serve
(custom fields, `union_cases.setup.custom_fields`).
An internal article is never published, so neither Frappe's own knowledge-base pages nor the app's
`/knowledge` pages can show it; staff read it in the desk and from the cases it is linked to.
"""

import frappe

PUBLIC = "Public"
INTERNAL = "Internal"


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
