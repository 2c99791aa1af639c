"""Helpers for text stored in English and shown in the reader's (or the site's) language."""

import frappe


def N_(message: str) -> str:
	"""Mark a string for translation without translating it (record names, defaults stored in English)."""
	return message


def site_language() -> str:
	"""The site's default language (Indonesian on a union's site), for text stored once for everyone."""
	return frappe.db.get_single_value("System Settings", "language") or "en"
