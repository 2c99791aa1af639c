"""The daily deadline job warns the right people once, and flags overdue deadlines once."""

import frappe
from frappe.utils import add_days, getdate, today

from union_cases.casework.deadline_alerts import recipients_for, send_deadline_alerts
from union_cases.deadlines import add_working_days, working_days_between
from union_cases.permissions import grant
from union_cases.tests.utils import (
	ADVISOR,
	OFFICER,
	UnionTestCase,
	decoded,
	make_case,
	make_member,
	make_staff,
	make_user,
)


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
		grant(OFFICER, "Federation", "_Test Federation")
		grant("_test_other_officer@example.com", "Federation", "_Test Federation 2")
		cls.member = make_member(full_name="_Test Alert Member")
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
		self.assertEqual(recipients_for(case.name), sorted([ADVISOR, OFFICER]))

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
