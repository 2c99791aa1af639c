"""Short mails about a record, kept on its timeline."""

import frappe


def send_paragraphs(
	recipient: str, subject: str, paragraphs, doc, link: str | None = None, label: str | None = None
):
	"""A short mail about a document, on its timeline: paragraphs (HTML, already escaped), then a link."""
	body = "".join(f"<p>{p}</p>" for p in paragraphs)
	if link:
		body += f'<p><a href="{link}">{frappe.utils.escape_html(label or link)}</a></p>'
	frappe.sendmail(
		recipients=[recipient],
		subject=subject,
		message=body,
		reference_doctype=doc.doctype,
		reference_name=doc.name,
	)
