"""Minimum wages, the members' rights alerts (casework/rights.py), their daily job, the Rights Alerts
report and the case it opens."""

import datetime

import frappe

from union_cases.api.member import open_rights_case
from union_cases.casework.minimum_wage import minimum_wage_for
from union_cases.casework.rights import refresh_rights_flags
from union_cases.demo.generate import grant
from union_cases.membership.report.rights_alerts.rights_alerts import execute
from union_cases.tests.utils import (
	OTHER_LOCAL_UNION,
	UnionTestCase,
	make_case,
	make_employer,
	make_member,
	make_user,
)

OPERATOR_A = "_rights_operator_a@example.com"
OPERATOR_B = "_rights_operator_b@example.com"
OFFICER_A = "_rights_officer_a@example.com"
PROVINCE, CITY = "_Test Provinsi", "_Test Kota"
EMPLOYER = "_Test Rights Employer"
BPJS = {"bpjs_ketenagakerjaan_no": "12345678901", "bpjs_kesehatan_no": "1234567890123"}


def forget_test_wages():
	"""Test minimum wages and members a case's side effects committed in an earlier run (the case's
	insert commits its assignment) would make the next run's inserts duplicates."""
	frappe.db.delete("Minimum Wage", {"decree_number": ("like", "\\_Test%")})
	for name in frappe.get_all("Member", filters={"employer": EMPLOYER}, pluck="name"):
		frappe.db.delete("Case Member", {"member": name})
		frappe.db.delete("Member", {"name": name})
	frappe.db.commit()


def minimum_wage(amount, year=2026, province=PROVINCE, city=None):
	return frappe.get_doc(
		{
			"doctype": "Minimum Wage",
			"year": year,
			"province": province,
			"city": city,
			"amount": amount,
			"decree_number": "_Test 1/2025",
			"source": "_Test",
		}
	).insert()


class TestMinimumWage(UnionTestCase):
	def setUp(self):
		forget_test_wages()

	def test_city_before_province(self):
		minimum_wage(3_000_000)
		minimum_wage(4_000_000, city=CITY)
		self.assertEqual(minimum_wage_for(2026, PROVINCE, CITY), 4_000_000)
		# typed with a prefix and other spacing, the city is the same
		self.assertEqual(minimum_wage_for(2026, f"Provinsi  {PROVINCE}", f"kota {CITY}"), 4_000_000)
		self.assertEqual(minimum_wage_for(2026, PROVINCE, "_Test Other City"), 3_000_000)
		self.assertIsNone(minimum_wage_for(2025, PROVINCE, CITY))

	def test_refused(self):
		minimum_wage(3_000_000)
		with self.assertRaises(frappe.DuplicateEntryError):
			minimum_wage(3_100_000, province=f"Provinsi {PROVINCE}")
		for values in ({"year": 1990}, {"amount": 0}):
			with self.subTest(values=values), self.assertRaises(frappe.ValidationError):
				minimum_wage(**{"amount": 3_000_000, "year": 2027, **values})


class TestRightsFlags(UnionTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_employer(EMPLOYER, province=PROVINCE, city=CITY)
		frappe.db.commit()

	def setUp(self):
		forget_test_wages()

	def member(self, **values):
		return make_member(**{"employer": EMPLOYER, **BPJS, **values})

	def test_flags_on_save(self):
		minimum_wage(3_000_000)
		cases = (
			(
				{"employment_status": "PKWT", "work_start_date": datetime.date(2021, 12, 1)},
				"flag_pkwt_over_limit",
			),
			(
				{"employment_status": "PKWT", "work_start_date": datetime.date(2021, 12, 2)},
				None,
			),  # 5 years today
			({"monthly_wage": 2_900_000}, "below_minimum_wage"),
			({"monthly_wage": 3_000_000}, None),
			({"bpjs_kesehatan_no": ""}, "flag_no_bpjs"),
			(
				{"employment_status": "Daily / Casual", "work_start_date": datetime.date(2026, 9, 2)},
				"flag_long_casual",
			),
			({"employment_status": "Daily / Casual", "work_start_date": datetime.date(2026, 9, 3)}, None),
			(
				{"employment_status": "Outsourced", "work_start_date": datetime.date(2020, 1, 1)},
				"flag_long_casual",
			),
			(
				{
					"employment_status": "PKWT",
					"work_start_date": datetime.date(2015, 1, 1),
					"status": "Resigned",
				},
				None,
			),
		)
		for values, flag in cases:
			with self.subTest(values=values):
				member = self.member(join_date=datetime.date(2015, 1, 5), **values)
				raised = {
					field
					for field in (
						"flag_pkwt_over_limit",
						"below_minimum_wage",
						"flag_no_bpjs",
						"flag_long_casual",
					)
					if member.get(field)
				}
				self.assertEqual(raised, {flag} if flag else set())
				self.assertEqual(member.has_rights_alert, int(bool(flag)))

	def test_daily_job_keeps_flags_current(self):
		underpaid = self.member(monthly_wage=2_900_000)
		contract = self.member(employment_status="PKWT", work_start_date=datetime.date(2022, 6, 1))
		self.assertEqual((underpaid.below_minimum_wage, contract.flag_pkwt_over_limit), (0, 0))
		# a new minimum is recorded, and time passes: the job sees both without saving the members
		minimum_wage(3_000_000, year=2027)
		refresh_rights_flags(datetime.date(2027, 6, 2))
		flags = lambda name: frappe.db.get_value(  # noqa: E731
			"Member", name, ["below_minimum_wage", "flag_pkwt_over_limit", "has_rights_alert"]
		)
		self.assertEqual(flags(underpaid.name), (1, 0, 1))
		self.assertEqual(flags(contract.name), (0, 1, 1))
		# and the job agrees with the controller
		refresh_rights_flags(datetime.date(2026, 12, 2))
		self.assertEqual(flags(underpaid.name), (0, 0, 0))

	def test_wage_case_shows_the_shortfall(self):
		minimum_wage(3_000_000)
		member = self.member(monthly_wage=2_600_000)
		case = make_case(member, category="Wage Below Regional Minimum", opening_date="2026-10-15")
		self.assertEqual(
			(case.monthly_minimum_wage, case.monthly_shortfall, case.shortfall_this_year),
			(3_000_000, 400_000, 4_000_000),  # January to October
		)


class TestRightsAlertsReport(UnionTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_employer(EMPLOYER, province=PROVINCE, city=CITY)
		for user, role, node in (
			(OPERATOR_A, "Case Operator", "_Test Federation"),
			(OPERATOR_B, "Case Operator", "_Test Federation 2"),
			(OFFICER_A, "Federation Officer", "_Test Federation"),
		):
			make_user(user, role)
			grant(user, "Federation", node)
		frappe.db.commit()

	def setUp(self):
		forget_test_wages()
		self.members = [
			make_member(
				employer=EMPLOYER, employment_status="PKWT", work_start_date=datetime.date(2019, 1, 1), **BPJS
			)
			for _ in range(3)
		]
		make_member(
			employer=EMPLOYER,
			local_union=OTHER_LOCAL_UNION,
			employment_status="PKWT",
			work_start_date=datetime.date(2019, 1, 1),
			**BPJS,
		)

	def rows(self, user, **filters):
		frappe.set_user(user)
		try:
			return execute({"employer": EMPLOYER, **filters})[1]
		finally:
			frappe.set_user("Administrator")

	def test_grouped_and_scoped(self):
		rows = self.rows(OPERATOR_A, alert="flag_pkwt_over_limit")
		groups = [row for row in rows if row.indent == 0]
		self.assertEqual(
			[(g.local_union, g.members, g.flag_pkwt_over_limit) for g in groups],
			[("_Test Local Union", 3, 3)],
		)
		self.assertEqual(
			sorted(row.member for row in rows if row.indent == 1), sorted(m.name for m in self.members)
		)
		other = self.rows(OPERATOR_B)
		self.assertEqual(
			[(row.local_union, row.members) for row in other if row.indent == 0], [(OTHER_LOCAL_UNION, 1)]
		)

	def test_open_a_collective_case(self):
		frappe.set_user(OPERATOR_A)
		name = open_rights_case("flag_pkwt_over_limit", EMPLOYER, "_Test Local Union")
		frappe.set_user("Administrator")
		case = frappe.get_doc("Case", name)
		self.assertEqual(case.category, "Contract Status Abuse (PKWT)")
		parties = {case.complainant, *(row.member for row in case.members)}
		self.assertEqual(parties, {m.name for m in self.members})
		# not for members outside the user's scope, and not for a made-up alert
		frappe.set_user(OPERATOR_B)
		with self.assertRaises(frappe.PermissionError):
			open_rights_case("flag_pkwt_over_limit", EMPLOYER, "_Test Local Union")
		with self.assertRaises(frappe.ValidationError):
			open_rights_case("name", EMPLOYER, OTHER_LOCAL_UNION)
		# an officer, who may not create cases, is refused
		frappe.set_user(OFFICER_A)
		if not frappe.has_permission("Case", "create"):
			with self.assertRaises(frappe.PermissionError):
				open_rights_case("flag_pkwt_over_limit", EMPLOYER, "_Test Local Union")

	def test_number_card(self):
		from frappe.desk.doctype.number_card.number_card import get_result

		card = frappe.get_doc("Number Card", "Members with Rights Alerts")
		in_scope = frappe.db.sql(
			"""select count(*) from `tabMember` m join `tabFederation` f on f.name = m.local_union
			join `tabFederation` top on top.name = '_Test Federation 2' and f.lft >= top.lft and f.rgt <= top.rgt
			where m.has_rights_alert = 1"""
		)[0][0]
		self.assertGreaterEqual(in_scope, 1)
		frappe.set_user(OPERATOR_B)
		try:
			self.assertEqual(get_result(card.as_dict(), None), in_scope)
		finally:
			frappe.set_user("Administrator")
		self.assertGreater(get_result(card.as_dict(), None), in_scope)
