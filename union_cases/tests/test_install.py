"""What installing the app leaves on a site (run on a fresh site, with and without ERPNext)."""

import json

import frappe
from frappe.tests.utils import FrappeTestCase

from union_cases.constants import ROLES
from union_cases.demo import generate as demo
from union_cases.setup.install import CASE_CATEGORIES, after_install

APP_MODULES = ("Membership", "Casework", "Organization")
STAFF_ROLES = ("Case Operator", "Legal Advisor", "Federation Officer", "Union Administrator")


def app_doctypes(include_tables=False):
	filters = {"module": ("in", APP_MODULES), "issingle": 0}
	if not include_tables:
		filters["istable"] = 0
	return frappe.get_all("DocType", filters=filters, pluck="name")


class TestInstall(FrappeTestCase):
	def test_app_is_installed(self):
		self.assertIn("union_cases", frappe.get_installed_apps())
		self.assertEqual(
			set(app_doctypes(include_tables=True)) | {"Union Cases Settings"},
			{
				"Federation",
				"Employer",
				"Member",
				"Case",
				"Case Category",
				"Case Member",
				"Case Evidence",
				"Referral Partner",
				"Referral",
				"Case Stage",
				"Case Deadline",
				"Case Verification Check",
				"Case Category Check",
				"Case Category Stage",
				"Case Link",
				"Deadline Rule",
				"Union Cases Settings",
				"Public Holiday",
				"Referral Update",
				"Performance Target",
				"Performance Target Indicator",
				"Help Article Case Category",
				"Membership Application",
				"Member Change Request",
				"Case Severance Line",
				"Dismissal Reason",
				"Minimum Wage",
			},
		)

	def test_roles(self):
		for role, desk_access in ROLES.items():
			with self.subTest(role=role):
				self.assertEqual(frappe.db.get_value("Role", role, "desk_access"), desk_access)
		self.assertEqual(frappe.db.get_value("Role", "Union Member", "desk_access"), 0)

	def test_every_doctype_has_sensible_permissions(self):
		for doctype in app_doctypes():
			meta = frappe.get_meta(doctype)
			roles = {perm.role for perm in meta.permissions if perm.permlevel == 0 and perm.read}
			with self.subTest(doctype=doctype):
				self.assertTrue({"System Manager", "Union Administrator", *STAFF_ROLES} <= roles)
				self.assertNotIn("Union Member", roles)  # members use the portal, never the desk lists
				self.assertNotIn("Guest", roles)
				admin = next(p for p in meta.permissions if p.role == "Union Administrator")
				self.assertTrue(admin.write and admin.create and admin.delete)
		member = {p.role: p for p in frappe.get_meta("Member").permissions if p.permlevel == 0}
		self.assertFalse(member["Legal Advisor"].write)
		self.assertTrue(member["Case Operator"].create)
		self.assertFalse(member["Case Operator"].delete)

	def test_case_categories_seeded(self):
		for category in CASE_CATEGORIES:
			with self.subTest(category=category.name):
				row = frappe.db.get_value(
					"Case Category",
					category.name,
					["default_dispute_type", "confidential_by_default"],
					as_dict=True,
				)
				self.assertEqual(
					(row.default_dispute_type, row.confidential_by_default),
					(category.dispute_type, int(category.confidential)),
				)

	def test_install_steps_are_idempotent(self):
		before = frappe.db.count("Case Category"), frappe.db.count("Role")
		after_install()
		self.assertEqual((frappe.db.count("Case Category"), frappe.db.count("Role")), before)

	def test_workspace_links_every_doctype(self):
		workspace = frappe.get_doc("Workspace", "Union Cases")
		self.assertTrue(workspace.public)
		shortcuts = {row.link_to for row in workspace.shortcuts}
		links = {row.link_to for row in workspace.links if row.type == "Link"}
		reports = set(
			frappe.get_all(
				"Report", filters={"module": ("in", APP_MODULES), "is_standard": "Yes"}, pluck="name"
			)
		)
		self.assertEqual(len(reports), 11)
		knowledge = {"Help Article", "Help Category"}
		self.assertEqual(
			shortcuts,
			set(app_doctypes()) - {"Public Holiday", "Dismissal Reason", "Minimum Wage"}
			| {"Help Article", "Case Register", "Target against Actual"},
		)
		self.assertEqual(links, set(app_doctypes()) | {"Union Cases Settings"} | reports | knowledge)
		blocks = {block["data"].get("shortcut_name") for block in json.loads(workspace.content)}
		shortcuts = {row.label for row in workspace.shortcuts}
		self.assertEqual(
			{
				b["data"]["number_card_name"]
				for b in json.loads(workspace.content)
				if b["type"] == "number_card"
			},
			{row.number_card_name for row in workspace.number_cards},
		)
		self.assertTrue(shortcuts <= blocks)

	def test_no_demo_data_unless_asked(self):
		self.assertEqual(demo.existing_counts(), demo.Counts(*([0] * len(demo.Counts.__dataclass_fields__))))

	def test_doctypes_belong_to_this_app(self):
		"""With or without ERPNext, the names are ours (no clash with an ERPNext doctype)."""
		for doctype in app_doctypes(include_tables=True):
			with self.subTest(doctype=doctype):
				module = frappe.db.get_value("DocType", doctype, "module")
				self.assertEqual(frappe.db.get_value("Module Def", module, "app_name"), "union_cases")

	def test_case_workflow_and_configuration_shipped(self):
		workflow = frappe.get_doc("Workflow", "Case Workflow")
		self.assertTrue(workflow.is_active)
		self.assertEqual(workflow.workflow_state_field, "workflow_state")
		self.assertEqual(
			[state.state for state in workflow.states],
			[
				"New",
				"Under Verification",
				"Accepted",
				"Rejected",
				"In Handling",
				"Resolved",
				"Closed",
				"Reopened",
			],
		)
		self.assertEqual(frappe.get_meta("Case").get_field("workflow_state").fieldtype, "Link")
		for name in ("Case Accepted", "Case Rejected", "Case Stage Changed", "Case Resolved"):
			self.assertTrue(frappe.db.get_value("Notification", name, "is_standard"))
		self.assertEqual(frappe.db.count("Email Template", {"name": ("like", "%(Indonesian)")}), 4)
		self.assertTrue(frappe.db.exists("Report", {"name": "Deadlines", "is_standard": "Yes"}))

	def test_deadline_rules_and_holidays_seeded(self):
		rules = frappe.get_single("Union Cases Settings").deadline_rules
		self.assertEqual(len(rules), 13)
		arbitration = next(r for r in rules if r.stage == "Arbitration")
		self.assertEqual((arbitration.duration, arbitration.max_extension_days), (30, 14))
		self.assertGreaterEqual(frappe.db.count("Public Holiday"), 40)  # four years of national holidays
