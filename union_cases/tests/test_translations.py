"""Every string a user reads has an Indonesian translation, and the desk shows it."""

import re
from pathlib import Path

import frappe
from babel.messages.pofile import read_po
from frappe import _
from frappe.gettext.translate import generate_pot, get_po_path, get_pot_path
from frappe.tests.utils import FrappeTestCase

APP = "union_cases"
PLACEHOLDER = re.compile(r"\{\d*\}")


def read_catalog(path: Path):
	with open(path, "rb") as f:
		return read_po(f)


class TestTranslations(FrappeTestCase):
	def test_pot_is_current_and_fully_translated(self):
		"""Extract the app's strings afresh and check each one has an Indonesian msgstr."""
		pot_path = get_pot_path(APP)
		committed = pot_path.read_bytes()
		try:
			generate_pot(APP)
			fresh = read_catalog(pot_path)
		finally:
			pot_path.write_bytes(committed)
		translations = read_catalog(get_po_path(APP, "id"))
		missing = [m.id for m in fresh if m.id and not (translations.get(m.id, m.context) or m).string]
		self.assertEqual(missing, [], "strings without an Indonesian translation (see README: Translations)")
		stale = {m.id for m in read_catalog(pot_path) if m.id} ^ {m.id for m in fresh if m.id}
		self.assertEqual(stale, set(), "locale/main.pot is out of date: regenerate it (see README)")

	def test_placeholders_kept(self):
		for message in read_catalog(get_po_path(APP, "id")):
			if message.id and message.string:
				with self.subTest(msgid=message.id):
					self.assertEqual(
						sorted(PLACEHOLDER.findall(message.id)), sorted(PLACEHOLDER.findall(message.string))
					)

	def test_desk_shows_indonesian(self):
		frappe.local.lang = "id"
		try:
			frappe.clear_cache()
			self.assertEqual(_("Member"), "Anggota")
			self.assertEqual(_("Case Operator"), "Operator Kasus")
			self.assertEqual(_("Local Union"), "Serikat Tingkat Perusahaan (PK)")
		finally:
			frappe.local.lang = "en"

	def test_workflow_states_and_actions_translated(self):
		import json

		from union_cases.constants import WORKFLOW_TERMS

		with open(frappe.get_app_path(APP, "configuration", "records", "workflow.json")) as f:
			workflows = json.load(f)
		terms = {row["state"] for w in workflows for row in w["states"]}
		terms |= {row["action"] for w in workflows for row in w["transitions"]}
		self.assertEqual(terms - set(WORKFLOW_TERMS), set())
		translations = read_catalog(get_po_path(APP, "id"))
		self.assertEqual(
			[t for t in sorted(terms) if not (translations.get(t) and translations.get(t).string)], []
		)
