"""Guest pages from Frappe's page cache (README, "Member portal and public forms").

Frappe keeps a rendered page under its path and language only (`frappe.website.utils.cache_html`),
whoever asked for it and whatever its query string. So:
- every request of someone logged in, every request with a query string and every POST is marked
  `frappe.local.no_cache` before anything is rendered: it is neither served from the cache nor stored;
- the app's pages that show nothing personal to a guest (`/complaint` and `/knowledge`)
  say `no_cache = 0` for a guest (`cacheable_for_guest`), every other page of the app stays uncached
  (an article, `/knowledge/<article>`, too: a route rule's pages share one key, the rule's target);
- what those pages list (case categories, sector federations, public articles and their categories,
  translations) clears the cache when it changes (doc_events in hooks.py).
"""

import frappe
from frappe.website.utils import delete_page_cache


def mark_uncacheable():
	"""before_request: nothing personal, nothing searched, nothing posted goes into or out of the cache."""
	request = getattr(frappe.local, "request", None)
	if request is None:
		return
	if frappe.session.user != "Guest" or request.query_string or request.method != "GET":
		frappe.local.no_cache = 1


def cacheable_for_guest() -> int:
	"""A page's `no_cache`: 0 (cacheable) for a guest, 1 for anyone logged in."""
	return 0 if frappe.session.user == "Guest" else 1


def clear(doc=None, method=None):
	"""doc_events: a record a cached page lists changed; every cached page goes (they are few)."""
	delete_page_cache(None)
