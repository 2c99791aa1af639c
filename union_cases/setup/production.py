"""What a site needs in production beyond Frappe's defaults; `scripts/deploy.sh` runs it through the
`union-cases-production` bench command.

- No tracebacks to visitors: System Settings *allow_error_traceback* off (Frappe then answers a server
  error with its plain message, for guests and users alike).
- Backups encrypted (System Settings *encrypt_backup*; Frappe keeps the key as `backup_encryption_key`
  in the site config, which must be copied off the machine with the backups).
- Requests large enough for the portal's uploads: Frappe refuses any request body above the site
  config's `max_file_size` (25 MB when unset) before the app sees it, and a complaint or a reply sends
  up to `MAX_FILES` files of `union_cases_max_upload_mb` each in one request.
- The passwords the scripts document as local defaults are refused (`default_passwords_in_use`).
"""

import frappe
from frappe.installer import update_site_config
from frappe.utils.password import check_password

from union_cases.utils.files import MAX_FILES, max_upload_mb

# the local defaults README and scripts/lib.sh document (Administrator, demo staff)
DOCUMENTED_PASSWORDS = ("admin", "demo")
# room for the form's other fields and the multipart framing around the files
FORM_MARGIN_MB = 1


def request_limit_mb() -> int:
	"""The largest request body the portal's upload forms need, in MB (nginx is sized to it too)."""
	return max_upload_mb() * MAX_FILES + FORM_MARGIN_MB


def default_passwords_in_use() -> list[str]:
	"""Enabled desk users (Administrator included) whose password is one of the documented defaults."""
	users = frappe.get_all(
		"User", filters={"enabled": 1, "user_type": "System User"}, pluck="name", order_by="name"
	)
	found = []
	for user in users:
		for password in DOCUMENTED_PASSWORDS:
			try:
				check_password(user, password, delete_tracker_cache=False)
			except frappe.AuthenticationError:
				continue
			found.append(user)
			break
	return found


def apply_settings() -> dict:
	"""Set what production needs; returns what was set (for the deploy script to print)."""
	settings = frappe.get_single("System Settings")
	settings.allow_error_traceback = 0
	settings.encrypt_backup = 1
	settings.flags.ignore_mandatory = True
	settings.save(ignore_permissions=True)
	limit = request_limit_mb()
	frappe.conf.max_file_size = limit * 1024 * 1024
	update_site_config("max_file_size", frappe.conf.max_file_size)
	# Frappe generates the key on first use; make it now, so it can be copied off the machine at once
	from frappe.utils.backups import get_or_generate_backup_encryption_key

	get_or_generate_backup_encryption_key()
	frappe.db.commit()
	return {"allow_error_traceback": 0, "encrypt_backup": 1, "max_request_mb": limit}
