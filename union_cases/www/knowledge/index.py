"""/knowledge: the public articles of the knowledge base, searchable, in Indonesian or English."""

import frappe
from frappe import _

from union_cases.casework.knowledge import public_articles
from union_cases.portal.page_cache import cacheable_for_guest

no_cache = 1  # for a guest, 0 (portal/page_cache.py)
LANGUAGES = {"id": "Bahasa Indonesia", "en": "English"}


def get_context(context):
	context.no_cache = cacheable_for_guest()
	txt = (frappe.form_dict.get("q") or "").strip()[:100]
	language = frappe.form_dict.get("lang")
	language = language if language in LANGUAGES else None
	context.title = _("Knowledge Base")
	context.txt = txt
	context.language = language
	context.languages = LANGUAGES
	context.articles = public_articles(txt, language)
	context.no_breadcrumbs = True
	return context
