"""/knowledge/<article>: one public article; anything else (internal, unpublished, unknown) is not found."""

import frappe
from frappe.utils.html_utils import sanitize_html

from union_cases.casework.knowledge import public_article

no_cache = 1


def get_context(context):
	article = public_article(frappe.form_dict.get("article") or "")
	if not article:
		raise frappe.DoesNotExistError
	context.article = article
	# written by staff in the desk; sanitised again here, as every page shows stored HTML
	context.content = sanitize_html(article.content or "", always_sanitize=True)
	context.title = article.title
	context.parents = [{"route": "knowledge", "title": frappe._("Knowledge Base")}]
	return context
