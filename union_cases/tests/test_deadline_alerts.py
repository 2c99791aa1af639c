"""The daily deadline job warns the right people once, and flags overdue deadlines once.

Overdue means one thing everywhere (union_cases.casework.deadlines.compute.is_overdue): the job, the case's deadline
rows, the Overdue Deadlines number card and the Deadlines report agree on every day of the table in
test_deadlines, weekends, a holiday and the year end included.
"""

import frappe
from frappe.desk.doctype.number_card.number_card import get_result
from frappe.desk.form import assign_to
from frappe.utils import add_days, getdate, today

from union_cases.casework.deadlines.alerts import recipients_for, send_deadline_alerts
from union_cases.casework.deadlines.calendar import add_working_days, working_days_between
from union_cases.casework.report.deadlines.deadlines import execute as deadlines_report
from union_cases.demo.generate import grant
from union_cases.tests.test_deadlines import OVERDUE_CASES, use_test_calendar
from union_cases.tests.utils import (
	ADVISOR,
	OFFICER,
	UnionTestCase,
	card_filters,
	decoded,
	make_case,
	make_member,
	make_staff,
	make_tree,
	make_user,
	on_day,
	queued_to,
)

FOCAL_OFFICER = "_test_focal_officer@example.com"
ALERT_TREE = (
	("_Test Alert Federation", "Federation", "_Test Confederation"),
	("_Test Alert Branch", "Branch", "_Test Alert Federation"),
	("_Test Alert Local Union", "Local Union", "_Test Alert Branch"),
)


def remove_case(name: str):
	"""The job commits: take away what a test's case left behind."""
	for child in ("Case Stage", "Case Deadline", "Case Verification Check", "Case Member"):
		frappe.db.delete(child, {"parent": name})
	frappe.db.delete("ToDo", {"reference_type": "Case", "reference_name": name})
	frappe.db.delete("Notification Log", {"document_type": "Case", "document_name": name})
	frappe.db.delete("Case", {"name": name})
	frappe.db.commit()


def working_days_before(due, days):
	"""The date `days` working days before `due`."""
	day = getdate(due)
	while working_days_between(day, due) < days:
		day = getdate(add_days(day, -1))
	return day


class TestDeadlineAlerts(UnionTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_staff()
		make_user("_test_other_officer@example.com", "Federation Officer")
		make_user(FOCAL_OFFICER, "Federation Officer", "Gender Focal Point")
		# a federation of this module's own: the officers other modules give _Test Federation (and
		# leave behind on a site that runs the suite again) are not among who is told
		make_tree(ALERT_TREE)
		grant(OFFICER, "Federation", ALERT_TREE[0][0])
		grant(FOCAL_OFFICER, "Federation", ALERT_TREE[0][0])
		grant("_test_other_officer@example.com", "Federation", "_Test Federation 2")
		cls.member = make_member(full_name="_Test Alert Member", local_union=ALERT_TREE[-1][0])
		frappe.db.commit()

	def make_handled_case(self):
		start = today()
		case = make_case(
			self.member,
			handler=ADVISOR,
			stages=[{"stage": "Mediation", "stage_status": "Ongoing", "start_date": start}],
		)
		case.db_set("workflow_state", "In Handling")
		due = add_working_days(start, 7)  # the first hearing
		return case, due

	def mails(self, case, user=None):
		filters = {"reference_doctype": "Case", "reference_name": case.name}
		queue = frappe.get_all("Email Queue", filters=filters, fields=["name", "message"])
		if user:
			recipients = frappe.get_all(
				"Email Queue Recipient",
				filters={"recipient": user, "parent": ("in", [q.name for q in queue] or [""])},
				pluck="parent",
			)
			queue = [q for q in queue if q.name in recipients]
		return queue

	def test_recipients_are_handlers_and_the_federations_officer(self):
		case, _due = self.make_handled_case()
		self.assertEqual(recipients_for(case.name), sorted([ADVISOR, FOCAL_OFFICER, OFFICER]))

	def test_a_confidential_case_is_told_only_to_who_may_open_it(self):
		"""An officer of the case's federation who may not open a confidential case hears nothing of it."""
		case = make_case(
			self.member,
			title="_Test secret harassment case",
			category="Gender-Based Violence and Harassment",
			handler=ADVISOR,
			stages=[{"stage": "Mediation", "stage_status": "Ongoing", "start_date": today()}],
		)
		self.assertTrue(case.confidential)
		case.db_set("workflow_state", "In Handling")
		self.addCleanup(remove_case, case.name)
		for user, may_open in ((OFFICER, False), (FOCAL_OFFICER, True), (ADVISOR, True)):
			self.assertEqual(bool(frappe.has_permission("Case", "read", doc=case.name, user=user)), may_open)
		self.assertEqual(recipients_for(case.name), [ADVISOR, FOCAL_OFFICER])

		due = add_working_days(today(), 7)
		counts = send_deadline_alerts(on_date=working_days_before(due, 1))
		self.assertGreaterEqual(counts["warned"], 1)
		for user, told in ((ADVISOR, True), (FOCAL_OFFICER, True), (OFFICER, False)):
			with self.subTest(user=user):
				mails = queued_to(case.name, user)
				self.assertEqual(bool(mails), told)
				self.assertEqual(
					bool(
						frappe.db.exists("Notification Log", {"for_user": user, "document_name": case.name})
					),
					told,
				)
				if told:
					self.assertIn("_Test secret harassment case", mails[0])

		# an operator assigned to the case may open it, and is told from then on (no tree node given: not
		# an intake operator, so the other tests' cases are not handed to them)
		operator = make_user("_test_alert_operator@example.com", "Case Operator").name
		self.assertNotIn(operator, recipients_for(case.name))
		assign_to.add(
			{"assign_to": [operator], "doctype": "Case", "name": case.name}, ignore_permissions=True
		)
		self.assertIn(operator, recipients_for(case.name))

	def test_overdue_agrees_everywhere_on_every_day(self):
		"""For each row of the table: the job run on that day (as the scheduler runs it, without a date),
		the deadline row, the case's card and the Deadlines report say the same."""
		frappe.db.set_single_value("Union Cases Settings", "warning_days", 3)
		use_test_calendar()
		case = make_case(
			self.member,
			handler=ADVISOR,
			stages=[{"stage": "Mediation", "stage_status": "Ongoing", "start_date": "2030-02-01"}],
		)
		case.db_set("workflow_state", "In Handling")
		row = case.deadlines[0].name
		self.addCleanup(remove_case, case.name)
		card = frappe.get_doc("Number Card", "Overdue Deadlines")
		for due, on_date, left, status in OVERDUE_CASES:
			with self.subTest(due=due, on_date=on_date):
				frappe.db.set_value(
					"Case Deadline",
					row,
					{
						"due_date": due,
						"deadline_status": "Open",
						"days_left": 99,  # anything the job must put right
						"warning_sent_on": None,
						"overdue_sent_on": None,
					},
				)
				frappe.db.set_value(
					"Case Deadline",
					{"parent": case.name, "name": ("!=", row)},
					"deadline_status",
					"Met",
				)
				frappe.db.set_value("Case", case.name, {"next_deadline": due}, update_modified=False)
				with on_day(self, on_date, "06:00:00"):
					send_deadline_alerts()
					self.assertEqual(today(), on_date)
					saved = frappe.db.get_value(
						"Case Deadline",
						row,
						["deadline_status", "days_left", "warning_sent_on", "overdue_sent_on"],
						as_dict=True,
					)
					self.assertEqual((saved.deadline_status, saved.days_left), (status, left))
					self.assertEqual(bool(saved.overdue_sent_on), status == "Overdue")
					self.assertEqual(bool(saved.warning_sent_on), status == "Open")  # all within 3 days
					on_card = get_result(
						card.as_dict(), [*card_filters(card), ["Case", "name", "=", case.name]]
					)
					self.assertEqual(on_card, int(status == "Overdue"))
					_columns, listed = deadlines_report({"status": "Overdue"})
					self.assertEqual(case.name in {r.case_name for r in listed}, status == "Overdue")

	def test_warned_once_then_flagged_overdue_once(self):
		frappe.db.set_single_value("Union Cases Settings", "warning_days", 3)
		case, due = self.make_handled_case()
		early = send_deadline_alerts(on_date=working_days_before(due, 5))
		self.assertEqual(early["warned"], 0)
		self.assertEqual(self.mails(case), [])

		on_date = working_days_before(due, 2)
		first = send_deadline_alerts(on_date=on_date)
		self.assertGreaterEqual(first["warned"], 1)
		self.assertEqual(len(self.mails(case, ADVISOR)), 1)
		self.assertEqual(len(self.mails(case, OFFICER)), 1)
		self.assertTrue(
			frappe.db.exists("Notification Log", {"for_user": ADVISOR, "document_name": case.name})
		)
		self.assertEqual(
			frappe.db.get_value("Case Deadline", {"parent": case.name, "due_date": due}, "days_left"), 2
		)

		send_deadline_alerts(on_date=on_date)
		send_deadline_alerts(on_date=add_days(on_date, 1))
		self.assertEqual(len(self.mails(case, ADVISOR)), 1)  # no repeat

		late = add_days(due, 1)
		overdue = send_deadline_alerts(on_date=late)
		self.assertGreaterEqual(overdue["overdue"], 1)
		row = frappe.db.get_value(
			"Case Deadline",
			{"parent": case.name, "due_date": due},
			["deadline_status", "overdue_sent_on"],
			as_dict=True,
		)
		self.assertEqual(row.deadline_status, "Overdue")
		self.assertTrue(row.overdue_sent_on)
		self.assertEqual(len(self.mails(case, ADVISOR)), 2)
		send_deadline_alerts(on_date=add_days(late, 2))
		self.assertEqual(len(self.mails(case, ADVISOR)), 2)

	def test_messages_in_each_recipients_language(self):
		case, due = self.make_handled_case()
		send_deadline_alerts(on_date=working_days_before(due, 1))
		english = decoded(self.mails(case, ADVISOR)[0].message)
		indonesian = decoded(self.mails(case, OFFICER)[0].message)
		self.assertIn("The deadline for First mediation hearing", english)
		self.assertIn("Batas waktu", indonesian)

	def test_closed_cases_are_left_alone(self):
		case, due = self.make_handled_case()
		case.db_set("workflow_state", "Closed")
		send_deadline_alerts(on_date=working_days_before(due, 1))
		self.assertEqual(self.mails(case), [])

	def test_the_scheduled_run_uses_todays_date(self):
		"""A deadline due on a Friday is flagged by the job that runs on the Saturday."""
		case, due = self.make_handled_case()
		self.addCleanup(remove_case, case.name)
		saturday = next(day for day in (add_days(due, n) for n in range(1, 8)) if getdate(day).weekday() == 5)
		friday = add_days(saturday, -1)
		frappe.db.set_value("Case Deadline", {"parent": case.name, "due_date": due}, "due_date", friday)

		def row():
			return frappe.db.get_value(
				"Case Deadline",
				{"parent": case.name, "due_date": friday},
				["deadline_status", "days_left", "overdue_sent_on"],
				as_dict=True,
			)

		with on_day(self, friday, "23:00:00"):
			send_deadline_alerts()
		self.assertEqual((row().deadline_status, row().days_left, row().overdue_sent_on), ("Open", 0, None))
		with on_day(self, saturday, "01:00:00"):
			send_deadline_alerts()
		self.assertEqual((row().deadline_status, row().days_left), ("Overdue", 0))
		self.assertTrue(row().overdue_sent_on)
