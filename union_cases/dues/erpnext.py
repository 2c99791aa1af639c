"""Whether ERPNext is on the site, and the refusal when a dues step needs it."""

import frappe
from frappe import _

from union_cases.exceptions import ERPNextMissingError


def installed() -> bool:
	return "erpnext" in frappe.get_installed_apps()


def require():
	if not installed():
		frappe.throw(
			_("This needs ERPNext, which is not installed on this site."),
			ERPNextMissingError,
			title=_("ERPNext not installed"),
		)


def dues_enabled() -> bool:
	"""For templates (a Jinja method, hooks.jinja): whether the portal offers the member's dues page."""
	return installed()
