"""Triage on intake (issue 18): the suggestion on every channel, the safety rule whatever the category,
urgency, the one-click confirmation, retraining on a new category, and who sees the similar cases."""

import os
import shutil

import frappe
from frappe.email.receive import InboundMail
from frappe.tests.utils import change_settings

from union_cases.api import case as case_api
from union_cases.casework.triage import model as triage_model
from union_cases.casework.triage import rules
from union_cases.casework.triage.suggest import route_to_gender_focal_points, suggest
from union_cases.casework.triage.train import train_site
from union_cases.demo.generate import grant
from union_cases.portal.submissions import file_complaint
from union_cases.tests.http import SiteClient
from union_cases.tests.utils import (
	EMPLOYER,
	OTHER_LOCAL_UNION,
	UnionTestCase,
	make_case,
	make_inbox,
	make_member,
	make_user,
	retire_staff,
)

OPERATOR = "_triage_operator@example.com"
FOCAL_POINT = "_triage_gfp@example.com"
ACCOUNT = "_Test Triage Inbox"
HARASSMENT = "Gender-Based Violence and Harassment"
WAGE = "Wage Below Regional Minimum"
GROPING = "mandor sering pegang2 pinggang sy di gudang, kemarin sy ditarik ke belakang. sy takut lapor"


def portal_values(title: str, description: str, **values) -> dict:
	return {
		"title": title,
		"description": description,
		"case_type": "Complaint",
		"category": None,
		"incident_date": None,
		"confidential": 0,
		"employer": EMPLOYER,
		**values,
	}


class TestTriage(UnionTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_user(OPERATOR, "Case Operator")
		grant(OPERATOR, "Federation", "_Test Federation")
		make_user(FOCAL_POINT, "Case Operator", "Gender Focal Point")
		grant(FOCAL_POINT, "Federation", "_Test Federation")
		# the site's model as it was, put back after the retraining test
		folder = triage_model.model_dir(frappe.get_site_path())
		cls.saved_model = os.path.join(folder, "model.before-tests")
		current = os.path.join(folder, triage_model.MODEL_FILE)
		if os.path.exists(current):
			shutil.copy(current, cls.saved_model)
		cls.member = make_member(full_name="_Test Triage Member")
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		retire_staff(OPERATOR)
		retire_staff(FOCAL_POINT)
		for name in frappe.get_all("Case", filters={"title": ("like", "_Triage%")}, pluck="name"):
			frappe.delete_doc("Case", name, force=True, ignore_permissions=True)
		frappe.db.commit()
		super().tearDownClass()

	def readable_by(self, case: str, user: str) -> bool:
		return bool(frappe.has_permission("Case", "read", doc=case, user=user))

	# ---- channels

	def test_a_guest_on_the_public_form_gets_category_and_harassment_is_confidential(self):
		frappe.cache.delete_keys("rl:")
		client = SiteClient()
		names = {}
		for key, title, text in (
			("harassment", "_Triage tolong", GROPING),
			("wage", "_Triage gaji", "gaji sy cm 2,8jt sebulan pdhl umk kab sini 4,9jt, temen2 jg sama"),
		):
			response = client.post(
				"/api/method/union_cases.api.portal.submit_complaint",
				data={
					"title": title,
					"description": text,
					"contact_name": "Pekerja Contoh",
					"contact_phone": "0812 9999 0001",
					"federation": "_Test Federation",
				},
			)
			self.assertEqual(response.status_code, 200, response.text[:500])
			names[key] = response.json["message"]["name"]
		frappe.db.rollback()
		harassment = frappe.get_doc("Case", names["harassment"])
		self.assertEqual((harassment.channel, harassment.category), ("Public Form", "Other"))
		self.assertEqual(harassment.suggested_category, HARASSMENT)
		self.assertEqual((harassment.confidential, harassment.reads_like_violence), (1, 1))
		self.assertIn("pegang pegang", harassment.suggestion_words)
		# no operator's intake queue holds it; the operator cannot open it, the Gender Focal Point can
		self.assertFalse(
			frappe.get_all("ToDo", filters={"reference_name": harassment.name, "status": "Open"})
		)
		self.assertFalse(self.readable_by(harassment.name, OPERATOR))
		self.assertTrue(self.readable_by(harassment.name, FOCAL_POINT))

		wage = frappe.get_doc("Case", names["wage"])
		self.assertEqual(
			(wage.suggested_category, wage.triage_status, wage.confidential), (WAGE, "Suggested", 0)
		)
		self.assertGreaterEqual(wage.suggestion_confidence, 50)
		self.assertTrue(self.readable_by(wage.name, OPERATOR))

	def test_member_portal_complaint_of_a_dismissal_is_urgent_and_names_the_clock(self):
		frappe.set_user("Administrator")
		case = file_complaint(
			portal_values(
				"_Triage phk", "sy di phk lewat wa kemarin, disuruh ga usah masuk lg. pesangon ga ada"
			),
			self.member.name,
			[],
		)
		self.assertEqual(case.channel, "Member Portal")
		self.assertEqual(case.suggested_category, "Dismissal and Severance")
		self.assertEqual(case.priority, "High")
		self.assertIn("one year", case.urgency_note)
		self.assertFalse(case.confidential)

	def test_mail_with_harassment_in_its_body_turns_confidential(self):
		make_user("_triage_confed@example.com", "Case Operator")
		grant("_triage_confed@example.com", "Federation", "_Test Confederation")
		make_inbox(ACCOUNT, "triage-inbox@example.com")
		raw = (
			b"From: _triage.stranger@example.com\r\nTo: triage-inbox@example.com\r\nSubject: _Triage mohon bantuan\r\n"
			b"Message-ID: <triage-1@example.com>\r\nDate: Mon, 23 Nov 2026 09:00:00 +0700\r\nMIME-Version: 1.0\r\n"
			b"Content-Type: text/plain; charset=utf-8\r\n\r\n"
			b"Supervisor sy kirim chat mesum tiap malem dan ngancam kontrak diputus kalo sy ga mau diajak ke hotel."
		)
		communication = InboundMail(raw, frappe.get_doc("Email Account", ACCOUNT)).process()
		case = frappe.get_doc("Case", communication.reference_name)
		self.assertEqual(case.channel, "Email")
		self.assertEqual((case.confidential, case.reads_like_violence), (1, 1))
		self.assertEqual(case.suggested_category, HARASSMENT)
		self.assertFalse(frappe.get_all("ToDo", filters={"reference_name": case.name, "status": "Open"}))
		self.assertFalse(self.readable_by(case.name, "_triage_confed@example.com"))
		retire_staff("_triage_confed@example.com")

	def test_desk_case_with_a_wrong_category_is_still_confidential(self):
		frappe.set_user(OPERATOR)
		case = make_case(
			self.member, title="_Triage lembur", category="Unpaid Overtime", description=f"<p>{GROPING}</p>"
		)
		self.assertEqual(case.channel, "Desk")
		self.assertEqual(case.category, "Unpaid Overtime")  # the operator's choice stands...
		self.assertEqual(case.confidential, 1)  # ...and the case is confidential all the same
		self.assertEqual(case.category_confirmed, 1)
		frappe.set_user("Administrator")
		# (other tests' focal points of the same union may be there too)
		self.assertIn(FOCAL_POINT, route_to_gender_focal_points(case))

	@change_settings("Union Cases Settings", {"triage_threshold": 99})
	def test_below_the_threshold_the_triage_says_it_is_unsure(self):
		case = file_complaint(portal_values("_Triage halo", "halo min"), self.member.name, [])
		self.assertEqual(case.triage_status, "Unsure")
		self.assertEqual(len(case.suggestion_ranking.splitlines()), 3)

	def test_safety_and_urgency_rules(self):
		for text in (
			"he grabbed me and tried to kiss me after overtime",
			"sy dipukul chief krn target ga nyampe",
			"hrd bilang kontrak diperpanjang asal mau nemenin dia ke luar kota",
		):
			self.assertTrue(rules.is_safety_case(text), text)
		self.assertFalse(rules.is_safety_case("gaji sy di bawah umk"))
		self.assertEqual(
			[u.name for u in rules.urgencies("gaji blm dibayar 3 bulan, pintu darurat dikunci dr luar")],
			["Immediate danger", "Wages unpaid for months"],
		)
		self.assertEqual(rules.raised_priority("Urgent", rules.urgencies("di phk")), "Urgent")
		self.assertEqual(rules.raised_priority("Low", rules.urgencies("jari putus kena mesin")), "High")

	# ---- the operator's click, retraining, the report

	def test_confirming_and_retraining_learns_a_new_category(self):
		frappe.get_doc({"doctype": "Case Category", "category_name": "_Test Canteen Food"}).insert()
		texts = (
			"makanan kantin basi, banyak yg sakit perut",
			"nasi di kantin pabrik bau dan basi",
			"uang makan dihapus, kantin cuma kasih nasi sama kerupuk",
			"katering kantin ada belatungnya",
			"menu kantin ga layak, sayurnya basi tiap hari",
			"kantin pabrik kotor, makanan dihinggapi lalat",
		)
		frappe.set_user(OPERATOR)
		for text in texts:
			case = file_complaint(portal_values("_Triage kantin", text), self.member.name, [])
			case_api.confirm_category(case.name, "_Test Canteen Food")
			self.assertEqual(frappe.db.get_value("Case", case.name, "category_confirmed"), 1)
		frappe.set_user("Administrator")
		try:
			model = train_site()
			self.assertIn("_Test Canteen Food", model.categories)
			self.assertEqual(suggest("makanan di kantin basi lagi")["category"], "_Test Canteen Food")
			self.assertEqual(
				frappe.db.get_single_value("Union Cases Settings", "triage_categories_learnt"),
				len(model.categories),
			)
			report = frappe.get_attr("union_cases.casework.report.triage_accuracy.triage_accuracy.execute")(
				{"from_date": "2026-01-01", "to_date": "2026-12-31"}
			)
			row = next(r for r in report[1] if r["category"] == "_Test Canteen Food")
			self.assertEqual((row["cases"], row["correct"]), (6, 0))  # suggested before it existed
		finally:
			self.restore_model()

	def restore_model(self):
		folder = triage_model.model_dir(frappe.get_site_path())
		if os.path.exists(self.saved_model):
			shutil.copy(self.saved_model, os.path.join(folder, triage_model.MODEL_FILE))
		else:
			os.remove(os.path.join(folder, triage_model.MODEL_FILE))

	def test_confirm_refuses_an_unknown_category_and_a_reader_without_write(self):
		case = file_complaint(portal_values("_Triage tes", "gaji sy dibawah umk"), self.member.name, [])
		self.assertRaises(frappe.DoesNotExistError, case_api.confirm_category, case.name, "_No Such Category")
		make_user("_triage_advisor@example.com", "Legal Advisor")
		grant("_triage_advisor@example.com", "Federation", "_Test Federation 2")
		frappe.set_user("_triage_advisor@example.com")
		self.assertRaises(frappe.PermissionError, case_api.confirm_category, case.name, WAGE)

	# ---- next step: who sees the similar closed cases

	def test_similar_closed_cases_are_only_those_the_operator_may_open(self):
		def closed(title, **values):
			case = make_case(self.member, title=title, **values)
			case.db_set({"workflow_state": "Closed", "resolution_type": "Joint Agreement (PB)"})
			return case.name

		open_one = closed("_Triage open to all")
		secret = closed("_Triage secret", confidential=1)
		elsewhere = closed(
			"_Triage elsewhere", complainant=make_member(local_union=OTHER_LOCAL_UNION).name, category=WAGE
		)
		new = make_case(self.member, title="_Triage new one")
		frappe.set_user(OPERATOR)
		similar = [c["name"] for c in case_api.next_steps(new.name)["similar"]]
		self.assertIn(open_one, similar)
		self.assertNotIn(secret, similar)
		self.assertNotIn(elsewhere, similar)
		for name in similar:
			self.assertTrue(self.readable_by(name, OPERATOR))
		frappe.set_user(FOCAL_POINT)
		self.assertIn(secret, [c["name"] for c in case_api.next_steps(new.name)["similar"]])

	def test_threshold_must_be_a_percentage(self):
		settings = frappe.get_single("Union Cases Settings")
		settings.triage_threshold = 150
		self.assertRaises(frappe.ValidationError, settings.save)
