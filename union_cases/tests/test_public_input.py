"""Every field of every public form, with oversized, malformed, hostile and mistyped values, over real HTTP.

Before: a 10,000-character name answered CharacterLengthExceededError, an unknown category
LinkValidationError, "31-02-2026" a date parser's message, a list where text belongs or a long address a
server error (AttributeError, DataError); a 5 MB description was stored; markup a guest or member typed
was stored as typed (db_set skips Document.save's sanitising) and /knowledge?q= echoed the query raw.
Now: HTTP 417 with a message under the field, nothing saved, and text kept as plain text.
"""

import datetime
import json
import re

import frappe
from frappe.model.workflow import apply_workflow

from union_cases.tests.http import SiteClient
from union_cases.tests.test_portal import application_data, clear_limits, send_application
from union_cases.tests.utils import (
	EMPLOYER,
	UnionTestCase,
	make_case,
	make_portal_people,
	retire_staff,
)

PASSWORD = "_Input-Pass-2026!"
OPERATOR = "_input_operator@example.com"
MEMBER = "_input_member@example.com"
# a title of this run's own (cases are not deleted: Frappe would hand the same name to a later case)
TITLE = f"_Input complaint {frappe.generate_hash(length=6)}"
REFUSED_TITLE = f"{TITLE} refused"  # what no refused complaint may leave behind
HUGE = "x" * (5 * 1024 * 1024)
LONG_NAME = "x" * 10_000
# what a hostile guest, member or partner types
PAYLOADS = (
	'<script>alert("x")</script>',
	"<img src=x onerror=alert(1)>",
	'<a href="javascript:alert(1)">klik</a>',
	'"><svg onload=alert(1)>',
	'["<img src=x onerror=alert(1)>"]',
	"<scr<script>ipt>alert(1)</script>",
	"<img src=x onerror=alert(1)",
)
# what must never reach a page or the desk: the payloads' markup as it was typed (escaped, or as text
# such as "< img ...", it is inert)
LIVE_MARKUP = re.compile(
	r"<script>alert|<img src=x|<svg onload|href=\"javascript:|<scr<script", re.IGNORECASE
)
TAG = re.compile(r"<[A-Za-z!/?]")


def complaint_data(**values) -> dict:
	return {
		"title": REFUSED_TITLE,
		"description": "Upah di bawah UMK sejak Januari.",
		"contact_name": "Pekerja Uji",
		"email": "_input_worker@example.com",
		"federation": "_Test Federation",
		**values,
	}


class TestPublicInput(UnionTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.member = make_portal_people(OPERATOR, MEMBER, PASSWORD, "_Input Member")

	@classmethod
	def tearDownClass(cls):
		retire_staff(OPERATOR)
		super().tearDownClass()

	def setUp(self):
		clear_limits()
		frappe.db.delete("Membership Application", {"email": ("like", "_portal%")})
		frappe.db.commit()

	def assert_refused(self, response, fieldname: str, told: str, where: str = "message"):
		self.assertEqual(response.status_code, 417, response.text[:400])
		errors = response.json[where]["errors"] if where == "message" else response.json[where]
		self.assertIn(fieldname, errors, response.text[:400])
		self.assertIn(told, errors[fieldname])
		self.assertNotIn("Traceback", response.text)

	# ---- /complaint

	def test_complaint_form_field_by_field(self):
		future = str(datetime.date.today() + datetime.timedelta(days=400))
		cases = (
			("title", "", "Say in a few words"),
			("title", LONG_NAME, "at most 140 characters"),
			("title", HUGE, "at most 140 characters"),
			("description", "", "Tell us what happened"),
			("description", "<p> </p>", "Tell us what happened"),
			("description", HUGE, "at most 20000 characters"),
			("case_type", "Other", "Choose Type from the list"),
			("category", "_No Such Category", "Choose Category from the list"),
			("category", LONG_NAME, "Choose Category from the list"),
			("incident_date", "31-02-2026", "not a real date"),
			("incident_date", "2026-02-31", "not a real date"),
			("incident_date", "abc", "not a real date"),
			("incident_date", "10000-01-01", "not a real date"),
			("incident_date", future, "cannot be in the future"),
			("incident_date", "1850-01-01", "cannot be before 1900"),
			("confidential", "abc", "tick the box"),
			("employer", "_No Such Employer", "Choose Employer from the list"),
			("employer_name_given", LONG_NAME, "at most 140 characters"),
			("contact_name", LONG_NAME, "at most 140 characters"),
			("contact_name", "", "Tell us your name"),
			("contact_name", "<b></b>", "Tell us your name"),
			("contact_phone", "abc", "is not a phone number"),
			("contact_phone", "0" * 10_000, "at most 40 characters"),
			("email", "not-an-email", "is not an email address"),
			("email", "a" * 200 + "@example.com", "at most 140 characters"),
			("federation", "_No Such Sector", "Choose Sector from the list"),
			("federation", "_Test Branch", "Choose Sector from the list"),
		)
		client = SiteClient()
		for fieldname, value, told in cases:
			with self.subTest(field=fieldname, value=value[:30]):
				clear_limits()
				response = client.post(
					"/api/method/union_cases.api.portal.submit_complaint",
					data=complaint_data(**{fieldname: value}),
				)
				self.assert_refused(response, fieldname, told)
		frappe.db.rollback()
		self.assertFalse(frappe.db.exists("Case", {"title": REFUSED_TITLE}), "nothing half-saved")

	def test_complaint_form_wrong_types_are_refused_not_crashed(self):
		client = SiteClient()
		for fieldname in ("title", "description", "category", "incident_date", "email", "confidential"):
			for value in (["a", "b"], {"a": 1}, 12.5):
				with self.subTest(field=fieldname, value=value):
					clear_limits()
					response = client.post(
						"/api/method/union_cases.api.portal.submit_complaint",
						json=complaint_data(**{fieldname: value}),
					)
					self.assertLess(response.status_code, 500, response.text[:300])
					self.assertNotEqual(response.status_code, 200, response.text[:300])
		frappe.db.rollback()
		self.assertFalse(frappe.db.exists("Case", {"title": REFUSED_TITLE}))

	def test_complaint_text_is_stored_as_plain_text_and_shown_escaped(self):
		client = SiteClient()
		names = []
		for n, payload in enumerate(PAYLOADS):
			clear_limits()
			response = client.post(
				"/api/method/union_cases.api.portal.submit_complaint",
				data=complaint_data(
					title=f"{TITLE} {n} {payload}"[:140],
					description=f"Cerita {payload}",
					contact_name=f"Pekerja {payload}"[:140],
					employer_name_given=f"PT {payload}"[:140],
				),
			)
			self.assertEqual(response.status_code, 200, response.text[:300])
			names.append(response.json["message"]["name"])
		frappe.db.rollback()
		desk = SiteClient(OPERATOR, PASSWORD)
		for name in names:
			case = frappe.get_doc("Case", name)
			for fieldname in ("title", "contact_name", "employer_name_given", "description"):
				with self.subTest(case=name, field=fieldname):
					self.assertIsNone(TAG.search(case.get(fieldname) or ""), case.get(fieldname))
			# what the desk reads, and what the guest's tracking page shows
			api = desk.get(f"/api/resource/Case/{name}")
			self.assertEqual(api.status_code, 200)
			self.assertIsNone(LIVE_MARKUP.search(json.dumps(api.json["data"])))
			page = client.get(f"/track?key={case.tracking_key}")
			self.assertEqual(page.status_code, 200)
			self.assertIsNone(LIVE_MARKUP.search(page.text.split('class="union-portal"', 1)[1]))
		# a script is dropped with its code, a link keeps its words
		self.assertEqual(frappe.db.get_value("Case", names[0], "title"), f"{TITLE} 0")
		self.assertEqual(frappe.db.get_value("Case", names[2], "title"), f"{TITLE} 2 klik")
		self.assertIn("gaji < UMK", self.store_title("gaji < UMK"), "a lone < is text, not markup")

	def store_title(self, text: str) -> str:
		clear_limits()
		response = SiteClient().post(
			"/api/method/union_cases.api.portal.submit_complaint",
			data=complaint_data(title=f"{TITLE} {text}"),
		)
		self.assertEqual(response.status_code, 200, response.text[:300])
		frappe.db.rollback()  # see what the request committed
		return frappe.db.get_value("Case", response.json["message"]["name"], "title")

	# ---- /join (the membership web form)

	def test_membership_form_field_by_field(self):
		future = str(datetime.date.today() + datetime.timedelta(days=30))
		cases = (
			("full_name", LONG_NAME, "at most 140 characters"),
			("full_name", HUGE, "at most 140 characters"),
			("full_name", "", "Fill in"),
			("full_name", ["Siti"], "write it as text"),
			("nik", "3273O549O3940001", "16 digits"),
			("nik", "abc", "16 digits"),
			("nik", HUGE, "at most 40 characters"),
			("nik", {"a": 1}, "write it as text"),
			("gender", "X", "from the list"),
			("date_of_birth", "31-02-1994", "not a real date"),
			("date_of_birth", "abc", "not a real date"),
			("date_of_birth", future, "cannot be in the future"),
			("date_of_birth", 19940309, "not a real date"),
			("mobile_no", "abc", "is not a phone number"),
			("mobile_no", "0" * 10_000, "at most 40 characters"),
			("email", "no-at-sign", "is not an email address"),
			("email", "", "Fill in"),
			("city", LONG_NAME, "at most 140 characters"),
			("address", "z" * 70_000, "at most 2000 characters"),
			("local_union", "_No Such Union", "must be a Local Union"),
			("local_union", "_Test Branch", "must be a Local Union"),
			("local_union", LONG_NAME, "at most 140 characters"),
			("employer", "_No Such Employer", "from the list"),
			("employer_name", LONG_NAME, "at most 140 characters"),
			("workplace_unit", LONG_NAME, "at most 140 characters"),
			("job_title", LONG_NAME, "at most 140 characters"),
			("employment_status", "Boss", "from the list"),
			("work_start_date", "abc", "not a real date"),
			("work_start_date", "1990-01-01", "cannot be before"),
			("consent_personal_data", "abc", "tick the box"),
			("consent_personal_data", 0, "personal data"),
			("id_card_photo_upload", ["x"], "JPG or PNG"),
			("id_card_photo_upload", "ktp.png,data:image/png;base64,@@@", "JPG or PNG"),
		)
		client = SiteClient()
		for fieldname, value, told in cases:
			with self.subTest(field=fieldname, value=str(value)[:30]):
				clear_limits()
				response = send_application(client, application_data(**{fieldname: value}))
				self.assert_refused(response, fieldname, told, where="field_errors")
				self.assertIn(
					told,
					" ".join(json.loads(m)["message"] for m in json.loads(response.json["_server_messages"])),
				)
		frappe.db.rollback()
		self.assertFalse(
			frappe.db.exists("Membership Application", {"email": "_portal_applicant@example.com"})
		)

	def test_membership_form_that_is_not_a_form(self):
		for data in ("[1, 2]", "abc", "null", '"text"', "{"):
			with self.subTest(data=data):
				clear_limits()
				response = SiteClient().post(
					"/api/method/frappe.website.doctype.web_form.web_form.accept",
					data={"web_form": "membership-application", "data": data},
				)
				self.assertEqual(response.status_code, 417, response.text[:300])
				self.assertIn("could not be read", response.text)

	def test_membership_form_text_is_plain(self):
		client = SiteClient()
		for n, payload in enumerate(PAYLOADS):
			with self.subTest(payload=payload):
				clear_limits()
				response = send_application(
					client,
					application_data(
						email=f"_portal_markup{n}@example.com",
						full_name=f"Siti {payload}"[:140],
						city=f"Bandung {payload}"[:140],
						address=f"Jl. Buruh {payload}",
						job_title=f"Operator {payload}"[:140],
						workplace_unit=f"Unit {payload}"[:140],
						employer_name=f"PT {payload}"[:140],
					),
				)
				self.assertEqual(response.status_code, 200, response.text[:300])
				frappe.db.rollback()
				application = frappe.get_doc("Membership Application", response.json["message"]["name"])
				for fieldname in (
					"full_name",
					"city",
					"address",
					"job_title",
					"workplace_unit",
					"employer_name",
				):
					self.assertIsNone(
						TAG.search(application.get(fieldname) or ""), (fieldname, application.get(fieldname))
					)
				frappe.db.delete("Membership Application", {"name": application.name})
				frappe.db.commit()

	# ---- the tracking link, the member's pages

	def test_the_applicants_answer_is_checked_and_plain(self):
		response = send_application(SiteClient(), application_data())
		name = response.json["message"]["name"]
		frappe.db.rollback()
		frappe.set_user(OPERATOR)
		application = frappe.get_doc("Membership Application", name)
		application.review_note = "Kirim foto KTP."
		application.save()
		apply_workflow(application, "Request Information")
		frappe.set_user("Administrator")
		frappe.db.commit()
		key = application.tracking_key
		client = SiteClient()

		def answer(message):
			clear_limits()
			return client.post(
				"/api/method/union_cases.api.portal.answer_application", data={"key": key, "message": message}
			)

		self.assert_refused(answer(""), "message", "Write your answer")
		self.assert_refused(answer("y" * 5000), "message", "at most 2000 characters")
		self.assert_refused(answer(HUGE), "message", "at most 2000 characters")
		listed = client.post(
			"/api/method/union_cases.api.portal.answer_application", json={"key": key, "message": ["a"]}
		)
		self.assertEqual(listed.status_code, 417)
		self.assertEqual(
			frappe.db.get_value("Membership Application", name, "workflow_state"), "Needs Information"
		)
		self.assertEqual(answer(" ".join(PAYLOADS)).status_code, 200)
		frappe.db.rollback()
		stored = frappe.db.get_value("Membership Application", name, "applicant_reply")
		self.assertIsNone(TAG.search(stored), stored)
		self.assertIn("klik", stored)
		# the operator reads it in the desk
		api = SiteClient(OPERATOR, PASSWORD).get(f"/api/resource/Membership Application/{name}")
		self.assertIsNone(LIVE_MARKUP.search(json.dumps(api.json["data"])))
		comments = frappe.get_all(
			"Comment", filters={"reference_name": name, "comment_type": "Info"}, pluck="content"
		)
		self.assertTrue(comments)
		self.assertIsNone(LIVE_MARKUP.search(" ".join(comments)))

	def test_profile_change_request_field_by_field(self):
		client = SiteClient(MEMBER, PASSWORD)
		cases = (
			({"mobile_no": "abc"}, "mobile_no", "is not a phone number"),
			({"email": "no-at-sign"}, "email", "is not an email address"),
			({"address": "z" * 70_000}, "address", "at most 2000 characters"),
			({"employer": "_No Such Employer"}, "employer", "from the list"),
			({"workplace_unit": LONG_NAME}, "workplace_unit", "at most 140 characters"),
			({"job_title": HUGE}, "job_title", "at most 140 characters"),
			({"note": "z" * 70_000, "job_title": "Operator"}, "note", "at most 2000 characters"),
			({}, "mobile_no", "at least one detail"),
			({"note": "hanya catatan"}, "mobile_no", "at least one detail"),
		)
		before = frappe.db.count("Member Change Request", {"member": self.member})
		for data, fieldname, told in cases:
			with self.subTest(data=str(data)[:40]):
				response = client.post("/api/method/union_cases.api.portal.request_profile_change", data=data)
				self.assert_refused(response, fieldname, told)
		self.assertEqual(frappe.db.count("Member Change Request", {"member": self.member}), before)
		payload = " ".join(PAYLOADS)
		response = client.post(
			"/api/method/union_cases.api.portal.request_profile_change",
			data={
				"address": payload,
				"job_title": "Operator <b>jahit</b>",
				"note": payload,
				"employer": EMPLOYER,
			},
		)
		self.assertEqual(response.status_code, 200, response.text[:300])
		frappe.db.rollback()
		request = frappe.get_doc("Member Change Request", response.json["message"]["name"])
		self.assertEqual(request.job_title, "Operator jahit")
		for fieldname in ("address", "note"):
			self.assertIsNone(TAG.search(request.get(fieldname)), request.get(fieldname))
		frappe.db.delete("Member Change Request", {"name": request.name})
		frappe.db.commit()

	def test_rating_and_reply_are_checked_and_plain(self):
		case = make_case(frappe.get_doc("Member", self.member), title=f"{TITLE} rated")
		open_case = make_case(frappe.get_doc("Member", self.member), title=f"{TITLE} open")
		frappe.db.set_value("Case", case.name, "workflow_state", "Closed")
		frappe.db.commit()
		client = SiteClient(MEMBER, PASSWORD)
		rate = "/api/method/union_cases.api.portal.rate_case"
		for rating in ("abc", "9", "0", "4.5", ""):
			with self.subTest(rating=rating):
				self.assert_refused(
					client.post(rate, data={"case": case.name, "rating": rating}), "rating", "1 to 5"
				)
		self.assertLess(client.post(rate, json={"case": case.name, "rating": [4]}).status_code, 500)
		self.assert_refused(
			client.post(rate, data={"case": case.name, "rating": 4, "comment": "y" * 5000}),
			"comment",
			"at most 1000 characters",
		)
		self.assertIsNone(frappe.db.get_value("Case", case.name, "rated_on"), "nothing half-saved")
		comment = " ".join(PAYLOADS)
		self.assertEqual(
			client.post(rate, data={"case": case.name, "rating": 4, "comment": comment}).status_code, 200
		)
		frappe.db.rollback()
		stored = frappe.db.get_value("Case", case.name, "rating_comment")
		self.assertIsNone(TAG.search(stored), stored)
		self.assertIsNone(
			LIVE_MARKUP.search(client.get(f"/my-cases/{case.name}").text.split('class="union-portal"', 1)[1])
		)
		desk = SiteClient(OPERATOR, PASSWORD).get(f"/api/resource/Case/{case.name}")
		self.assertIsNone(LIVE_MARKUP.search(json.dumps(desk.json["data"])))

		reply = "/api/method/union_cases.api.portal.reply"
		self.assert_refused(
			client.post(reply, data={"case": open_case.name, "message": ""}), "message", "Write a message"
		)
		self.assert_refused(
			client.post(reply, data={"case": open_case.name, "message": HUGE}),
			"message",
			"at most 20000 characters",
		)
		self.assertEqual(
			client.post(reply, data={"case": open_case.name, "message": comment}).status_code, 200
		)
		frappe.db.rollback()
		content = frappe.get_all("Communication", filters={"reference_name": open_case.name}, pluck="content")
		self.assertEqual(len(content), 1)
		self.assertIsNone(LIVE_MARKUP.search(content[0]))
		page = client.get(f"/my-cases/{open_case.name}").text.split('class="union-portal"', 1)[1]
		self.assertIsNone(LIVE_MARKUP.search(page))
		self.assertIn("alert(1)", page)

	def test_a_mail_on_the_case_is_sanitised_whatever_it_looks_like(self):
		"""Mails come from outside: one that looks like JSON was left as it was by Frappe's sanitiser."""
		case = make_case(frappe.get_doc("Member", self.member), title=f"{TITLE} mail")
		frappe.get_doc(
			{
				"doctype": "Communication",
				"communication_type": "Communication",
				"sent_or_received": "Received",
				"subject": "x",
				"content": '["<img src=x onerror=alert(1)>"]',
				"sender": MEMBER,
				"reference_doctype": "Case",
				"reference_name": case.name,
			}
		).insert(ignore_permissions=True)
		frappe.db.commit()
		page = SiteClient(MEMBER, PASSWORD).get(f"/my-cases/{case.name}")
		self.assertEqual(page.status_code, 200)
		self.assertIsNone(LIVE_MARKUP.search(page.text.split('class="union-portal"', 1)[1]))

	def test_check_application_never_fails(self):
		for data in (
			{"date_of_birth": "abc"},
			{"date_of_birth": "31-02-1994", "nik": "3273054903940001"},
			{"nik": HUGE},
			{"mobile_no": HUGE},
			{"local_union": LONG_NAME},
		):
			with self.subTest(data=str(data)[:40]):
				clear_limits()
				response = SiteClient().post(
					"/api/method/union_cases.api.portal.check_application", data=data
				)
				self.assertEqual(response.status_code, 200, response.text[:300])
				self.assertTrue(response.json["message"])

	def test_the_patch_makes_earlier_raw_text_plain(self):
		case = make_case(frappe.get_doc("Member", self.member), title=f"{TITLE} old rating")
		case.db_set("rating_comment", "Bagus <img src=x onerror=alert(1)>")
		from union_cases.patches.v0_1.plain_text_from_guests import execute

		execute()
		self.assertEqual(frappe.db.get_value("Case", case.name, "rating_comment"), "Bagus")

	# ---- the knowledge base

	def test_knowledge_search_is_escaped(self):
		client = SiteClient()
		for payload in PAYLOADS:
			with self.subTest(payload=payload):
				page = client.get("/knowledge", query_string={"q": payload, "lang": payload})
				self.assertEqual(page.status_code, 200)
				body = page.text.split('class="union-knowledge"', 1)[1]
				self.assertIsNone(LIVE_MARKUP.search(body), body[:500])
		self.assertIn("&#34;&gt;&lt;svg", client.get("/knowledge", query_string={"q": PAYLOADS[3]}).text)
