"""What a referral partner is told about a case: nothing that identifies a confidential complainant
unless the complainant agreed on the case."""

import frappe
from frappe import _
from frappe.utils import escape_html


def build_case_summary(case_name: str, partner: str) -> tuple[str, int]:
	"""The case summary (HTML, in the partner's language) and whether it names the complainant."""
	case = frappe.db.get_value(
		"Case",
		case_name,
		[
			"title",
			"category",
			"dispute_type",
			"employer",
			"local_union",
			"incident_date",
			"confidential",
			"identity_consent",
			"complainant_name",
			"contact_name",
			"description",
		],
		as_dict=True,
	)
	lang = frappe.db.get_value("Referral Partner", partner, "language") or "id"
	share_identity = int(not case.confidential or bool(case.identity_consent))
	rows = [
		(_("Category", lang=lang), _(case.category, lang=lang)),
		(_("Dispute Type", lang=lang), _(case.dispute_type, lang=lang) if case.dispute_type else ""),
		(_("Employer", lang=lang), case.employer or ""),
		(_("Local Union", lang=lang), case.local_union or ""),
		(
			_("Incident Date", lang=lang),
			frappe.utils.formatdate(case.incident_date) if case.incident_date else "",
		),
	]
	if share_identity:
		rows.insert(0, (_("Complainant", lang=lang), case.complainant_name or case.contact_name or ""))
	table = "".join(
		f"<tr><th>{escape_html(label)}</th><td>{escape_html(value)}</td></tr>" for label, value in rows
	)
	summary = f"<h4>{escape_html(case.title)}</h4><table>{table}</table>"
	if share_identity:
		summary += case.description or ""
	else:
		summary += "<p>{}</p>".format(
			escape_html(
				_("Confidential case: the complainant's identity and account are not shared.", lang=lang)
			)
		)
	return summary, share_identity
