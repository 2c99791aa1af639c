"""Performance targets (actuals, roll-up, scoping) and the knowledge base (visibility, over HTTP)."""

import frappe

from union_cases.exceptions import TargetError
from union_cases.tests.http import SiteClient
from union_cases.tests.test_reports import OFFICER_A, OPERATOR_B, PASSWORD, ReportTestCase, report
from union_cases.tests.utils import UnionTestCase, make_case, make_member, make_user


def target(node: str, year: int, **indicators):
	return frappe.get_doc(
		{
			"doctype": "Performance Target",
			"federation": node,
			"year": year,
			"indicators": [
				{"indicator": indicator.replace("_", " "), "target": value[0], "actual": value[1]}
				for indicator, value in indicators.items()
			],
		}
	).insert()


class TestPerformanceTargets(ReportTestCase):
	def test_actuals_computed_and_rolled_up(self):
		# 2020: 4 members joined at federation A, 1 at B (see test_reports); 2021: c1, c2 resolved at A
		branch = target("_Test Branch", 2020, New_Members=(2, 0), Organiser_Trainings_Held=(4, 3))
		self.assertEqual(branch.indicators[0].actual, 4)
		self.assertEqual(branch.indicators[0].achievement, 200.0)
		self.assertTrue(branch.indicators[0].automatic)
		self.assertEqual((branch.indicators[1].actual, branch.indicators[1].automatic), (3, 0))
		target("_Test Branch 2", 2020, New_Members=(5, 0), Organiser_Trainings_Held=(2, 1))
		cases = target("_Test Federation", 2021, Cases_Resolved=(4, 0))
		self.assertEqual(cases.indicators[0].actual, 2)
		deadlines = target("_Test Federation 2", 2021, **{"Share of Deadlines Met (%)": (80, 0)})
		self.assertEqual(deadlines.indicators[0].actual, 0)

		data = report("Target against Actual", {"year": 2020, "federation": "_Test Confederation"})["result"]
		figures = {(row.get("node"), row.get("indicator")): row for row in data if row.get("indicator")}
		confederation = figures[("_Test Confederation", "New Members")]
		self.assertEqual((confederation["target"], confederation["actual"]), (7, 5))  # 2 + 5 rolled up
		trainings = figures[("_Test Confederation", "Organiser Trainings Held")]
		self.assertEqual((trainings["target"], trainings["actual"]), (6, 4))
		self.assertEqual(figures[("_Test Branch 2", "New Members")]["actual"], 1)

		officer = report("Target against Actual", {"year": 2020}, OFFICER_A)["result"]
		nodes = {row.get("node") for row in officer if row.get("indicator")}
		self.assertEqual(nodes, {"_Test Federation", "_Test Branch"})
		self.assertEqual({row["actual"] for row in officer if row.get("indicator") == "New Members"}, {4})

	def test_invalid_targets_refused(self):
		with self.assertRaises(TargetError):
			target("_Test Branch", 20, New_Members=(1, 0))
		with self.assertRaises(TargetError):
			target("_Test Branch", 2021, Custom=(1, 0))

	def test_officer_sees_only_their_targets(self):
		mine = target("_Test Branch", 2022, New_Members=(1, 0))
		other = target("_Test Branch 2", 2022, New_Members=(1, 0))
		frappe.set_user(OPERATOR_B)
		self.assertEqual(frappe.get_list("Performance Target", pluck="name"), [other.name])
		self.assertFalse(frappe.has_permission("Performance Target", "read", doc=mine.name))


class TestKnowledgeBase(UnionTestCase):
	def make_article(self, title: str, visibility: str, category: str = "Precedents", **values):
		# an earlier run may have committed it (the portal test commits for its HTTP requests)
		for name in frappe.get_all("Help Article", filters={"title": title}, pluck="name"):
			frappe.delete_doc("Help Article", name, force=True, ignore_permissions=True)
		return frappe.get_doc(
			{
				"doctype": "Help Article",
				"title": title,
				"category": category,
				"content": f"<p>{title} isi</p>",
				"published": 1,
				"union_visibility": visibility,
				"union_language": "id",
				"union_case_categories": [{"case_category": "Wage Below Regional Minimum"}],
				**values,
			}
		).insert()

	def test_internal_articles_never_reach_the_portal(self):
		public = self.make_article("_KB Panduan Publik", "Public", "Guides")
		internal = self.make_article("_KB Putusan Internal", "Internal")
		self.assertEqual(internal.published, 0)  # an internal article cannot be published
		member_user = make_user("_kb_member@example.com", "Union Member")
		frappe.utils.password.update_password(member_user.name, PASSWORD)
		frappe.db.commit()
		try:
			for who, client in (("guest", SiteClient()), ("member", SiteClient(member_user.name, PASSWORD))):
				with self.subTest(who=who):
					listing = client.get("/knowledge")
					self.assertEqual(listing.status_code, 200)
					self.assertIn("_KB Panduan Publik", listing.text)
					self.assertNotIn("_KB Putusan Internal", listing.text)
					searched = client.get("/knowledge", query_string={"q": "_KB Putusan"})
					self.assertNotIn("_KB Putusan Internal", searched.text)
					self.assertEqual(client.get(f"/knowledge/{public.name}").status_code, 200)
					self.assertIn("_KB Panduan Publik isi", client.get(f"/knowledge/{public.name}").text)
					self.assertEqual(client.get(f"/knowledge/{internal.name}").status_code, 404)
					self.assertNotIn("_KB Putusan Internal", client.get(f"/{internal.route}").text)
					api = client.get(f"/api/resource/Help Article/{internal.name}")
					self.assertIn(api.status_code, (401, 403))
			english = SiteClient().get("/knowledge", query_string={"lang": "en"})
			self.assertNotIn("_KB Panduan Publik", english.text)  # it is in Indonesian
		finally:
			frappe.delete_doc("Help Article", public.name, force=True)
			frappe.delete_doc("Help Article", internal.name, force=True)
			frappe.db.commit()

	def test_case_suggests_articles_of_its_category(self):
		from union_cases.api.knowledge import articles_for_case

		precedent = self.make_article("_KB Preseden Upah", "Internal")
		self.make_article(
			"_KB Lain",
			"Internal",
			union_case_categories=[{"case_category": "Unpaid Overtime"}],
		)
		case = make_case(make_member())
		advisor = make_user("_kb_advisor@example.com", "Legal Advisor")
		frappe.set_user(advisor.name)
		titles = [a.title for a in articles_for_case(case.name)]
		self.assertIn(precedent.title, titles)
		self.assertNotIn("_KB Lain", titles)
		frappe.set_user("Administrator")
		outsider = make_user("_kb_outsider@example.com", "Legal Advisor")
		from union_cases.demo.generate import grant

		grant(outsider.name, "Federation", "_Test Federation 2")
		frappe.set_user(outsider.name)
		with self.assertRaises(frappe.PermissionError):
			articles_for_case(case.name)
