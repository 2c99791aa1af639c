"""Members in arrears, read from ERPNext's receivables: each submitted dues invoice of the member's
customer with money outstanding past its due date is one month in arrears. The Dues Arrears report and
the daily arrears rule (a warning, then Suspended, as the member's Dues Rule says) both count this way."""

import frappe
from frappe import _
from frappe.translate import print_language
from frappe.utils import getdate, today

from union_cases.dues import erpnext
from union_cases.dues.doctype.dues_rule.dues_rule import rule_for
from union_cases.utils.mail import send_paragraphs
from union_cases.utils.translation import N_

SUSPENDED = "Suspended"


def members_in_arrears(where: str = "1=1", values: dict | None = None, as_of=None, min_months: int = 1):
	"""Rows (member, full_name, local_union, federation, employer, gender, status, months, amount) of the
	members matching `where` (over `tabMember` m) with at least `min_months` overdue dues invoices."""
	if not erpnext.installed():
		return []
	values = {**(values or {}), "as_of": getdate(as_of or today()), "min_months": min_months}
	return frappe.db.sql(
		f"""select m.name as member, m.full_name, m.local_union, m.federation, m.employer, m.gender,
			m.status, m.email, m.language, count(si.name) as months, sum(si.outstanding_amount) as amount
		from `tabMember` m
		join `tabSales Invoice` si on si.customer = m.customer
		where {where} and si.docstatus = 1 and si.outstanding_amount > 0 and si.due_date < %(as_of)s
		group by m.name
		having count(si.name) >= %(min_months)s
		order by months desc, m.full_name""",
		values,
		as_dict=True,
	)


def apply_arrears_rules(as_of=None):
	"""Daily: a member in arrears for the warning months of their Dues Rule is told (once a month), one in
	arrears for its suspension months becomes Suspended and is told, each in their language."""
	if not erpnext.installed():
		return
	rules = {}
	for row in members_in_arrears("m.status = 'Active'", as_of=as_of):
		if row.local_union not in rules:
			rules[row.local_union] = rule_for(row.local_union)
		rule = rules[row.local_union]
		if not rule:
			continue
		if rule.suspend_after_months and row.months >= rule.suspend_after_months:
			suspend(row)
		elif rule.warning_after_months and row.months >= rule.warning_after_months:
			warn(row, as_of)


def suspend(row):
	member = frappe.get_doc("Member", row.member)
	member.status = SUSPENDED
	member.flags.ignore_permissions = True
	member.save()
	member.add_comment("Info", _("Suspended: {0} months of dues in arrears.").format(row.months))
	tell(
		row,
		member,
		N_("Your membership is suspended"),
		N_(
			"Your membership is suspended because {0} months of dues are unpaid ({1}). Pay the open invoices to be reinstated."
		),
	)


def warn(row, as_of=None):
	member = frappe.get_doc("Member", row.member)
	month = getdate(as_of or today()).strftime("%Y-%m")
	marker = f"dues-warning-{month}"
	if frappe.db.exists(
		"Comment", {"reference_doctype": "Member", "reference_name": row.member, "content": marker}
	):
		return
	member.add_comment("Info", marker)
	tell(
		row,
		member,
		N_("Your union dues are in arrears"),
		N_("{0} months of your union dues are unpaid ({1}). Please pay them to keep your membership active."),
	)


def tell(row, member, subject: str, message: str):
	"""Mail the member (subject and message untranslated, put in the member's language here)."""
	if not row.email:
		return
	with print_language(row.language or "id"):
		amount = frappe.utils.fmt_money(row.amount)
		send_paragraphs(
			row.email, _(subject), [frappe.utils.escape_html(_(message).format(row.months, amount))], member
		)


def member_dues(member: str, as_of=None) -> dict:
	"""One member's dues as the portal shows them: their invoices (newest first), what is outstanding,
	and the months in arrears, counted as the report counts them."""
	customer = frappe.db.get_value("Member", member, "customer") if erpnext.installed() else None
	if not customer:
		return {"invoices": [], "outstanding": 0, "months": 0}
	as_of = getdate(as_of or today())
	invoices = frappe.get_all(
		"Sales Invoice",
		filters={"customer": customer, "docstatus": 1},
		fields=["name", "posting_date", "due_date", "grand_total", "outstanding_amount", "currency"],
		order_by="posting_date desc, name desc",
		limit_page_length=24,
	)
	overdue = [i for i in invoices if i.outstanding_amount > 0 and getdate(i.due_date) < as_of]
	return {
		"invoices": invoices,
		"outstanding": sum(i.outstanding_amount for i in invoices),
		"months": len(overdue),
	}
