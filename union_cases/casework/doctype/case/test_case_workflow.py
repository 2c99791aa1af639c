"""The Case workflow: who may take which step, what each step requires, and what it does."""

import frappe
from frappe.desk.form import assign_to
from frappe.model.workflow import (
	WorkflowPermissionError,
	WorkflowTransitionError,
	apply_workflow,
	get_transitions,
)

from union_cases.casework.assignment import sync_intake_rules
from union_cases.demo.generate import grant
from union_cases.exceptions import (
	HandlerRequiredError,
	RejectionReasonRequiredError,
	VerificationIncompleteError,
)
from union_cases.tests.utils import (
	ADVISOR,
	OFFICER,
	OPERATOR,
	OTHER_LOCAL_UNION,
	UnionTestCase,
	make_case,
	make_member,
	make_staff,
	make_user,
	retire_staff,
)

# from state, action, to state, the one role that may take it
TRANSITIONS = (
	("New", "Start Verification", "Under Verification", OPERATOR),
	("Under Verification", "Accept", "Accepted", OPERATOR),
	("Under Verification", "Reject", "Rejected", OPERATOR),
	("Accepted", "Start Handling", "In Handling", ADVISOR),
	("In Handling", "Resolve", "Resolved", ADVISOR),
	("Resolved", "Close", "Closed", OFFICER),
	("Closed", "Reopen", "Reopened", OFFICER),
	("Rejected", "Reopen", "Reopened", OFFICER),
	("Reopened", "Start Verification", "Under Verification", OPERATOR),
	("Reopened", "Resume Handling", "In Handling", ADVISOR),
)
STAFF = (OPERATOR, ADVISOR, OFFICER)


class TestCaseWorkflow(UnionTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_staff()
		cls.member = make_member(full_name="_Test Workflow Member")
		frappe.db.commit()

	def tearDown(self):
		frappe.set_user("Administrator")
		super().tearDown()

	def case_in(self, state):
		"""A case that is ready for any step out of `state` (checks done, handler, reason, outcome)."""
		case = make_case(
			self.member,
			handler=ADVISOR,
			rejection_reason="_Test reason",
			resolution_type="Joint Agreement (PB)",
		)
		for row in case.verification_checks:
			row.done = 1
		case.save()
		if state != "New":
			case.db_set("workflow_state", state)
		return frappe.get_doc("Case", case.name)

	def test_the_intake_assignment_ends_with_verification(self):
		"""The operator the intake rule gave a new case is no longer assigned once it is accepted; the legal
		advisor is, and a later save does not bring the operator's ToDo back."""
		intake_operator = "_test_intake_operator@example.com"
		make_user(intake_operator, "Case Operator")
		grant(intake_operator, "Federation", "_Test Federation 2")
		self.addCleanup(sync_intake_rules)  # runs last: the rule loses the retired operator
		self.addCleanup(retire_staff, intake_operator)
		sync_intake_rules()
		member = make_member(full_name="_Test Intake Member", local_union=OTHER_LOCAL_UNION)
		case = make_case(member, handler=ADVISOR)

		def open_todos():
			return {
				(todo.allocated_to, bool(todo.assignment_rule))
				for todo in frappe.get_all(
					"ToDo",
					filters={"reference_type": "Case", "reference_name": case.name, "status": "Open"},
					fields=["allocated_to", "assignment_rule"],
				)
			}

		# an operator of the federation (this module's own, or one another module left behind) took it in
		intake = open_todos()
		self.assertEqual(len(intake), 1)
		operator, by_rule = next(iter(intake))
		self.assertTrue(by_rule)
		self.assertIn("Case Operator", frappe.get_roles(operator))
		case.reload()
		for row in case.verification_checks:
			row.done = 1
		case.save()
		case = apply_workflow(case.as_dict(), "Start Verification")
		self.assertEqual(open_todos(), intake)
		apply_workflow(case.as_dict(), "Accept")
		self.assertEqual(open_todos(), {(ADVISOR, False)})
		case = frappe.get_doc("Case", case.name)
		case.priority = "High"
		case.save()
		self.assertEqual(open_todos(), {(ADVISOR, False)})
		self.assertNotIn(operator, frappe.get_doc("Case", case.name).get_assigned_users())

	def test_each_transition_only_for_its_role(self):
		for state, action, next_state, allowed in TRANSITIONS:
			for user in STAFF:
				with self.subTest(action=action, state=state, user=user):
					case = self.case_in(state)
					frappe.set_user(user)
					if user == allowed:
						self.assertEqual(apply_workflow(case.as_dict(), action).workflow_state, next_state)
					else:
						self.assertRaises(
							(WorkflowTransitionError, WorkflowPermissionError, frappe.PermissionError),
							apply_workflow,
							case.as_dict(),
							action,
						)
						self.assertEqual(frappe.db.get_value("Case", case.name, "workflow_state"), state)
					frappe.set_user("Administrator")

	def test_a_state_cannot_be_skipped_by_saving(self):
		case = self.case_in("New")
		case.workflow_state = "Closed"
		self.assertRaises(WorkflowPermissionError, case.save)

	def test_reject_needs_a_reason(self):
		case = make_case(self.member)
		case.db_set("workflow_state", "Under Verification")
		frappe.set_user(OPERATOR)
		self.assertRaises(RejectionReasonRequiredError, apply_workflow, case.as_dict(), "Reject")
		case.reload()
		case.db_set("rejection_reason", "Tidak ada bukti hubungan kerja")
		self.assertEqual(apply_workflow(case.as_dict(), "Reject").workflow_state, "Rejected")

	def test_accept_needs_verification_and_a_handler(self):
		case = make_case(self.member)
		case.db_set("workflow_state", "Under Verification")
		frappe.set_user(OPERATOR)
		self.assertRaises(VerificationIncompleteError, apply_workflow, case.as_dict(), "Accept")
		frappe.set_user("Administrator")
		case.reload()
		for row in case.verification_checks:
			row.done = 1
		case.save()
		frappe.set_user(OPERATOR)
		self.assertRaises(HandlerRequiredError, apply_workflow, case.as_dict(), "Accept")
		frappe.set_user("Administrator")
		case.reload()
		case.handler = ADVISOR
		case.save()
		frappe.set_user(OPERATOR)
		accepted = apply_workflow(case.as_dict(), "Accept")
		self.assertEqual(accepted.verified_by, OPERATOR)
		frappe.set_user("Administrator")
		self.assertIn(ADVISOR, frappe.parse_json(frappe.db.get_value("Case", case.name, "_assign")))
		self.assertTrue(
			frappe.db.exists("ToDo", {"reference_name": case.name, "allocated_to": ADVISOR, "status": "Open"})
		)

	def test_the_accept_dialog_records_an_eligible_advisor_only(self):
		"""What the Accept action's dialog calls (union_cases.api.case.set_handler) before the action."""
		from union_cases.api.case import set_handler

		case = make_case(self.member)
		case.db_set("workflow_state", "Under Verification")
		for row in case.verification_checks:
			frappe.db.set_value(row.doctype, row.name, "done", 1)
		frappe.set_user(OPERATOR)
		self.assertRaises(HandlerRequiredError, set_handler, case.name, OFFICER)  # not a Legal Advisor
		self.assertIsNone(frappe.db.get_value("Case", case.name, "handler"))
		set_handler(case.name, ADVISOR)
		accepted = apply_workflow(frappe.get_doc("Case", case.name).as_dict(), "Accept")
		self.assertEqual((accepted.workflow_state, accepted.handler), ("Accepted", ADVISOR))

	def test_verification_checklist_and_first_response(self):
		case = make_case(self.member, category="Gender-Based Violence and Harassment")
		checks = [row.check for row in case.verification_checks]
		self.assertIn("Membership active at the incident date", checks)
		self.assertIn("Consent of the complainant to act recorded", checks)
		self.assertTrue(case.membership_active_at_incident)
		self.assertTrue(case.first_response_due)
		frappe.set_user(OPERATOR)
		self.assertFalse(frappe.has_permission("Case", "read", doc=case.name))  # confidential, not theirs
		frappe.set_user("Administrator")
		assign_to.add(
			{"assign_to": [OPERATOR], "doctype": "Case", "name": case.name}, ignore_permissions=True
		)
		frappe.set_user(OPERATOR)
		started = apply_workflow(case.as_dict(), "Start Verification")
		self.assertTrue(started.verification_started_on)
		self.assertEqual(started.first_response_days, 0)
		self.assertTrue(started.first_response_met)

	def test_category_lays_out_the_usual_path(self):
		case = make_case(self.member, category="Dismissal and Severance")
		self.assertEqual(
			[row.stage for row in case.stages],
			[
				"Bipartite",
				"Labour Office Registration",
				"Mediation",
				"Industrial Relations Court (PHI)",
				"Cassation",
			],
		)
		self.assertEqual({row.stage_status for row in case.stages}, {"Planned"})
		self.assertEqual(case.dispute_type, "Termination")

	def test_membership_not_active_at_incident(self):
		member = make_member(full_name="_Test Late Joiner", join_date="2024-06-01")
		case = make_case(member, incident_date="2024-01-15")
		self.assertFalse(case.membership_active_at_incident)

	def test_admin_adds_a_state_without_code(self):
		if not frappe.db.exists("Workflow State", "On Hold"):
			frappe.get_doc(
				{"doctype": "Workflow State", "workflow_state_name": "On Hold", "style": "Warning"}
			).insert()
		if not frappe.db.exists("Workflow Action Master", "Put On Hold"):
			frappe.get_doc(
				{"doctype": "Workflow Action Master", "workflow_action_name": "Put On Hold"}
			).insert()
		workflow = frappe.get_doc("Workflow", "Case Workflow")
		workflow.append("states", {"state": "On Hold", "doc_status": "0", "allow_edit": "Legal Advisor"})
		workflow.append(
			"transitions",
			{
				"state": "In Handling",
				"action": "Put On Hold",
				"next_state": "On Hold",
				"allowed": "Legal Advisor",
				"allow_self_approval": 1,
			},
		)
		workflow.save()
		case = self.case_in("In Handling")
		frappe.set_user(ADVISOR)
		self.assertIn("Put On Hold", [t.action for t in get_transitions(case)])
		self.assertEqual(apply_workflow(case.as_dict(), "Put On Hold").workflow_state, "On Hold")
