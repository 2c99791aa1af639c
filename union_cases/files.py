"""Files attached to union records hold personal data: they are always private."""

import frappe

PRIVATE_ATTACHMENT_DOCTYPES = ("Case", "Member", "Referral", "Membership Application")


def keep_case_files_private(doc, method=None):
	"""File before_insert: make a public upload to a case, member, referral or application private.

	Runs after Frappe has written the file, so the file itself is moved (or, where the same content is
	already public for another document, stored again as a private copy).
	"""
	if doc.is_private or doc.is_folder or doc.attached_to_doctype not in PRIVATE_ATTACHMENT_DOCTYPES:
		return
	if not doc.file_url or not doc.file_url.startswith("/files/"):
		return
	doc.is_private = 1
	if frappe.db.exists("File", {"file_url": doc.file_url}):
		content = doc.get_content()
		doc.file_url = None
		doc.save_file(content=content)
	else:
		doc.handle_is_private_changed()
