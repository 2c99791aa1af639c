"""Two people changing the same case: the later save is refused with Frappe's "document has been
modified after you have opened it" (TimestampMismatchError) and nothing of the earlier one is lost.

Frappe checks it in `Document.check_if_latest`: the save reads the row's `modified` with `SELECT ... FOR
UPDATE` and refuses a document loaded before the last save. The first tests show it with two copies
loaded before either is saved (two browser tabs); the last ones with two real connections at the same
moment (threads meeting at a barrier), where the row lock makes the second wait for the first and then
refuses it. A workflow action re-reads the case first (`apply_workflow` loads it from the database), so
an action taken on a case another action has just moved on is refused as no longer valid
(WorkflowTransitionError), and two actions at the very same moment end as two saves do.
"""

import threading

import frappe
from frappe.model.workflow import WorkflowTransitionError, apply_workflow

from union_cases.portal.submissions import attach_files
from union_cases.tests.utils import (
	ADVISOR,
	OPERATOR,
	UnionTestCase,
	make_case,
	make_member,
	make_staff,
)

PNG = (
	b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4"
	b"\x89\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff\x89\x99=\x1d\x00\x00\x00\x00IEND"
	b"\xaeB`\x82"
)


class TestConcurrentEdits(UnionTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_staff()
		cls.member = make_member(full_name="_Test Concurrent Member")
		frappe.db.commit()

	def tearDown(self):
		frappe.set_user("Administrator")
		super().tearDown()

	def ready_case(self, state: str = "Under Verification"):
		case = make_case(self.member, handler=ADVISOR, rejection_reason="_Test reason")
		for row in case.verification_checks:
			row.done = 1
		case.save()
		case.db_set("workflow_state", state)
		return case.name

	def test_two_staff_saving_the_same_case(self):
		name = self.ready_case()
		frappe.set_user(OPERATOR)
		first = frappe.get_doc("Case", name)
		frappe.set_user(ADVISOR)
		second = frappe.get_doc("Case", name)
		frappe.set_user(OPERATOR)
		first.title = "_Test title by the operator"
		first.save()
		frappe.set_user(ADVISOR)
		second.priority = "High"
		with self.assertRaises(frappe.TimestampMismatchError):
			second.save()
		saved = frappe.get_doc("Case", name)
		self.assertEqual(saved.title, "_Test title by the operator")
		self.assertNotEqual(saved.priority, "High")

	def test_two_workflow_actions_at_once(self):
		name = self.ready_case()
		frappe.set_user(OPERATOR)
		seen_by_both = frappe.get_doc("Case", name).as_dict()  # two tabs of the same form
		self.assertEqual(apply_workflow(dict(seen_by_both), "Accept").workflow_state, "Accepted")
		with self.assertRaises(WorkflowTransitionError):
			apply_workflow(dict(seen_by_both), "Reject")
		self.assertEqual(frappe.db.get_value("Case", name, "workflow_state"), "Accepted")

	def test_member_replying_while_an_operator_edits(self):
		name = self.ready_case()
		frappe.set_user(OPERATOR)
		operators_copy = frappe.get_doc("Case", name)
		# the member's reply with a file saves the case (as union_cases.api.portal.reply does)
		frappe.set_user("Administrator")
		members_copy = frappe.get_doc("Case", name)
		attach_files(members_copy, [("_test_reply.png", PNG)], "_Test reply")
		members_copy.save(ignore_permissions=True)
		frappe.set_user(OPERATOR)
		operators_copy.title = "_Test title the operator typed meanwhile"
		with self.assertRaises(frappe.TimestampMismatchError):
			operators_copy.save()
		saved = frappe.get_doc("Case", name)
		self.assertEqual([row.description for row in saved.evidence], ["_Test reply"])
		self.assertNotEqual(saved.title, "_Test title the operator typed meanwhile")

	def test_two_connections_saving_at_the_same_moment(self):
		name = self.committed_case()
		met = threading.Barrier(2, timeout=30)

		def save(field: str, value: str):
			doc = frappe.get_doc("Case", name)
			met.wait()  # both have opened the case before either saves
			doc.set(field, value)
			doc.save()

		outcome = self.race(
			("operator", OPERATOR, lambda: save("title", "_Test title at the same moment")),
			("advisor", ADVISOR, lambda: save("priority", "High")),
		)
		self.assertEqual(sorted(outcome.values()), ["refused: TimestampMismatchError", "saved"], outcome)
		saved = frappe.db.get_value("Case", name, ["title", "priority"], as_dict=True)
		title_saved = saved.title == "_Test title at the same moment"
		self.assertEqual(title_saved, outcome["operator"] == "saved")
		self.assertEqual(saved.priority == "High", outcome["advisor"] == "saved")

	def test_two_workflow_actions_at_the_same_moment(self):
		name = self.committed_case()
		met = threading.Barrier(2, timeout=30)

		def act(action: str):
			doc = frappe.get_doc("Case", name).as_dict()
			met.wait()
			apply_workflow(doc, action)

		# two operators (here one account in two tabs) on the same case
		outcome = self.race(
			("Accept", OPERATOR, lambda: act("Accept")), ("Reject", OPERATOR, lambda: act("Reject"))
		)
		self.assertEqual(list(outcome.values()).count("saved"), 1, outcome)
		refused = next(v for v in outcome.values() if v != "saved")
		self.assertIn(refused, ("refused: TimestampMismatchError", "refused: WorkflowTransitionError"))
		winner = "Accepted" if outcome["Accept"] == "saved" else "Rejected"
		self.assertEqual(frappe.db.get_value("Case", name, "workflow_state"), winner)

	def committed_case(self) -> str:
		name = self.ready_case()
		frappe.db.commit()
		self.addCleanup(self.delete_committed_case, name)
		return name

	def race(self, *people) -> dict:
		"""Runs each (label, user, work) on a connection of its own, at once; {label: "saved" or
		"refused: <error>"}."""
		site = frappe.local.site
		outcome = {}

		def run(label, user, work):
			frappe.init(site=site)
			frappe.connect()
			try:
				frappe.set_user(user)
				work()
				frappe.db.commit()
				outcome[label] = "saved"
			except Exception as e:
				frappe.db.rollback()
				outcome[label] = f"refused: {type(e).__name__}"
			finally:
				frappe.destroy()

		threads = [threading.Thread(target=run, args=person) for person in people]
		for thread in threads:
			thread.start()
		for thread in threads:
			thread.join(60)
		frappe.db.rollback()  # see what the threads committed
		return outcome

	def delete_committed_case(self, name: str):
		frappe.set_user("Administrator")
		frappe.delete_doc("Case", name, force=True, ignore_permissions=True)
		frappe.db.commit()
