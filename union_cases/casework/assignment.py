"""Intake assignment: each federation's new cases go round-robin to that federation's case operators.

Built on Frappe's Assignment Rule: one rule per federation ("Case Intake - <federation>"), kept in step
with the operators' User Permissions on the Federation tree, plus a catch-all "Case Intake" rule for
operators scoped to a whole confederation. Administrators may edit the rules (for example the rule
type or the assignment days); the app only maintains their users and conditions.
"""

import frappe
from frappe.desk.form import assign_to

from union_cases.organization.tree import sector_federation_of

RULE_PREFIX = "Case Intake"
# confidential cases are not handed to any operator: the Gender Focal Point assigns their handlers
INTAKE = "workflow_state == 'New' and not confidential"
# the states of intake: once a case leaves them (accepted, rejected), the operator's part is done
INTAKE_STATES = ("New", "Under Verification")
WEEK = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def sync_intake_rules(doc=None, method=None):
	"""Rebuild the intake rules from who is a Case Operator and which tree node they are given."""
	if frappe.flags.in_install or frappe.flags.in_migrate:
		return
	operators = set(
		frappe.get_all("Has Role", filters={"role": "Case Operator", "parenttype": "User"}, pluck="parent")
	)
	operators &= set(frappe.get_all("User", filters={"enabled": 1}, pluck="name"))
	by_federation: dict[str, set[str]] = {}
	for user, node in frappe.get_all(
		"User Permission",
		filters={"allow": "Federation", "user": ("in", list(operators) or [""])},
		fields=["user", "for_value"],
		as_list=True,
	):
		federation = sector_federation_of(node)
		by_federation.setdefault(federation or "", set()).add(user)

	wanted = {}
	for federation, users in by_federation.items():
		if federation:
			condition = f"federation == {frappe.as_json(federation)} and {INTAKE}"
			wanted[f"{RULE_PREFIX} - {federation}"[:140]] = (condition, users, 1)
		else:  # operators of a whole confederation take what no federation operator covers
			wanted[RULE_PREFIX] = (INTAKE, users, 0)

	existing = frappe.get_all(
		"Assignment Rule",
		filters={"document_type": "Case", "name": ("like", f"{RULE_PREFIX}%")},
		pluck="name",
	)
	for name in existing:
		if name not in wanted:
			frappe.db.set_value("Assignment Rule", name, "disabled", 1)
			# Frappe applies rules from its caches, which only a save clears: without this the last
			# operator of a federation, once removed, would still be given its new cases
			frappe.get_doc("Assignment Rule", name).clear_cache()
	for name, (condition, users, priority) in wanted.items():
		rule = (
			frappe.get_doc("Assignment Rule", name) if name in existing else frappe.new_doc("Assignment Rule")
		)
		if rule.is_new():
			rule.update({"name": name, "description": name, "document_type": "Case", "rule": "Round Robin"})
			rule.set("assignment_days", [{"day": day} for day in WEEK])
		rule.update({"assign_condition": condition, "priority": priority, "disabled": 0})
		rule.set("users", [{"user": user} for user in sorted(users)])
		rule.flags.ignore_permissions = True
		if rule.is_new():
			rule.insert(set_name=name)
		else:
			rule.save()


def end_intake(case):
	"""Case on_update: once the case is accepted or rejected, the operators' intake assignments end, so
	their lists and the case's avatars no longer show it. They are removed ("Cancelled"), not closed:
	Frappe reopens a closed ToDo of a document with assignment rules at its next save."""
	if case.workflow_state in INTAKE_STATES or not case.has_value_changed("workflow_state"):
		return
	cancel_intake_assignments(case)


def cancel_intake_assignments(case):
	"""Remove the operators' open intake assignments of a case (it was accepted or rejected, or it turned
	out confidential: then no operator's queue may show it)."""
	for todo in frappe.get_all(
		"ToDo",
		filters={
			"reference_type": case.doctype,
			"reference_name": case.name,
			"status": "Open",
			"assignment_rule": ("like", f"{RULE_PREFIX}%"),
		},
		fields=["name", "allocated_to"],
	):
		assign_to.set_status(
			case.doctype,
			case.name,
			todo=todo.name,
			assign_to=todo.allocated_to,
			status="Cancelled",
			ignore_permissions=True,
		)
