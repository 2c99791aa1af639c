"""Dues with and without ERPNext: the links added and removed with ERPNext, members as customers, a
remittance posted as one Journal Entry and cancelled. Skipped, with the reason, where ERPNext is absent
(scripts/test.sh runs this module on the ERPNext test site)."""

import unittest

import frappe
from frappe.utils import flt

from union_cases.demo.generate import grant
from union_cases.dues import erpnext
from union_cases.dues.arrears import apply_arrears_rules, member_dues
from union_cases.dues.members import MEMBER_CUSTOMER_GROUP
from union_cases.dues.report.dues_arrears.dues_arrears import execute as arrears_report
from union_cases.setup import dues as dues_setup
from union_cases.tests.dues import csv_file, file_rows, member_set, remittance
from union_cases.tests.utils import UnionTestCase, make_member, make_user, queued_to

DUES_ITEM = "_Test Union Dues"


def needs_erpnext(cls):
	return unittest.skipUnless(
		"erpnext" in frappe.get_installed_apps(), "ERPNext is not installed on this site"
	)(cls)


def company() -> str:
	return frappe.db.get_value("Company", {}, "name", order_by="creation asc")


def dues_item() -> str:
	if not frappe.db.exists("Item", DUES_ITEM):
		frappe.get_doc(
			{
				"doctype": "Item",
				"item_code": DUES_ITEM,
				"item_group": frappe.db.get_value("Item Group", {"is_group": 0}) or "All Item Groups",
				"stock_uom": "Nos",
				"is_stock_item": 0,
				"include_item_in_manufacturing": 0,
			}
		).insert(ignore_permissions=True)
	return DUES_ITEM


def invoice(customer: str, day: str, amount: float = 50000):
	doc = frappe.get_doc(
		{
			"doctype": "Sales Invoice",
			"customer": customer,
			"company": company(),
			"set_posting_time": 1,
			"posting_date": day,
			"due_date": day,
			"items": [{"item_code": dues_item(), "qty": 1, "rate": amount}],
		}
	)
	doc.insert(ignore_permissions=True)
	doc.submit()
	return doc


@needs_erpnext
class TestDuesLinks(UnionTestCase):
	def test_links_added_and_removed_with_erpnext(self):
		def present():
			fields = {
				(dt, f["fieldname"]): bool(
					frappe.db.exists("Custom Field", {"dt": dt, "fieldname": f["fieldname"]})
				)
				for dt, fields in dues_setup.CUSTOM_FIELDS.items()
				for f in fields
			}
			return set(fields.values()), bool(frappe.db.exists("Workspace", dues_setup.WORKSPACE))

		self.assertEqual(present(), ({True}, True))
		self.assertEqual(frappe.get_meta("Member").get_field("customer").options, "Customer")
		try:
			dues_setup.before_app_uninstall("erpnext")
			self.assertEqual(present(), ({False}, False))
			self.assertIsNone(frappe.get_meta("Check-off Remittance").get_field("journal_entry"))
		finally:
			dues_setup.after_app_install("erpnext")
			frappe.db.commit()
		self.assertEqual(present(), ({True}, True))
		self.assertTrue(frappe.db.exists("Customer Group", MEMBER_CUSTOMER_GROUP))


@needs_erpnext
class TestMembersAsCustomers(UnionTestCase):
	def test_customer_follows_the_member(self):
		member = make_member(full_name="_Test Customer Member")
		customer = frappe.db.get_value("Member", member.name, "customer")
		self.assertTrue(customer)
		self.assertEqual(
			frappe.db.get_value("Customer", customer, ["customer_group", "union_member", "disabled"]),
			(MEMBER_CUSTOMER_GROUP, member.name, 0),
		)
		member.reload()
		member.full_name = "_Test Customer Renamed"
		member.save()
		self.assertEqual(frappe.db.get_value("Customer", customer, "customer_name"), "_Test Customer Renamed")
		member.status = "Resigned"
		member.save()
		self.assertEqual(frappe.db.get_value("Customer", customer, "disabled"), 1)

	def test_applicant_is_no_customer_yet(self):
		member = make_member(status="Applicant")
		self.assertFalse(frappe.db.get_value("Member", member.name, "customer"))


def remittance_to_post(people):
	"""The remittance of `file_rows(people)`, saved, with the company's cash account to post to."""
	return remittance(
		csv_file(file_rows(people)),
		company=company(),
		debit_account=frappe.db.get_value("Company", company(), "default_cash_account"),
	).insert()


@needs_erpnext
class TestRemittancePosting(UnionTestCase):
	def test_post_and_cancel(self):
		people = member_set()
		paid = invoice(frappe.db.get_value("Member", people["paid"].name, "customer"), "2026-11-01")
		short = frappe.db.get_value("Member", people["short"].name, "customer")
		october, november = invoice(short, "2026-10-01"), invoice(short, "2026-11-01")
		doc = remittance_to_post(people)
		doc.submit()
		entry = frappe.get_doc("Journal Entry", doc.journal_entry)
		self.assertEqual(entry.docstatus, 1)
		self.assertEqual(flt(entry.total_debit), flt(entry.total_credit))
		self.assertEqual(flt(entry.total_debit), 90000)
		credits = {(row.party, row.reference_name): row.credit for row in entry.accounts if row.credit}
		self.assertEqual(
			credits,
			{
				(frappe.db.get_value("Sales Invoice", paid.name, "customer"), paid.name): 50000,
				(short, october.name): 40000,
			},
		)
		self.assertEqual({row.reference_type for row in entry.accounts if row.credit}, {"Sales Invoice"})
		outstanding = lambda name: flt(frappe.db.get_value("Sales Invoice", name, "outstanding_amount"))  # noqa: E731
		self.assertEqual(
			(outstanding(paid.name), outstanding(october.name), outstanding(november.name)), (0, 10000, 50000)
		)
		# the money not matched stays listed on the remittance
		doc.reload()
		self.assertEqual(doc.unmatched_amount, 200000)
		self.assertEqual(len([row for row in doc.rows if not row.posted_amount]), 5)

		doc.cancel()
		self.assertEqual(frappe.db.get_value("Journal Entry", entry.name, "docstatus"), 2)
		self.assertEqual((outstanding(paid.name), outstanding(october.name)), (50000, 50000))

	def test_a_large_transfer_is_posted_in_several_entries(self):
		"""ERPNext writes every party of an entry into the bank row's "against" text (65,535 bytes): a
		transfer from thousands of members is split; here the limit is lowered to one member an entry."""
		from union_cases.dues import posting

		people = member_set()
		self.addCleanup(setattr, posting, "AGAINST_BYTES", posting.AGAINST_BYTES)
		posting.AGAINST_BYTES = 1
		doc = remittance_to_post(people)
		doc.submit()
		entries = posting.entries_of(doc)
		self.assertEqual(len(entries), 2)  # the two members whose rows are posted
		self.assertEqual(doc.journal_entry, entries[0])
		totals = []
		for name in entries:
			entry = frappe.get_doc("Journal Entry", name)
			self.assertEqual(flt(entry.total_debit), flt(entry.total_credit))
			self.assertEqual(len({row.party for row in entry.accounts if row.party}), 1)
			totals.append(flt(entry.total_debit))
		self.assertEqual(sum(totals), 90000)
		doc.cancel()
		self.assertEqual({frappe.db.get_value("Journal Entry", n, "docstatus") for n in entries}, {2})

	def test_parties_are_grouped_under_the_limit(self):
		from union_cases.dues.posting import chunks

		rows = [{"party": p} for p in ("a" * 25000, "a" * 25000, "b" * 25000, "c" * 25000)]
		self.assertEqual(
			[[r["party"][0] for r in group] for group in chunks(rows, 60000)], [["a", "a", "b"], ["c"]]
		)
		self.assertEqual(len(chunks([{"party": "é" * 20000}, {"party": "o" * 20000}], 60000)), 2)  # bytes
		many = chunks([{"party": f"member {i}"} for i in range(250)], 60000)
		self.assertEqual([len(group) for group in many], [99, 99, 52])  # ERPNext queues entries over 100 rows

	def test_more_than_the_invoices_is_an_advance(self):
		people = member_set()
		customer = frappe.db.get_value("Member", people["paid"].name, "customer")
		doc = remittance_to_post(people)
		doc.submit()
		entry = frappe.get_doc("Journal Entry", doc.journal_entry)
		advance = [row for row in entry.accounts if row.party == customer]
		self.assertEqual(
			[(row.credit, row.is_advance, row.reference_name) for row in advance], [(50000, "Yes", None)]
		)

	def test_posting_needs_an_account(self):
		from union_cases.exceptions import RemittancePostingError

		people = member_set()
		doc = remittance(csv_file(file_rows(people)), company=company()).insert()
		self.assertRaises(RemittancePostingError, doc.submit)
		self.assertTrue(erpnext.installed())


def dues_rule(federation="_Test Federation", **values):
	if frappe.db.exists("Dues Rule", federation):
		frappe.delete_doc("Dues Rule", federation, force=True)
	return frappe.get_doc(
		{
			"doctype": "Dues Rule",
			"federation": federation,
			"basis": "Flat Amount",
			"amount": 50000,
			"warning_after_months": 2,
			"suspend_after_months": 3,
			**values,
		}
	).insert()


def customer_of(member) -> str:
	return frappe.db.get_value("Member", member.name, "customer")


@needs_erpnext
class TestRecurringDues(UnionTestCase):
	def test_rule_plan_and_member_subscription(self):
		rule = dues_rule()
		plan = frappe.get_doc("Subscription Plan", rule.subscription_plan)
		self.assertEqual(
			(flt(plan.cost), plan.billing_interval, plan.price_determination), (50000, "Month", "Fixed Rate")
		)
		rule.amount = 60000
		rule.save()
		self.assertEqual(flt(frappe.db.get_value("Subscription Plan", plan.name, "cost")), 60000)

		member = make_member(full_name="_Test Subscriber")
		subscription = frappe.get_doc("Subscription", {"party": customer_of(member)})
		self.assertEqual([row.plan for row in subscription.plans], [plan.name])
		self.assertEqual(str(subscription.start_date), "2027-01-01")  # nothing billed backwards
		member.reload()
		member.status = "Resigned"
		member.save()
		self.assertEqual(frappe.db.get_value("Subscription", subscription.name, "status"), "Cancelled")

	def test_a_member_under_no_rule_has_no_subscription(self):
		member = make_member(local_union="_Test Local Union 2")
		self.assertFalse(frappe.db.exists("Subscription", {"party": customer_of(member)}))


@needs_erpnext
class TestArrears(UnionTestCase):
	def build(self):
		"""Three members: three months overdue, two months overdue, paid up (an invoice not yet due)."""
		dues_rule()
		people = {
			"three": make_member(full_name="_Test Three Months", email="_three@example.com"),
			"two": make_member(full_name="_Test Two Months", gender="Male", email="_two@example.com"),
			"none": make_member(full_name="_Test Paid Up"),
		}
		for day in ("2026-08-01", "2026-09-01", "2026-10-01"):
			invoice(customer_of(people["three"]), day)
		for day in ("2026-09-01", "2026-10-01"):
			invoice(customer_of(people["two"]), day, amount=25000)
		invoice(customer_of(people["none"]), "2026-12-10")
		return people

	def test_report_and_portal_agree(self):
		people = self.build()
		_columns, rows, _m, _chart, summary = arrears_report({"federation": "_Test Federation"})
		found = {row.member: (row.months, flt(row.amount)) for row in rows}
		self.assertEqual(found, {people["three"].name: (3, 150000), people["two"].name: (2, 50000)})
		self.assertEqual([item["value"] for item in summary[:3]], [2, 1, 1])
		for key, (months, amount) in ((k, found.get(people[k].name, (0, 0))) for k in people):
			with self.subTest(member=key):
				dues = member_dues(people[key].name)
				self.assertEqual(dues["months"], months)
				self.assertEqual(flt(dues["outstanding"]), amount or (50000 if key == "none" else 0))
		_columns, rows, *_rest = arrears_report({"federation": "_Test Federation", "min_months": 3})
		self.assertEqual([row.member for row in rows], [people["three"].name])

	def test_report_is_scoped_per_federation(self):
		self.build()
		user = "_dues_operator_b@example.com"
		make_user(user, "Case Operator")
		grant(user, "Federation", "_Test Federation 2")
		frappe.set_user(user)
		_columns, rows, *_rest = arrears_report({})
		self.assertEqual(rows, [])

	def test_warning_then_suspension(self):
		people = self.build()
		apply_arrears_rules()
		self.assertEqual(frappe.db.get_value("Member", people["three"].name, "status"), "Suspended")
		self.assertEqual(frappe.db.get_value("Member", people["two"].name, "status"), "Active")
		self.assertEqual(frappe.db.get_value("Member", people["none"].name, "status"), "Active")
		self.assertTrue(queued_to(people["two"].name, "_two@example.com", doctype="Member"))
		self.assertTrue(queued_to(people["three"].name, "_three@example.com", doctype="Member"))
		apply_arrears_rules()  # the warning is sent once a month
		self.assertEqual(len(queued_to(people["two"].name, "_two@example.com", doctype="Member")), 1)


@unittest.skipIf("erpnext" in frappe.get_installed_apps(), "ERPNext is installed on this site")
class TestWithoutERPNext(UnionTestCase):
	def test_dues_hidden_and_harmless(self):
		self.assertFalse(frappe.db.exists("Workspace", dues_setup.WORKSPACE))
		self.assertFalse(frappe.db.exists("Custom Field", {"dt": ("in", list(dues_setup.CUSTOM_FIELDS))}))
		for doctype, fields in dues_setup.CUSTOM_FIELDS.items():
			if not frappe.db.exists("DocType", doctype):
				continue  # an ERPNext doctype
			for field in fields:
				with self.subTest(doctype=doctype, field=field["fieldname"]):
					self.assertIsNone(frappe.get_meta(doctype).get_field(field["fieldname"]))
		_columns, rows, *_rest = arrears_report({})
		self.assertEqual(rows, [])
		member = make_member()
		self.assertEqual(member_dues(member.name), {"invoices": [], "outstanding": 0, "months": 0})
		apply_arrears_rules()  # nothing to do, no error
		rule = dues_rule()
		self.assertEqual(rule.monthly_amount(), 50000)
