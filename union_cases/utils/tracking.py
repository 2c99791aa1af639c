"""Links a guest follows their submission with: tracking keys, mailed confirmation codes, and the
hourly limit of public submissions per address."""

import hashlib
import hmac
import secrets

import frappe
from frappe import _
from frappe.utils import get_url
from frappe.utils.password import get_encryption_key

from union_cases.exceptions import TooManySubmissionsError
from union_cases.utils.identity import email_key

# Public submissions (applications, complaints) one address may send per hour; site config can change it.
DEFAULT_SUBMISSIONS_PER_HOUR = 5


def new_tracking_key() -> str:
	"""A secret for the tracking link: 32 URL-safe characters, not derived from anything guessable."""
	return secrets.token_urlsafe(24)


def tracking_url(key: str, confirm: str | None = None) -> str:
	"""The tracking link; with `confirm`, the link mailed to the address given, which proves it is theirs."""
	return get_url(f"/track?key={key}" + (f"&confirm={confirm}" if confirm else ""))


def confirmation_code(case_name: str, key: str, email: str) -> str:
	"""The part of the mailed tracking link that only the mailbox of `email` receives (never shown on screen).

	Derived from the site's secret, so it needs no storage and changes when the tracking key does.
	"""
	secret = get_encryption_key().encode()
	message = f"{case_name}:{key}:{email_key(email)}".encode()
	return hmac.new(secret, message, hashlib.sha256).hexdigest()[:32]


def confirmation_matches(case, code: str | None) -> bool:
	email = case.raised_by or case.complainant_email
	if not (code and email and case.tracking_key):
		return False
	return hmac.compare_digest(confirmation_code(case.name, case.tracking_key, email), str(code))


def check_submission_rate(kind: str):
	"""Refuse a guest's submission beyond the hourly limit per IP address (abuse of the public forms)."""
	limit = frappe.conf.get("union_cases_submissions_per_hour") or DEFAULT_SUBMISSIONS_PER_HOUR
	ip = getattr(frappe.local, "request_ip", None) or "unknown"
	key = frappe.cache.make_key(f"union_cases:submissions:{kind}:{ip}")
	count = frappe.cache.incrby(key, 1)
	if count == 1:
		frappe.cache.expire(key, 3600)
	if count > limit:
		frappe.throw(
			_("Too many submissions from your connection in the last hour. Please try again later."),
			TooManySubmissionsError,
			title=_("Please wait"),
		)


def reset_submission_rate(kind: str, ip: str):
	frappe.cache.delete(frappe.cache.make_key(f"union_cases:submissions:{kind}:{ip}"))
