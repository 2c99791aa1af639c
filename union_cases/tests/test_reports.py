"""The reports' figures against a small hand-built data set, and what each person sees of them.

The data set (all in 2020-2021, a period no other test writes to), in the _Test tree:

member  gender  employment  local union (federation)   joined      left
F1      Female  PKWTT       _Test Local Union (A)      2020-01-10
M1      Male    PKWT        _Test Local Union (A)      2020-01-25
L1      Male    PKWT        _Test Local Union (A)      2020-01-20  2020-03-05
F2      Female  Outsourced  _Test Local Union (A)      2020-02-15
M2      Male    PKWTT       _Test Local Union 2 (B)    2020-01-05

case  complainant  category           type        opened      state        bipartite           outcome
c1    F1           Wage               Complaint   2021-03-01  Resolved     03-05 to 06-30      Joint Agreement, 1,000,000, 4 stars
c2    M1           Unpaid Overtime    Complaint   2021-03-10  Closed       04-05 to 04-20      Court Judgment, 2,500,000, reinstated, 2 stars
c3    F2           Wage               Aspiration  2021-04-01  In Handling  from 05-03, ongoing
c4    M2           Wage               Complaint   2021-05-01  New
c5    (non-member at federation A) Unpaid Overtime  2021-06-01  New
"""

import frappe
from frappe.desk.query_report import get_script, run
from frappe.utils.password import update_password

from union_cases.demo.generate import grant
from union_cases.tests.utils import UnionTestCase, card_filters, make_case, make_member, make_user

APP_MODULES = ("Casework", "Membership", "Organization")

WAGE = "Wage Below Regional Minimum"
OVERTIME = "Unpaid Overtime"
OFFICER_A = "_report_officer_a@example.com"
OPERATOR_B = "_report_operator_b@example.com"
PASSWORD = "_Test-Pass-2026!"
PERIOD = {"from_date": "2021-01-01", "to_date": "2021-12-31", "federation": "_Test Confederation"}
MEMBER_PERIOD = {"from_date": "2020-01-01", "to_date": "2020-03-31", "federation": "_Test Confederation"}


def make_report_data():
	members = {
		"F1": make_member(full_name="_Rep F1", join_date="2020-01-10"),
		"M1": make_member(
			full_name="_Rep M1", gender="Male", employment_status="PKWT", join_date="2020-01-25"
		),
		"L1": make_member(
			full_name="_Rep L1",
			gender="Male",
			employment_status="PKWT",
			join_date="2020-01-20",
			status="Resigned",
			leave_date="2020-03-05",
		),
		"F2": make_member(full_name="_Rep F2", employment_status="Outsourced", join_date="2020-02-15"),
		"M2": make_member(
			full_name="_Rep M2", gender="Male", join_date="2020-01-05", local_union="_Test Local Union 2"
		),
	}

	def bipartite(start, end=None):
		stage = {"stage": "Bipartite", "stage_status": "Completed" if end else "Ongoing", "start_date": start}
		return [{**stage, "end_date": end}] if end else [stage]

	cases = {
		"c1": make_case(
			members["F1"],
			opening_date="2021-03-01",
			incident_date="2021-02-20",
			stages=bipartite("2021-03-05", "2021-06-30"),
		),
		"c2": make_case(
			members["M1"],
			category=OVERTIME,
			opening_date="2021-03-10",
			incident_date="2021-03-01",
			stages=bipartite("2021-04-05", "2021-04-20"),
		),
		"c3": make_case(
			members["F2"],
			case_type="Aspiration",
			opening_date="2021-04-01",
			incident_date="2021-03-20",
			stages=bipartite("2021-05-03"),
		),
		"c4": make_case(members["M2"], opening_date="2021-05-01", incident_date="2021-04-20"),
		"c5": frappe.get_doc(
			{
				"doctype": "Case",
				"title": "_Rep non-member",
				"category": OVERTIME,
				"description": "x",
				"is_non_member": 1,
				"federation": "_Test Federation",
				"opening_date": "2021-06-01",
			}
		).insert(),
	}
	states = {
		"c1": {
			"workflow_state": "Resolved",
			"resolution_type": "Joint Agreement (PB)",
			"amount_recovered": 1_000_000,
			"handling_rating": 0.8,
		},
		"c2": {
			"workflow_state": "Closed",
			"closing_date": "2021-08-01",
			"resolution_type": "Court Judgment",
			"amount_recovered": 2_500_000,
			"reinstated": 1,
			"handling_rating": 0.4,
		},
		"c3": {"workflow_state": "In Handling"},
	}
	for key, values in states.items():
		frappe.db.set_value("Case", cases[key].name, values)
	partner = "_Test Report Partner"
	if not frappe.db.exists("Referral Partner", partner):
		frappe.get_doc(
			{"doctype": "Referral Partner", "partner_name": partner, "partner_type": "Legal Aid"}
		).insert()
	referrals = {}
	for key, case, values in (
		(
			"r1",
			"c2",
			{
				"workflow_state": "Completed",
				"sent_on": "2021-04-10 09:00:00",
				"accepted_on": "2021-04-12 09:00:00",
				"completed_on": "2021-04-20 09:00:00",
				"days_to_accept": 2.0,
				"days_to_complete": 10.0,
			},
		),
		("r2", "c1", {"workflow_state": "Declined", "sent_on": "2021-04-10 09:00:00"}),
		(
			"r3",
			"c4",
			{
				"workflow_state": "Accepted",
				"sent_on": "2021-05-10 09:00:00",
				"accepted_on": "2021-05-16 09:00:00",
				"days_to_accept": 6.0,
			},
		),
	):
		referral = frappe.get_doc(
			{
				"doctype": "Referral",
				"case": cases[case].name,
				"partner": partner,
				"reason": "_Rep",
				"referral_date": "2021-04-10",
			}
		).insert()
		frappe.db.set_value("Referral", referral.name, values)
		referrals[key] = referral
	return members, cases, referrals


def report(name: str, filters: dict, user: str = "Administrator") -> dict:
	frappe.set_user(user)
	try:
		return run(name, filters=filters, ignore_prepared_report=True)
	finally:
		frappe.set_user("Administrator")


def rows(name: str, filters: dict, user: str = "Administrator") -> list[dict]:
	return [frappe._dict(row) for row in report(name, filters, user)["result"] if isinstance(row, dict)]


def by(rows_: list[dict], key: str) -> dict:
	return {row[key]: row for row in rows_}


class ReportTestCase(UnionTestCase):
	"""An officer of federation A, an operator of federation B, and the data set above (rolled back)."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_user(OFFICER_A, "Federation Officer")
		grant(OFFICER_A, "Federation", "_Test Federation")
		make_user(OPERATOR_B, "Case Operator")
		grant(OPERATOR_B, "Federation", "_Test Federation 2")
		for user in (OFFICER_A, OPERATOR_B):
			update_password(user, PASSWORD)
		frappe.db.commit()

	def setUp(self):
		self.members, self.cases, self.referrals = make_report_data()

	def tearDown(self):
		"""Roll back, and remove what a side effect (mail sent at once) may have committed meanwhile."""
		super().tearDown()
		cases = [case.name for case in self.cases.values()]
		frappe.db.delete("Referral", {"name": ("in", [r.name for r in self.referrals.values()])})
		for child in ("Case Stage", "Case Deadline", "Case Verification Check", "Case Member"):
			frappe.db.delete(child, {"parent": ("in", cases)})
		frappe.db.delete("ToDo", {"reference_type": "Case", "reference_name": ("in", cases)})
		frappe.db.delete("Case", {"name": ("in", cases)})
		frappe.db.delete("Member", {"name": ("in", [m.name for m in self.members.values()])})
		frappe.db.delete("Performance Target Indicator", {"parenttype": "Performance Target"})
		frappe.db.delete("Performance Target", {"federation": ("like", "_Test%")})
		frappe.db.commit()


class TestReports(ReportTestCase):
	def test_every_report_page_loads_its_script(self):
		"""The report page first asks for the report's script: an error there leaves an empty page with a
		dialog, whatever the data (a comment holding an include tag once broke 7 of the 9)."""
		reports = frappe.get_all("Report", filters={"module": ("in", APP_MODULES)}, pluck="name")
		self.assertGreaterEqual(len(reports), 9)
		for name in reports:
			with self.subTest(report=name):
				script = get_script(name)["script"]
				self.assertIn("frappe.query_reports", script)
				self.assertNotIn("{%", script)

	def test_case_register(self):
		names = {key: case.name for key, case in self.cases.items()}
		self.assertEqual({r.name for r in rows("Case Register", PERIOD)}, set(names.values()))
		self.assertEqual(
			{r.name for r in rows("Case Register", PERIOD, OFFICER_A)},
			{names["c1"], names["c2"], names["c3"], names["c5"]},
		)
		self.assertEqual({r.name for r in rows("Case Register", PERIOD, OPERATOR_B)}, {names["c4"]})
		for filters, expected in (
			({"gender": "Female"}, {"c1", "c3"}),
			({"employment_status": "PKWT"}, {"c2"}),
			({"membership": "Non-member"}, {"c5"}),
			({"case_type": "Aspiration"}, {"c3"}),
			({"category": OVERTIME}, {"c2", "c5"}),
			({"federation": "_Test Branch 2"}, {"c4"}),
			({"to_date": "2021-03-31"}, {"c1", "c2"}),
		):
			with self.subTest(filters=filters):
				found = {r.name for r in rows("Case Register", {**PERIOD, **filters})}
				self.assertEqual(found, {names[key] for key in expected})

	def test_case_breakdown_by_category_and_gender(self):
		data = by(rows("Case Breakdown", {**PERIOD, "group_by": "Category"}), "group_value")
		wage, overtime = data[WAGE], data[OVERTIME]
		self.assertEqual(
			(wage.cases, wage.female, wage.male, wage.gender_not_recorded, wage.complaints, wage.aspirations),
			(3, 2, 1, 0, 2, 1),
		)
		self.assertEqual((wage.open, wage.resolved), (2, 1))
		self.assertEqual(
			(overtime.cases, overtime.male, overtime.gender_not_recorded, overtime.non_members),
			(2, 1, 1, 1),
		)
		officer = by(rows("Case Breakdown", {**PERIOD, "group_by": "Category"}, OFFICER_A), "group_value")
		self.assertEqual((officer[WAGE].cases, officer[WAGE].female, officer[WAGE].male), (2, 2, 0))
		federations = by(rows("Case Breakdown", {**PERIOD, "group_by": "Federation"}), "group_value")
		self.assertEqual(
			(federations["_Test Federation"].cases, federations["_Test Federation 2"].cases), (4, 1)
		)
		branches = by(rows("Case Breakdown", {**PERIOD, "group_by": "Branch"}, OPERATOR_B), "group_value")
		self.assertEqual(set(branches), {"_Test Branch 2"})

	def test_case_aging(self):
		data = {(r.stage, r.workflow_state): r for r in rows("Case Aging", PERIOD)}
		self.assertEqual(set(data), {("No Legal Stage Yet", "New"), ("Bipartite", "In Handling")})
		new = data[("No Legal Stage Yet", "New")]
		self.assertEqual((new.total, new.over_365, new.days_0_30), (2, 2, 0))
		self.assertEqual(data[("Bipartite", "In Handling")].total, 1)
		officer = {(r.stage, r.workflow_state): r.total for r in rows("Case Aging", PERIOD, OFFICER_A)}
		self.assertEqual(officer, {("No Legal Stage Yet", "New"): 1, ("Bipartite", "In Handling"): 1})

	def test_deadline_compliance(self):
		bipartite = by(rows("Deadline Compliance", PERIOD), "stage")["Bipartite"]
		self.assertEqual(
			(bipartite.deadlines, bipartite.met, bipartite.met_late, bipartite.overdue, bipartite.breached),
			(3, 1, 1, 1, 2),
		)
		self.assertEqual(bipartite.share_met, 33.3)
		self.assertEqual(bipartite.median_days, 66.0)  # 15 days (c2) and 117 days (c1)
		self.assertEqual(rows("Deadline Compliance", PERIOD, OPERATOR_B), [])

	def test_case_outcomes(self):
		result = report("Case Outcomes", PERIOD)
		data = by([frappe._dict(r) for r in result["result"] if isinstance(r, dict)], "resolution_type")
		agreement, judgment = data["Joint Agreement (PB)"], data["Court Judgment"]
		self.assertEqual((agreement.cases, agreement.female, agreement.amount_recovered), (1, 1, 1_000_000))
		self.assertEqual((agreement.rated, agreement.average_rating, agreement.satisfied), (1, 4.0, 1))
		self.assertEqual((judgment.male, judgment.reinstated, judgment.average_rating), (1, 1, 2.0))
		summary = {item["label"]: item["value"] for item in result["report_summary"]}
		self.assertEqual(summary["Amount Recovered"], 3_500_000)
		self.assertEqual(summary["Average Rating (Stars)"], 3.0)
		self.assertEqual(summary["Satisfied (4-5 Stars)"], 50.0)
		self.assertEqual(rows("Case Outcomes", PERIOD, OPERATOR_B), [])

	def test_member_growth(self):
		data = by(rows("Member Growth", MEMBER_PERIOD), "month")
		self.assertEqual(list(data), ["2020-01", "2020-02", "2020-03"])
		january = data["2020-01"]
		self.assertEqual(
			(
				january.joined,
				january.joined_female,
				january.joined_male,
				january.joined_pkwtt,
				january.joined_pkwt,
			),
			(4, 1, 3, 2, 2),
		)
		self.assertEqual((data["2020-02"].joined, data["2020-02"].joined_outsourced), (1, 1))
		self.assertEqual((data["2020-03"].left, data["2020-03"].left_male, data["2020-03"].net), (1, 1, -1))
		officer = by(rows("Member Growth", MEMBER_PERIOD, OFFICER_A), "month")
		self.assertEqual([officer[m].joined for m in ("2020-01", "2020-02", "2020-03")], [3, 1, 0])
		women = by(rows("Member Growth", {**MEMBER_PERIOD, "gender": "Female"}), "month")
		self.assertEqual(women["2020-01"].joined, 1)

	def test_referral_turnaround(self):
		partner = by(rows("Referral Turnaround", PERIOD), "partner")["_Test Report Partner"]
		self.assertEqual(
			(partner.referrals, partner.sent, partner.accepted, partner.declined, partner.completed),
			(3, 3, 2, 1, 1),
		)
		self.assertEqual((partner.acceptance_rate, partner.median_days_to_accept), (66.7, 4.0))
		self.assertEqual(partner.median_days_to_complete, 10.0)
		officer = by(rows("Referral Turnaround", PERIOD, OFFICER_A), "partner")["_Test Report Partner"]
		self.assertEqual((officer.referrals, officer.accepted, officer.median_days_to_accept), (2, 1, 2.0))

	def test_confidential_cases_stay_out_of_the_figures(self):
		secret = make_case(
			self.members["F1"],
			category="Gender-Based Violence and Harassment",
			opening_date="2021-07-01",
			incident_date="2021-06-20",
		)
		self.assertIn(secret.name, {r.name for r in rows("Case Register", PERIOD)})
		self.assertNotIn(secret.name, {r.name for r in rows("Case Register", PERIOD, OFFICER_A)})
		officer = by(rows("Case Breakdown", {**PERIOD, "group_by": "Category"}, OFFICER_A), "group_value")
		self.assertNotIn("Gender-Based Violence and Harassment", officer)

	def test_number_cards_are_scoped(self):
		"""Each card of the workspace counts, for each person, exactly what their own list shows."""
		from frappe.desk.doctype.number_card.number_card import get_result

		workspace = frappe.get_doc("Workspace", "Union Cases")
		for row in workspace.number_cards:
			card = frappe.get_doc("Number Card", row.number_card_name)
			filters = card_filters(card)  # the dynamic ones (today's date) as the desk fills them in
			for user in (OFFICER_A, OPERATOR_B):
				frappe.set_user(user)
				with self.subTest(card=card.name, user=user):
					listed = len(
						frappe.get_list(
							card.document_type, filters=filters, pluck="name", limit_page_length=0
						)
					)
					self.assertEqual(get_result(card.as_dict(), frappe.as_json(filters)), listed)
				frappe.set_user("Administrator")
		frappe.set_user(OFFICER_A)
		everyone = frappe.get_all("Member", filters={"status": "Active"}, pluck="name")
		active = get_result(
			frappe.get_doc("Number Card", "Active Members").as_dict(),
			'[["Member","status","=","Active",false]]',
		)
		self.assertLess(active, len(everyone))  # not the whole union's members
