"""What an administrator changes without code survives every update of the app (configuration/shipped.py).

The main test changes each kind of shipped record through the calls the desk makes, commits, and runs a
real `bench migrate` in a subprocess, as an update does; then again as if the app's version and its
files had changed. Each change is put back afterwards (the suite goes on on the same site).
"""

import json
import subprocess
import sys

import frappe
from frappe.desk.doctype.workspace.workspace import save_page
from frappe.modules.import_file import import_file_by_path
from frappe.tests.utils import FrappeTestCase

from union_cases.configuration import shipped
from union_cases.setup.install import CASE_CATEGORIES, after_migrate

ESCALATED = "Escalated"
TEMPLATE = "Case Acknowledgement (Indonesian)"
NOTIFICATION = "Case Resolved"
CARD = "Open Cases"
WORKSPACE = "Union Cases"


def migrate():
	"""`bench --site <site> migrate`, in its own process, as an update of the app runs it."""
	frappe.db.commit()  # the subprocess must see the changes, and find no lock held by this one
	result = subprocess.run(
		[sys.executable, "-m", "frappe.utils.bench_helper", "frappe", "--site", frappe.local.site, "migrate"],
		cwd=frappe.utils.get_bench_path() + "/sites",
		capture_output=True,
		text=True,
		timeout=600,
	)
	frappe.db.rollback()  # a new transaction: read what the migrate wrote
	frappe.clear_cache()
	if result.returncode:
		raise AssertionError(f"bench migrate failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
	return result.stdout


def case_workflow():
	return frappe.get_doc("Workflow", "Case Workflow")


class TestAdminChangesSurviveMigrate(FrappeTestCase):
	def setUp(self):
		frappe.set_user("Administrator")
		self.workspace_content = frappe.db.get_value("Workspace", WORKSPACE, "content")
		self.addCleanup(self.put_back)

	def put_back(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()
		for doctype, name in (("Workflow", "Case Workflow"), ("Email Template", TEMPLATE)):
			shipped.reset_to_shipped(doctype, name)
		frappe.db.set_value("Notification", NOTIFICATION, "enabled", 1)
		frappe.db.set_value("Number Card", CARD, "color", "#5E64FF")
		# the workspace lost a card with its links: the app's file, imported again
		import_file_by_path(
			frappe.get_module_path("Casework", "workspace", "union_cases", "union_cases.json"), force=True
		)
		frappe.delete_doc_if_exists("Shipped Record", f"Seed: Case Category: {CASE_CATEGORIES[0].name}")
		frappe.delete_doc_if_exists("Workflow State", ESCALATED)
		frappe.delete_doc_if_exists("Workflow Action Master", "Escalate")
		after_migrate()  # the deleted seed comes back; the registry notes the shipped versions again
		frappe.db.commit()

	def change_everything(self):
		"""The administrator's day: each change made as the desk makes it (a document saved)."""
		frappe.get_doc({"doctype": "Workflow State", "workflow_state_name": ESCALATED}).insert()
		frappe.get_doc({"doctype": "Workflow Action Master", "workflow_action_name": "Escalate"}).insert()
		workflow = case_workflow()
		workflow.append("states", {"state": ESCALATED, "doc_status": "0", "allow_edit": "Federation Officer"})
		workflow.append(
			"transitions",
			{
				"state": "In Handling",
				"action": "Escalate",
				"next_state": ESCALATED,
				"allowed": "Federation Officer",
				"allow_self_approval": 1,
			},
		)
		workflow.save()
		template = frappe.get_doc("Email Template", TEMPLATE)
		template.subject = "Pengaduan {{ name }} sudah kami terima (diubah admin)"
		template.save()
		# a standard notification cannot be edited outside developer mode: it is disabled (then duplicated)
		notification = frappe.get_doc("Notification", NOTIFICATION)
		notification.enabled = 0
		notification.save()
		card = frappe.get_doc("Number Card", CARD)
		card.color = "#FF5858"
		card.save()
		# the workspace's Edit, then Save, in the desk: its last block (a card of links) removed
		blocks = json.loads(self.workspace_content)
		save_page(WORKSPACE, "true", "{}", json.dumps(blocks[:-1]))
		# (other tests' cases use it: deleted as the desk's "delete" would once they are gone; the seed
		# brings it back afterwards with the same name)
		frappe.delete_doc("Case Category", CASE_CATEGORIES[0].name, force=True)

	def assert_everything_kept(self):
		workflow = case_workflow()
		self.assertEqual((len(workflow.states), len(workflow.transitions)), (9, 11))
		self.assertIn("Escalate", [t.action for t in workflow.transitions])
		self.assertTrue(frappe.db.exists("Workflow State", ESCALATED))
		self.assertIn("diubah admin", frappe.db.get_value("Email Template", TEMPLATE, "subject"))
		self.assertEqual(frappe.db.get_value("Notification", NOTIFICATION, "enabled"), 0)
		self.assertFalse(frappe.db.exists("Case Category", CASE_CATEGORIES[0].name))
		blocks = json.loads(frappe.db.get_value("Workspace", WORKSPACE, "content"))
		self.assertEqual(len(blocks), len(json.loads(self.workspace_content)) - 1)
		self.assertTrue(shipped.changed_by_admin("Workflow", "Case Workflow"))
		self.assertTrue(frappe.db.get_value("Shipped Record", "Workflow: Case Workflow", "changed_by_admin"))

	def test_changes_survive_bench_migrate_and_an_update(self):
		self.assertEqual((len(case_workflow().states), len(case_workflow().transitions)), (8, 10))
		self.change_everything()
		output = migrate()
		self.assertEqual(frappe.db.get_value("Number Card", CARD, "color"), "#FF5858")
		self.assertIn("kept the administrator's version of Workflow 'Case Workflow'", output)
		self.assertIn(f"kept the administrator's version of Email Template '{TEMPLATE}'", output)
		self.assertNotIn("Referral Workflow", output)  # untouched records are not reported
		self.assert_everything_kept()

		# an update: another version of the app, whose files are newer than the administrator's edits
		# (as if the app had changed them since), and whose Referral Workflow changed; the site's copy of
		# that one was left as the app wrote it, so it is brought to the new version
		frappe.db.set_value("Installed Application", {"app_name": "union_cases"}, "app_version", "0.0.1")
		for doctype, name in (
			("Notification", NOTIFICATION),
			("Number Card", CARD),
			("Workspace", WORKSPACE),
		):
			frappe.db.set_value(doctype, name, "modified", "2020-01-01 00:00:00", update_modified=False)
		referral = frappe.get_doc("Workflow", "Referral Workflow")
		referral.transitions[0].allow_self_approval = 0
		referral.save()
		shipped.remember("Workflow", "Referral Workflow", "Shipped Record", referral.as_dict())
		output = migrate()
		self.assert_everything_kept()
		self.assertIn("kept the administrator's version of Notification 'Case Resolved'", output)
		self.assertIn(f"kept the administrator's version of Number Card '{CARD}'", output)
		self.assertEqual(frappe.db.get_value("Number Card", CARD, "color"), "#FF5858")
		self.assertIn(f"kept the administrator's version of Workspace '{WORKSPACE}'", output)
		self.assertIn("updated Workflow 'Referral Workflow' to the shipped version", output)
		self.assertEqual(
			frappe.get_doc("Workflow", "Referral Workflow").transitions[0].allow_self_approval, 1
		)
		self.assertFalse(shipped.changed_by_admin("Workflow", "Referral Workflow"))


class TestShippedRecords(FrappeTestCase):
	def test_a_fresh_site_has_every_shipped_record_as_shipped(self):
		for data in shipped.shipped_records():
			with self.subTest(record=f"{data['doctype']} {data['name']}"):
				self.assertTrue(frappe.db.exists(data["doctype"], data["name"]))
				self.assertTrue(frappe.db.exists("Shipped Record", f"{data['doctype']}: {data['name']}"))
		for doctype, data in shipped.standard_records():
			with self.subTest(record=f"{doctype} {data['name']}"):
				self.assertTrue(frappe.db.exists("Shipped Record", f"{doctype}: {data['name']}"))

	def test_no_fixtures_hook(self):
		"""Frappe re-imports fixtures over the administrator's version on every migrate."""
		self.assertEqual(frappe.get_hooks("fixtures", app_name="union_cases"), [])

	def test_comparison_sees_a_change_and_only_a_change(self):
		data = shipped.shipped_record("Workflow", "Case Workflow")
		site = shipped.on_site("Workflow", "Case Workflow")
		self.assertTrue(shipped.same(site, data))  # "0" in the file, 0 in the database
		site["transitions"][0]["allowed"] = "Legal Advisor"
		self.assertFalse(shipped.same(site, data))
		site = shipped.on_site("Workflow", "Case Workflow")
		site["states"].append({"state": ESCALATED})
		self.assertFalse(shipped.same(site, data))

	def test_a_standard_record_as_the_file_says_is_the_apps(self):
		"""A registry that holds another version than the record and the file (a run cut short) mends
		itself: otherwise an administrator's change equal to that version would go unprotected."""
		key = f"Number Card: {CARD}"
		entry = frappe.get_doc("Shipped Record", key)
		stale = json.loads(entry.installed_version)
		stale["color"] = "#FF5858"
		frappe.db.set_value("Shipped Record", key, "installed_version", json.dumps(stale))
		shipped.remember_standard_records()
		self.assertEqual(shipped.written_by_app("Number Card", CARD)["color"], "#5E64FF")

	def test_a_standard_record_changed_before_it_was_noted_is_the_admins(self):
		"""Frappe makes number cards and charts after the app's install hook, so nothing is noted of
		them until the first migrate; a change made before then is the administrator's."""
		frappe.delete_doc("Shipped Record", f"Number Card: {CARD}", ignore_permissions=True)
		frappe.db.set_value("Number Card", CARD, "color", "#FF5858")
		self.addCleanup(shipped.remember_standard_records)
		self.addCleanup(frappe.db.set_value, "Number Card", CARD, "color", "#5E64FF")
		shipped.remember_standard_records()
		self.assertEqual(shipped.written_by_app("Number Card", CARD)["color"], "#5E64FF")
		self.assertTrue(frappe.db.get_value("Shipped Record", f"Number Card: {CARD}", "changed_by_admin"))

	def setUp(self):
		frappe.set_user("Administrator")
		self.addCleanup(shipped.reset_to_shipped, "Email Template", TEMPLATE)

	def test_reset_puts_the_shipped_version_back(self):
		template = frappe.get_doc("Email Template", TEMPLATE)
		template.subject = "changed"
		template.save()
		from union_cases.api.configuration import reset_to_shipped, shipped_status

		self.assertEqual(shipped_status("Email Template", TEMPLATE), {"shipped": True, "changed": True})
		reset_to_shipped("Email Template", TEMPLATE)
		self.assertEqual(
			frappe.db.get_value("Email Template", TEMPLATE, "subject"),
			shipped.shipped_record("Email Template", TEMPLATE)["subject"],
		)
		self.assertEqual(shipped_status("Email Template", TEMPLATE), {"shipped": True, "changed": False})
		note = frappe.db.get_value("Shipped Record", f"Email Template: {TEMPLATE}", "note")
		self.assertIn("Administrator", note)

	def test_reset_is_for_system_managers_and_shipped_records_only(self):
		from union_cases.api.configuration import reset_to_shipped, shipped_status

		with self.assertRaises(frappe.ValidationError):
			reset_to_shipped("User", "Administrator")
		with self.assertRaises(frappe.ValidationError):
			reset_to_shipped("Email Template", "no such template")
		self.assertEqual(shipped_status("DocType", "User"), {"shipped": False, "changed": False})
		user = frappe.get_doc(
			{
				"doctype": "User",
				"email": "shipped-officer@example.org",
				"first_name": "Officer",
				"roles": [{"role": "Federation Officer"}],
			}
		).insert(ignore_if_duplicate=True)
		frappe.set_user(user.name)
		try:
			with self.assertRaises(frappe.PermissionError):
				reset_to_shipped("Workflow", "Case Workflow")
		finally:
			frappe.set_user("Administrator")

	def test_seeds_run_once(self):
		category = CASE_CATEGORIES[1].name
		frappe.delete_doc("Case Category", category)
		after_migrate()
		self.assertFalse(frappe.db.exists("Case Category", category))  # the administrator deleted it
		# a category a later version adds is created on its first migrate
		frappe.delete_doc("Shipped Record", f"Seed: Case Category: {category}")
		after_migrate()
		self.assertTrue(frappe.db.exists("Case Category", category))

	def test_a_patch_merges_a_shipped_change_into_the_admins_version(self):
		template = frappe.get_doc("Email Template", TEMPLATE)
		template.subject = "subject of the administrator"
		template.save()

		def change(doc):
			field = "response_html" if doc.use_html else "response"
			doc.set(field, (doc.get(field) or "") + "\n<p>Reply to this email to add to your complaint.</p>")

		shipped.merge_into_site("Email Template", TEMPLATE, change, "Added a line on replying by email.")
		doc = frappe.get_doc("Email Template", TEMPLATE)
		self.assertEqual(doc.subject, "subject of the administrator")
		self.assertIn("Reply to this email", doc.response_html or doc.response)
		self.assertTrue(
			frappe.db.exists(
				"Comment",
				{
					"reference_doctype": "Email Template",
					"reference_name": TEMPLATE,
					"content": "Added a line on replying by email.",
				},
			)
		)

	def test_registry_is_for_system_managers(self):
		perms = {p.role for p in frappe.get_meta("Shipped Record").permissions}
		self.assertEqual(perms, {"System Manager"})
		self.assertTrue(
			json.loads(frappe.db.get_value("Shipped Record", "Workflow: Case Workflow", "installed_version"))
		)
