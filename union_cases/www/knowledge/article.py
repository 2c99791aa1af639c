"""/knowledge/<article>: one public article; anything else (internal, unpublished, unknown) is not found."""

import frappe

from union_cases.knowledge import public_article

no_cache = 1


def get_context(context):
	article = public_article(frappe.form_dict.get("article") or "")
	if not article:
		raise frappe.DoesNotExistError
	context.article = article
	context.title = article.title
	context.parents = [{"route": "knowledge", "title": frappe._("Knowledge Base")}]
	return context
