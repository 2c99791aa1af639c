"""The demo generator: counts, validity, idempotence, removal."""

import frappe
from frappe.tests.utils import FrappeTestCase

from union_cases.demo import bulk as demo_bulk
from union_cases.demo import generate as demo
from union_cases.tests.utils import freeze_class
from union_cases.utils.identity import validate_nik


class TestDemo(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		freeze_class(cls)  # the demo's dates are counted back from today

	def tearDown(self):
		demo.clear()

	def test_generate_is_idempotent_and_clear_removes_it(self):
		expected = demo.planned_counts(1)
		self.assertEqual(
			expected,
			demo.Counts(
				confederations=1,
				federations=3,
				branches=6,
				local_unions=12,
				employers=20,
				members=300,
				cases=60,
				referral_partners=10,
				referrals=15,
			),
		)
		before = {dt: frappe.db.count(dt) for dt in ("Member", "Case", "Federation", "Referral")}
		self.assertEqual(demo.generate(size=1), expected)
		self.assertEqual(demo.generate(size=1), expected)  # a second run adds nothing

		members = frappe.get_all(
			"Member",
			filters={"local_union": ("in", demo.demo_local_unions())},
			fields=["nik", "gender", "date_of_birth", "mobile_no", "status", "local_union", "federation"],
		)
		self.assertEqual(len(members), 300)
		for member in members:
			validate_nik(member.nik, member.gender, member.date_of_birth)
			self.assertTrue(member.mobile_no.startswith("+628"))
			self.assertTrue(member.federation)
		self.assertEqual(len({m.local_union for m in members}), 12)
		self.assertEqual({m.gender for m in members}, {"Male", "Female"})

		cases = frappe.get_all(
			"Case",
			filters={"name": ("like", "CASE-DEMO-%")},
			fields=["workflow_state", "category", "complainant", "local_union", "confidential", "handler"],
		)
		self.assertGreaterEqual(len({c.workflow_state for c in cases}), 5)
		self.assertTrue(
			all(
				c.handler
				for c in cases
				if c.workflow_state in ("Accepted", "In Handling", "Resolved", "Closed")
			)
		)
		self.assertTrue(frappe.db.exists("Case Deadline", {"parent": ("like", "CASE-DEMO-%")}))
		self.assertGreaterEqual(len({c.category for c in cases}), 10)
		self.assertTrue(all(c.local_union for c in cases))
		self.assertTrue(any(c.confidential for c in cases))
		self.assertTrue(frappe.db.exists("Case Member", {"parent": ("like", "CASE-DEMO-%")}))
		self.assertTrue(all(frappe.db.exists("Federation", name) for name, *_ in demo.FEDERATIONS))
		self.assertTrue(frappe.db.get_value("Employer", {"name": ("like", "%(Demo)")}, "name"))

		demo.clear()
		self.assertEqual(demo.existing_counts(), demo.Counts(0, 0, 0, 0, 0, 0, 0, 0, 0))
		self.assertEqual({dt: frappe.db.count(dt) for dt in before}, before)

	def test_size_parameter_scales(self):
		counts = demo.planned_counts(4)
		self.assertEqual(
			(counts.members, counts.cases, counts.employers, counts.referrals), (1200, 240, 80, 60)
		)
		self.assertEqual((counts.branches, counts.local_unions), (12, 24))


class TestBulkDemo(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		freeze_class(cls)

	def tearDown(self):
		demo.clear()

	def test_a_second_run_goes_on_with_the_same_people(self):
		"""Members written by an earlier run are the complainants later cases name, joins spread out."""
		demo_bulk.generate(size=1, members=60, cases=1)
		counts = demo_bulk.generate(size=1, members=120, cases=40)
		self.assertEqual((counts.members, counts.cases, counts.referrals), (120, 40, 10))
		mismatched = frappe.db.sql(
			"""select c.name from `tabCase` c join `tabMember` m on m.name = c.complainant
			where c.name like 'CASE-DEMO-B%%' and (c.complainant_name != m.full_name or c.local_union != m.local_union
				or c.federation != m.federation)"""
		)
		self.assertEqual(mismatched, ())
		joins = frappe.get_all("Member", filters={"name": ("like", "KTA-DEMO-B%")}, pluck="join_date")
		self.assertLess(max(joins.count(day) for day in joins), 10)
