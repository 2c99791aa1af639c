"""Working-day arithmetic and a case's legal deadlines (table-driven, fixed holiday calendar).

The tables run in 2030-2031 on a calendar of their own (TEST_HOLIDAYS only), each under a frozen date:
the weekdays of the first week of March 2030 (Tuesday 5 March a holiday) and the year end 2030/2031.
"""

import datetime

import frappe
from frappe.model.workflow import apply_workflow

from union_cases.casework.deadlines.calendar import (
	add_period,
	add_working_days,
	clear_holiday_cache,
	get_holidays,
	working_days_between,
)
from union_cases.casework.deadlines.compute import deadline_status, is_overdue
from union_cases.casework.doctype.public_holiday.public_holiday import seed_national_holidays
from union_cases.exceptions import DeadlineExtensionError
from union_cases.tests.utils import UnionTestCase, make_case, make_member, on_day

D = datetime.date.fromisoformat
TEST_HOLIDAYS = {
	"2030-03-05": "_Test Hari Raya Nyepi",
	"2030-12-25": "_Test Hari Raya Natal",
	"2030-12-26": "_Test Cuti Bersama Natal",
	"2031-01-01": "_Test Tahun Baru",
}
# the day the tests of a case's deadlines run on: the 2030-12-20 stages below are still running
BEFORE_THE_DEADLINES = "2030-12-19"

# due date, the day it is looked at, working days left, status: overdue from the calendar day after
# the due date, a working day or not; the days left count working days only
OVERDUE_CASES = (
	("2030-03-01", "2030-02-28", 1, "Open"),  # due on a Friday, seen on the Thursday
	("2030-03-01", "2030-03-01", 0, "Open"),  # ... on the day itself
	("2030-03-01", "2030-03-02", 0, "Overdue"),  # ... on the Saturday: no working day gone, still overdue
	("2030-03-01", "2030-03-03", 0, "Overdue"),  # Sunday
	("2030-03-01", "2030-03-04", -1, "Overdue"),  # Monday
	("2030-03-01", "2030-03-05", -1, "Overdue"),  # Tuesday, a holiday
	("2030-03-01", "2030-03-06", -2, "Overdue"),  # Wednesday
	("2030-03-04", "2030-03-02", 1, "Open"),  # due on the Monday before the holiday, seen on the Saturday
	("2030-03-04", "2030-03-04", 0, "Open"),
	("2030-03-04", "2030-03-05", 0, "Overdue"),  # on the holiday after it
	("2030-03-04", "2030-03-06", -1, "Overdue"),
	("2030-03-06", "2030-03-02", 2, "Open"),  # due the day after the holiday
	("2030-03-06", "2030-03-05", 1, "Open"),  # seen on the holiday
	("2030-03-06", "2030-03-07", -1, "Overdue"),
	("2030-03-03", "2030-03-03", 0, "Open"),  # a calendar-year limit can end on a Sunday
	("2030-03-03", "2030-03-04", -1, "Overdue"),
	("2030-12-31", "2030-12-24", 3, "Open"),  # over Christmas and the collective leave
	("2030-12-31", "2030-12-31", 0, "Open"),  # due on New Year's Eve
	("2030-12-31", "2031-01-01", 0, "Overdue"),  # New Year's Day, a holiday
	("2030-12-31", "2031-01-02", -1, "Overdue"),
	("2031-01-01", "2030-12-31", 0, "Open"),  # a limit ending on the holiday itself
	("2031-01-01", "2031-01-01", 0, "Open"),
	("2031-01-01", "2031-01-02", -1, "Overdue"),
)

# opened on, first response due (2 working days, the default), verification started on,
# working days taken, on time
FIRST_RESPONSE_CASES = (
	("2030-03-04", "2030-03-07", "2030-03-07", 2, 1),  # Monday, over the Tuesday holiday
	("2030-03-05", "2030-03-07", "2030-03-06", 1, 1),  # opened on the holiday
	("2030-03-06", "2030-03-08", "2030-03-09", 2, 0),  # Wednesday; started on the Saturday after: late
	("2030-02-28", "2030-03-04", "2030-03-04", 2, 1),  # Thursday, over the weekend
	("2030-03-01", "2030-03-06", "2030-03-07", 3, 0),  # Friday, over weekend and holiday; a day late
	("2030-03-02", "2030-03-06", "2030-03-02", 0, 1),  # Saturday, started at once
	("2030-03-03", "2030-03-06", "2030-03-06", 2, 1),  # Sunday
	("2030-12-24", "2030-12-30", "2030-12-26", 0, 1),  # before Christmas; started on the collective leave
	("2030-12-31", "2031-01-03", "2031-01-03", 2, 1),  # New Year's Eve
	("2031-01-01", "2031-01-03", "2031-01-06", 3, 0),  # New Year's Day; started the Monday after: late
)

# start, working days, expected due date
ADD_CASES = (
	("2030-03-01", 0, "2030-03-01"),  # Friday, nothing to add
	("2030-03-01", 1, "2030-03-04"),  # over the weekend
	("2030-03-01", 2, "2030-03-06"),  # Tuesday 5 March is a holiday
	("2030-03-01", 5, "2030-03-11"),
	("2030-03-02", 1, "2030-03-04"),  # counted from a Saturday
	("2030-12-20", 7, "2031-01-03"),  # Christmas, collective leave and New Year across the year end
	("2030-12-24", 1, "2030-12-27"),
	("2030-12-31", 1, "2031-01-02"),
	("2030-12-20", 30, "2031-02-05"),  # bipartite talks started just before the holidays
)

# from, to, working days between (negative when the date has passed)
BETWEEN_CASES = (
	("2030-03-01", "2030-03-11", 5),
	("2030-03-11", "2030-03-01", -5),
	("2030-03-01", "2030-03-01", 0),
	("2030-03-02", "2030-03-03", 0),  # a weekend
	("2030-12-20", "2031-01-03", 7),
	("2030-12-24", "2030-12-26", 0),  # two holidays
)

# start, duration, unit, expected
PERIOD_CASES = (
	("2030-12-20", 14, "Calendar Days", "2031-01-03"),
	("2028-02-29", 1, "Calendar Years", "2029-02-28"),  # a dismissal lawsuit from a leap day
	("2030-06-14", 1, "Calendar Years", "2031-06-14"),
	("2030-12-20", 7, "Working Days", "2031-01-03"),
)


def add_test_holidays():
	for day, description in TEST_HOLIDAYS.items():
		if not frappe.db.exists("Public Holiday", {"holiday_date": day}):
			frappe.get_doc(
				{"doctype": "Public Holiday", "holiday_date": day, "description": description}
			).insert()


def use_test_calendar():
	"""2030 and 2031 hold only TEST_HOLIDAYS, whatever the install seeded (it seeds the years around
	the machine's date, so in 2028 it would add 2030's national holidays). Rolled back after the test."""
	add_test_holidays()
	frappe.db.delete(
		"Public Holiday",
		{
			"holiday_date": ("between", ("2030-01-01", "2031-12-31")),
			"description": ("not like", "_Test%"),
		},
	)
	clear_holiday_cache()


class TestWorkingDays(UnionTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		add_test_holidays()
		frappe.db.commit()

	def setUp(self):
		use_test_calendar()

	def test_holidays_include_the_seeded_national_holidays(self):
		holidays = get_holidays()
		self.assertTrue({D(day) for day in TEST_HOLIDAYS} <= holidays)
		# the calendar is seeded from the year before to two years ahead of the day it runs, here on
		# several days: a year's first and last day among them
		for day in ("2026-12-02", "2027-01-01", "2028-12-31", "2031-06-15"):
			with self.subTest(day=day), on_day(self, day):
				seed_national_holidays()
				holidays = get_holidays()
				for year in range(D(day).year - 1, D(day).year + 3):
					# Independence Day and New Year's Day, from the holidays package
					self.assertIn(datetime.date(year, 8, 17), holidays)
					self.assertIn(datetime.date(year, 1, 1), holidays)
			frappe.db.rollback()
			use_test_calendar()

	def test_overdue_from_the_day_after_the_due_date(self):
		for due, on_date, left, status in OVERDUE_CASES:
			with self.subTest(due=due, on_date=on_date):
				self.assertEqual(working_days_between(D(on_date), D(due)), left)
				self.assertEqual(deadline_status(D(due), None, D(on_date)), status)
				self.assertEqual(is_overdue(due, on_date), status == "Overdue")
		self.assertFalse(is_overdue(None, "2030-03-04"))
		# a deadline met is never overdue, whenever it is looked at
		self.assertEqual(deadline_status(D("2030-03-01"), D("2030-03-01"), D("2030-03-06")), "Met")
		self.assertEqual(deadline_status(D("2030-03-01"), D("2030-03-02"), D("2030-03-06")), "Met Late")

	def test_add_working_days(self):
		for start, days, expected in ADD_CASES:
			with self.subTest(start=start, days=days):
				self.assertEqual(add_working_days(D(start), days), D(expected))

	def test_working_days_between(self):
		for start, end, expected in BETWEEN_CASES:
			with self.subTest(start=start, end=end):
				self.assertEqual(working_days_between(D(start), D(end)), expected)

	def test_periods(self):
		for start, duration, unit, expected in PERIOD_CASES:
			with self.subTest(start=start, duration=duration, unit=unit):
				self.assertEqual(add_period(D(start), duration, unit), D(expected))

	def test_a_new_holiday_is_used_at_once(self):
		self.assertEqual(add_working_days(D("2030-03-11"), 1), D("2030-03-12"))
		frappe.get_doc(
			{"doctype": "Public Holiday", "holiday_date": "2030-03-12", "description": "_Test"}
		).insert()
		self.assertEqual(add_working_days(D("2030-03-11"), 1), D("2030-03-13"))

	def test_duplicate_holiday_refused(self):
		doc = frappe.get_doc(
			{"doctype": "Public Holiday", "holiday_date": "2030-12-25", "description": "_Test again"}
		)
		self.assertRaises(frappe.DuplicateEntryError, doc.insert)


class TestCaseDeadlines(UnionTestCase):
	frozen_on = BEFORE_THE_DEADLINES

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		add_test_holidays()
		cls.member = make_member(full_name="_Test Deadline Member")
		frappe.db.commit()

	def setUp(self):
		use_test_calendar()

	def deadline(self, case, event):
		return next(row for row in case.deadlines if row.event == event)

	def test_mediation_deadlines_follow_the_dates(self):
		case = make_case(
			self.member,
			stages=[{"stage": "Mediation", "stage_status": "Ongoing", "start_date": "2030-12-20"}],
		)
		self.assertEqual(
			{(row.event, str(row.due_date)) for row in case.deadlines},
			{("First mediation hearing", "2031-01-03"), ("Mediation completed", "2031-02-05")},
		)
		self.assertEqual(str(case.next_deadline), "2031-01-03")
		self.assertEqual(case.current_stage, "Mediation")
		self.assertEqual(str(case.stages[0].next_due_date), "2031-01-03")
		self.assertGreater(case.next_deadline_days_left, 0)

		# the hearing took place on time: the next deadline (the written recommendation) appears
		case.stages[0].first_hearing_date = "2031-01-02"
		case.save()
		hearing = self.deadline(case, "First mediation hearing")
		self.assertEqual((hearing.deadline_status, str(hearing.met_on)), ("Met", "2031-01-02"))
		recommendation = self.deadline(case, "Written recommendation (anjuran)")
		self.assertEqual(str(recommendation.due_date), "2031-01-16")  # 10 working days after 2 January
		self.assertEqual(str(case.next_deadline), "2031-01-16")

	def test_late_and_overdue(self):
		case = make_case(
			self.member,
			stages=[
				{
					"stage": "Bipartite",
					"stage_status": "Completed",
					"start_date": "2024-01-02",
					"end_date": "2024-03-29",
				}
			],
		)
		self.assertEqual(self.deadline(case, "Bipartite negotiation concluded").deadline_status, "Met Late")
		case = make_case(
			self.member,
			stages=[{"stage": "Bipartite", "stage_status": "Ongoing", "start_date": "2024-01-02"}],
		)
		row = self.deadline(case, "Bipartite negotiation concluded")
		self.assertEqual(row.deadline_status, "Overdue")
		self.assertLess(row.days_left, 0)

	def test_a_closed_case_has_no_running_deadlines(self):
		case = make_case(
			self.member,
			stages=[{"stage": "Mediation", "stage_status": "Ongoing", "start_date": "2030-12-20"}],
		)
		case.db_set("workflow_state", "Closed")
		case.reload()
		case.save()
		self.assertEqual({row.deadline_status for row in case.deadlines}, {"Case Closed"})
		self.assertEqual({row.days_left for row in case.deadlines}, {None})
		self.assertIsNone(case.next_deadline)

	def test_arbitration_extension_once_by_at_most_14_days(self):
		case = make_case(
			self.member,
			dispute_type="Interests",
			stages=[{"stage": "Arbitration", "stage_status": "Ongoing", "start_date": "2030-12-20"}],
		)
		row = self.deadline(case, "Arbitration award")
		original = row.due_date
		row.update(
			{
				"extension_days": 14,
				"extension_reason": "Kesepakatan para pihak",
				"extension_agreed_by": "Arbiter",
			}
		)
		case.save()
		row = self.deadline(case, "Arbitration award")
		self.assertEqual(row.original_due_date, original)
		self.assertEqual(row.due_date, add_working_days(original, 14))
		self.assertEqual(row.extension_reason, "Kesepakatan para pihak")
		row.extension_days = 15
		self.assertRaises(DeadlineExtensionError, case.save)
		# mediation has no extension at all
		case = make_case(
			self.member,
			stages=[{"stage": "Mediation", "stage_status": "Ongoing", "start_date": "2030-12-20"}],
		)
		case.deadlines[0].update({"extension_days": 3, "extension_reason": "x", "extension_agreed_by": "y"})
		self.assertRaises(DeadlineExtensionError, case.save)

	def test_cassation_only_for_rights_and_termination(self):
		stages = [{"stage": "Cassation", "stage_status": "Ongoing", "start_date": "2030-12-20"}]
		rights = make_case(self.member, dispute_type="Rights", stages=stages)
		self.assertEqual([row.event for row in rights.deadlines], ["Cassation filed"])
		self.assertEqual(str(rights.deadlines[0].due_date), add_working_days(D("2030-12-20"), 14).isoformat())
		interests = make_case(self.member, dispute_type="Interests", stages=stages)
		self.assertEqual(interests.deadlines, [])

	def test_dismissal_lawsuit_within_a_year_of_failed_mediation(self):
		case = make_case(
			self.member,
			category="Dismissal and Severance",
			stages=[
				{
					"stage": "Mediation",
					"stage_status": "Completed",
					"start_date": "2029-01-02",
					"end_date": "2029-02-12",
					"result": "Failed",
				},
				{"stage": "Industrial Relations Court (PHI)", "stage_status": "Planned"},
			],
		)
		lawsuit = self.deadline(case, "Dismissal lawsuit filed at the PHI")
		self.assertEqual(str(lawsuit.due_date), "2030-02-12")
		case.stages[1].update({"start_date": "2029-06-03", "stage_status": "Ongoing"})
		case.save()
		self.assertEqual(self.deadline(case, "Dismissal lawsuit filed at the PHI").deadline_status, "Met")

	def test_rules_are_data(self):
		settings = frappe.get_single("Union Cases Settings")
		rule = next(r for r in settings.deadline_rules if r.event == "First mediation hearing")
		shipped = rule.duration
		rule.duration = 5
		settings.save()
		try:
			case = make_case(
				self.member,
				stages=[{"stage": "Mediation", "stage_status": "Ongoing", "start_date": "2030-12-20"}],
			)
			self.assertEqual(str(self.deadline(case, "First mediation hearing").due_date), "2030-12-31")
		finally:
			frappe.db.rollback()
			# a notice mailed at once (an assignment's) commits on its way: put the rule back for sure
			frappe.db.set_value("Deadline Rule", rule.name, "duration", shipped, update_modified=False)
			frappe.db.commit()
			frappe.clear_document_cache("Union Cases Settings", "Union Cases Settings")

	def test_deadlines_report(self):
		from union_cases.casework.report.deadlines.deadlines import execute

		overdue = make_case(
			self.member,
			title="_Test overdue",
			stages=[{"stage": "Bipartite", "stage_status": "Ongoing", "start_date": "2024-01-02"}],
		)
		upcoming = make_case(
			self.member,
			title="_Test upcoming",
			stages=[{"stage": "Mediation", "stage_status": "Ongoing", "start_date": "2030-12-20"}],
		)
		met = make_case(
			self.member,
			title="_Test met",
			stages=[
				{
					"stage": "Bipartite",
					"stage_status": "Completed",
					"start_date": "2030-12-20",
					"end_date": "2031-01-02",
				}
			],
		)
		columns, rows = execute({"status": "Overdue"})
		self.assertEqual(columns[0]["fieldname"], "case_name")
		self.assertIn(overdue.name, {r.case_name for r in rows})
		self.assertFalse({upcoming.name, met.name} & {r.case_name for r in rows})
		_columns, rows = execute({"status": "Open and Overdue", "from_date": "2030-01-01"})
		by_case = {(r.case_name, r.event): r for r in rows}
		self.assertEqual(str(by_case[(upcoming.name, "First mediation hearing")].due_date), "2031-01-03")
		self.assertNotIn(overdue.name, {r.case_name for r in rows})
		_columns, rows = execute({"status": "All", "stage": "Bipartite"})
		self.assertIn((met.name, "Met"), {(r.case_name, r.deadline_status) for r in rows})
		dates = [r.due_date for r in rows]
		self.assertEqual(dates, sorted(dates))
		# a node of the tree with everything under it, as the other reports filter
		for node, expected in (
			("_Test Federation", True),
			("_Test Branch", True),
			("_Test Federation 2", False),
		):
			with self.subTest(node=node):
				_columns, rows = execute({"status": "Overdue", "federation": node})
				self.assertEqual(overdue.name in {r.case_name for r in rows}, expected)

	def test_status_and_days_left_follow_the_day_they_are_computed(self):
		case = make_case(
			self.member,
			stages=[{"stage": "Mediation", "stage_status": "Ongoing", "start_date": "2030-12-20"}],
		)
		hearing = self.deadline(case, "First mediation hearing")
		self.assertEqual(str(hearing.due_date), "2031-01-03")  # a Friday
		for on_date, left, status in (
			("2030-12-19", 8, "Open"),
			("2031-01-03", 0, "Open"),
			("2031-01-04", 0, "Overdue"),  # the Saturday after
			("2031-01-06", -1, "Overdue"),
		):
			with self.subTest(on_date=on_date), on_day(self, on_date):
				case.save()  # recomputed on the frozen day, as the form does
				hearing = self.deadline(case, "First mediation hearing")
				self.assertEqual((hearing.days_left, hearing.deadline_status), (left, status))
				self.assertEqual(str(case.next_deadline), "2031-01-03")
				self.assertEqual(case.next_deadline_days_left, left)

	def test_first_response_target_in_working_days(self):
		for opened, due, started, taken, on_time in FIRST_RESPONSE_CASES:
			with self.subTest(opened=opened, started=started):
				with on_day(self, opened):
					case = make_case(self.member)
				self.assertEqual(str(case.opening_date), opened)
				self.assertEqual(str(case.first_response_due), due)
				with on_day(self, started, "10:00:00"):
					case.reload()
					case = apply_workflow(case.as_dict(), "Start Verification")
				self.assertEqual(str(case.verification_started_on)[:10], started)
				self.assertEqual((case.first_response_days, case.first_response_met), (taken, on_time))
