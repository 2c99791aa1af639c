"""The public forms and the member portal, over real HTTP: registration, complaints, tracking, isolation."""

import base64
import datetime
import io
import json

import frappe
from frappe.installer import update_site_config
from frappe.model.workflow import apply_workflow
from frappe.utils import escape_html
from frappe.utils.password import update_password

from union_cases.demo.generate import grant
from union_cases.exceptions import ReviewNoteRequiredError
from union_cases.tests.http import SiteClient
from union_cases.tests.utils import (
	EMPLOYER,
	LOCAL_UNION,
	OTHER_LOCAL_UNION,
	UnionTestCase,
	make_case,
	make_member,
	make_user,
	queued_to,
	unused_nik,
)
from union_cases.utils.tracking import reset_submission_rate

PASSWORD = "_Portal-Pass-2026!"
LANG = "id"
OPERATOR_A = "_portal_operator_a@example.com"
OPERATOR_B = "_portal_operator_b@example.com"
MEMBER_A = "_portal_member_a@example.com"
MEMBER_B = "_portal_member_b@example.com"
# the smallest PNG there is: one transparent pixel (a whole one: uploads are checked to their end)
PIXEL = base64.b64encode(
	bytes.fromhex(
		"89504e470d0a1a0a0000000d4948445200000001000000010806000000"
		"1f15c4890000000d49444154789c6360606060000000050001a5f645400000000049454e44ae426082"
	)
).decode()


def clear_limits():
	"""Frappe's rate limits and the app's hourly limit count per address; the tests all come from one."""
	frappe.cache.delete_keys("rl:")
	for kind in ("application", "complaint"):
		reset_submission_rate(kind, "127.0.0.1")


def application_data(**values) -> dict:
	birth = datetime.date(1994, 3, 9)
	nik = unused_nik(birth, True)
	while frappe.db.exists("Membership Application", {"nik": nik}):  # left by an earlier run
		nik = unused_nik(birth, True)
	data = {
		"full_name": "_Portal Applicant",
		"nik": nik,
		"gender": "Female",
		"date_of_birth": str(birth),
		"mobile_no": "0813 1111 2222",
		"email": "_portal_applicant@example.com",
		"local_union": LOCAL_UNION,
		"employer": EMPLOYER,
		"employment_status": "PKWT",
		"consent_personal_data": 1,
		"language": "id",
	}
	data.update(values)
	return data


def send_application(client: SiteClient, data: dict):
	return client.post(
		"/api/method/frappe.website.doctype.web_form.web_form.accept",
		data={"web_form": "membership-application", "data": json.dumps(data)},
	)


def server_message(response) -> str:
	"""What the person is shown: the messages under the fields, the message dialog, or (with messages
	muted) the exception's text."""
	body = response.json
	under_fields = {**(body.get("field_errors") or {})}
	if isinstance(body.get("message"), dict):
		under_fields.update(body["message"].get("errors") or {})
	messages = json.loads(body.get("_server_messages") or "[]")
	shown = " ".join([*under_fields.values(), *(json.loads(m).get("message", "") for m in messages)])
	return shown or body.get("exception", "").partition(": ")[2]


class TestPortal(UnionTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		for user, roles, node in (
			(OPERATOR_A, ("Case Operator",), "_Test Federation"),
			(OPERATOR_B, ("Case Operator",), "_Test Federation 2"),
			(MEMBER_A, ("Union Member",), None),
			(MEMBER_B, ("Union Member",), None),
		):
			make_user(user, *roles)
			update_password(user, PASSWORD)
			if node:
				grant(user, "Federation", node)
		cls.member_a = (
			frappe.db.get_value("Member", {"user": MEMBER_A})
			or make_member(full_name="_Portal Member A", user=MEMBER_A, email=MEMBER_A).name
		)
		cls.member_b = (
			frappe.db.get_value("Member", {"user": MEMBER_B})
			or make_member(
				full_name="_Portal Member B", user=MEMBER_B, email=MEMBER_B, local_union=OTHER_LOCAL_UNION
			).name
		)
		frappe.db.commit()

	def setUp(self):
		clear_limits()
		frappe.db.delete("Membership Application", {"email": ("like", "_portal%")})
		frappe.db.commit()

	# ---- registration

	def test_application_from_the_public_web_form(self):
		data = application_data(id_card_photo_upload=f"ktp.png,data:image/png;base64,{PIXEL}")
		response = send_application(SiteClient(), data)
		self.assertEqual(response.status_code, 200, response.text[:500])
		frappe.db.rollback()
		name = response.json["message"]["name"]
		application = frappe.get_doc("Membership Application", name)
		self.assertEqual(application.workflow_state, "Pending")
		self.assertEqual(application.mobile_no, "+6281311112222")
		self.assertEqual(application.federation, "_Test Federation")
		self.assertGreaterEqual(len(application.tracking_key), 30)
		self.assertFalse(frappe.db.exists("Member", {"nik": data["nik"]}), "never a Member directly")
		photo = frappe.get_doc(
			"File", {"attached_to_doctype": "Membership Application", "attached_to_name": name}
		)
		self.assertTrue(photo.is_private)
		self.assertTrue(application.id_card_photo.startswith("/private/files/"))
		mail = queued_to(name, data["email"], "Membership Application")
		self.assertEqual(len(mail), 1)
		self.assertIn(name, mail[0])
		self.assertIn(f"/track?key={application.tracking_key}", mail[0])
		# no guest reads it back, through the API or the web form's own pages
		for path in (
			f"/api/resource/Membership Application/{name}",
			f"/join/{name}",
			f"/join/{name}/edit",
		):
			with self.subTest(path):
				response = SiteClient().get(path)
				self.assertEqual(response.status_code, 403)
				self.assertNotIn(data["nik"], response.text)

	def test_bad_input_gets_a_clear_message_per_field(self):
		client = SiteClient()
		cases = {
			"nik": (application_data(nik="1234"), "16"),
			"mobile": (application_data(mobile_no="12"), "0812-3456-7890"),
			"consent": (application_data(consent_personal_data=0), "personal data"),
			"local union": (application_data(local_union="_Test Branch"), "Local Union"),
		}
		for label, (data, expected) in cases.items():
			with self.subTest(label):
				response = send_application(client, data)
				self.assertEqual(response.status_code, 417, response.text[:300])
				self.assertIn(expected, server_message(response))
				self.assertEqual(response.json["exc_type"].endswith("Error"), True)
				clear_limits()
		frappe.db.rollback()
		self.assertFalse(
			frappe.db.exists("Membership Application", {"email": "_portal_applicant@example.com"})
		)
		checked = client.post(
			"/api/method/union_cases.api.portal.check_application",
			data={
				"nik": "3273054903940001",
				"gender": "Male",
				"mobile_no": "12",
				"local_union": "_Test Branch",
			},
		).json["message"]
		self.assertEqual(set(checked), {"nik", "mobile_no", "local_union"})

	def test_duplicate_nik_is_explained(self):
		existing = frappe.get_doc("Member", self.member_a)
		response = send_application(
			SiteClient(),
			application_data(
				nik=existing.nik, gender=existing.gender, date_of_birth=str(existing.date_of_birth)
			),
		)
		self.assertEqual(response.status_code, 409, response.text[:300])
		self.assertIn("already registered as a member", server_message(response))
		self.assertNotIn(existing.full_name, response.text, "a guest learns nothing about the member")
		clear_limits()
		data = application_data()
		self.assertEqual(send_application(SiteClient(), data).status_code, 200)
		second = send_application(SiteClient(), dict(data, email="_portal_other@example.com"))
		self.assertIn("already being reviewed", server_message(second))

	def test_public_submissions_are_limited_per_hour(self):
		client = SiteClient()
		statuses = []
		for n in range(6):
			data = application_data(email=f"_portal_flood{n}@example.com")
			statuses.append(send_application(client, data).status_code)
		self.assertEqual(statuses[:5], [200] * 5)
		self.assertEqual(statuses[5], 417)

	def test_operator_approves_and_the_worker_becomes_a_member(self):
		data = application_data()
		name = send_application(SiteClient(), data).json["message"]["name"]
		frappe.db.rollback()
		frappe.set_user(OPERATOR_B)
		self.assertFalse(frappe.has_permission("Membership Application", "read", name))
		frappe.set_user(OPERATOR_A)
		self.assertTrue(frappe.has_permission("Membership Application", "read", name))
		application = frappe.get_doc("Membership Application", name)
		with self.assertRaises(ReviewNoteRequiredError):
			apply_workflow(application, "Reject")
		application.reload()
		apply_workflow(application, "Approve")
		application.reload()
		frappe.set_user("Administrator")
		self.assertEqual(application.workflow_state, "Approved")
		self.assertEqual(application.reviewed_by, OPERATOR_A)
		member = frappe.get_doc("Member", application.member)
		self.assertTrue(member.name.startswith("KTA-"))
		self.assertEqual((member.status, member.nik, member.user), ("Active", data["nik"], data["email"]))
		user = frappe.get_doc("User", data["email"])
		self.assertEqual(user.user_type, "Website User")
		self.assertEqual({r.role for r in user.roles}, {"Union Member"})
		welcome = [
			m for m in queued_to(name, data["email"], "Membership Application") if "update-password" in m
		]
		self.assertEqual(len(welcome), 1)
		self.assertIn(member.name, welcome[0])
		self.assertIn(frappe._("Set my password", lang=LANG), welcome[0])
		frappe.db.rollback()

	def test_needs_information_and_the_applicants_answer(self):
		name = send_application(SiteClient(), application_data()).json["message"]["name"]
		frappe.db.rollback()
		frappe.set_user(OPERATOR_A)
		application = frappe.get_doc("Membership Application", name)
		application.review_note = "Kirim foto KTP yang lebih jelas."
		application.save()
		apply_workflow(application, "Request Information")
		frappe.db.commit()
		frappe.set_user("Administrator")
		key = application.tracking_key
		page = SiteClient().get(f"/track?key={key}")
		self.assertEqual(page.status_code, 200)
		self.assertIn("Kirim foto KTP yang lebih jelas.", page.text)
		self.assertEqual(SiteClient().get("/track?key=" + "x" * 32).status_code, 404)
		answer = SiteClient().post(
			"/api/method/union_cases.api.portal.answer_application",
			data={"key": key, "message": "Sudah saya kirim."},
		)
		self.assertEqual(answer.status_code, 200, answer.text[:300])
		frappe.db.rollback()
		self.assertEqual(
			frappe.db.get_value("Membership Application", name, ["workflow_state", "applicant_reply"]),
			("Pending", "Sudah saya kirim."),
		)

	# ---- complaints, the member's cases

	def test_member_files_a_complaint_with_evidence_and_follows_it(self):
		client = SiteClient(MEMBER_A, PASSWORD)
		response = client.post(
			"/api/method/union_cases.api.portal.submit_complaint",
			data={
				"title": "_Portal upah lembur",
				"description": "Lembur tidak dibayar sejak Agustus.",
				"category": "Unpaid Overtime",
				"employer": EMPLOYER,
				"incident_date": "2026-08-01",
				"complainant": self.member_b,  # ignored: the member comes from the session
				"files": [(io.BytesIO(b"slip gaji Agustus"), "slip.txt")],
			},
			content_type="multipart/form-data",
		)
		self.assertEqual(response.status_code, 200, response.text[:500])
		frappe.db.rollback()
		name = response.json["message"]["name"]
		case = frappe.get_doc("Case", name)
		self.assertEqual(
			(case.complainant, case.channel, case.workflow_state), (self.member_a, "Member Portal", "New")
		)
		self.assertEqual(len(case.evidence), 1)
		self.assertTrue(case.evidence[0].file.startswith("/private/files/"))
		# the operator answers from the desk; an internal note stays internal
		frappe.get_doc(
			{
				"doctype": "Communication",
				"communication_type": "Communication",
				"sent_or_received": "Sent",
				"subject": case.name,
				"content": "<p>Mohon kirim slip gaji bulan September.</p>",
				"sender": OPERATOR_A,
				"recipients": MEMBER_A,
				"reference_doctype": "Case",
				"reference_name": case.name,
			}
		).insert(ignore_permissions=True)
		case.add_comment("Comment", "_Portal internal note")
		frappe.db.commit()
		listing = client.get("/my-cases")
		self.assertEqual(listing.status_code, 200)
		self.assertIn("_Portal upah lembur", listing.text)
		page = client.get(f"/my-cases/{name}")
		self.assertIn("Mohon kirim slip gaji bulan September.", page.text)
		self.assertNotIn("_Portal internal note", page.text)
		self.assertIn("slip.txt", page.text)
		reply = client.post(
			"/api/method/union_cases.api.portal.reply",
			data={
				"case": name,
				"message": "Sudah saya lampirkan.",
				"files": [(io.BytesIO(b"slip gaji September"), "sept.txt")],
			},
			content_type="multipart/form-data",
		)
		self.assertEqual(reply.status_code, 200, reply.text[:300])
		self.assertIn("Sudah saya lampirkan.", client.get(f"/my-cases/{name}").text)
		download = client.get(
			"/api/method/union_cases.api.portal.download", query_string={"file": case.evidence[0].file}
		)
		self.assertEqual(download.status_code, 200)
		self.assertEqual(download.data, b"slip gaji Agustus")

	def test_evidence_type_and_size_are_limited(self):
		client = SiteClient(MEMBER_A, PASSWORD)
		base = {"title": "_Portal bad file", "description": "x"}
		exe = client.post(
			"/api/method/union_cases.api.portal.submit_complaint",
			data={**base, "files": [(io.BytesIO(b"MZ"), "tool.exe")]},
			content_type="multipart/form-data",
		)
		self.assertEqual(exe.status_code, 417)
		self.assertIn("cannot be sent", server_message(exe))
		update_site_config("union_cases_max_upload_mb", 1)
		try:
			big = client.post(
				"/api/method/union_cases.api.portal.submit_complaint",
				data={**base, "files": [(io.BytesIO(b"0" * (1024 * 1024 + 1)), "big.txt")]},
				content_type="multipart/form-data",
			)
		finally:
			update_site_config("union_cases_max_upload_mb", "None")
		self.assertIn("larger than 1 MB", server_message(big))
		frappe.db.rollback()
		self.assertFalse(frappe.db.exists("Case", {"title": "_Portal bad file"}))

	def test_rating_a_closed_case(self):
		case = make_case(frappe.get_doc("Member", self.member_a), title="_Portal closed")
		frappe.db.set_value("Case", case.name, "workflow_state", "Closed")
		frappe.db.commit()
		client = SiteClient(MEMBER_A, PASSWORD)
		bad = client.post(
			"/api/method/union_cases.api.portal.rate_case", data={"case": case.name, "rating": 9}
		)
		self.assertEqual(bad.status_code, 417)
		good = client.post(
			"/api/method/union_cases.api.portal.rate_case",
			data={"case": case.name, "rating": 4, "comment": "Cepat dan jelas"},
		)
		self.assertEqual(good.status_code, 200, good.text[:300])
		again = client.post(
			"/api/method/union_cases.api.portal.rate_case", data={"case": case.name, "rating": 5}
		)
		self.assertEqual(again.status_code, 417)
		frappe.db.rollback()
		self.assertEqual(
			frappe.db.get_value("Case", case.name, ["handling_rating", "rating_comment"]),
			(0.8, "Cepat dan jelas"),
		)
		self.assertIn("4", client.get(f"/my-cases/{case.name}").text)

	def test_profile_change_request_is_approved_by_an_operator(self):
		client = SiteClient(MEMBER_A, PASSWORD)
		self.assertIn(self.member_a, client.get("/my-card").text)
		response = client.post(
			"/api/method/union_cases.api.portal.request_profile_change",
			data={"mobile_no": "0819 0000 1111", "member": self.member_b},
		)
		self.assertEqual(response.status_code, 200, response.text[:300])
		frappe.db.rollback()
		request = frappe.get_doc("Member Change Request", response.json["message"]["name"])
		self.assertEqual(request.member, self.member_a, "the member comes from the session")
		frappe.set_user(OPERATOR_A)
		apply_workflow(request, "Approve")
		frappe.set_user("Administrator")
		self.assertEqual(frappe.db.get_value("Member", self.member_a, "mobile_no"), "+6281900001111")
		frappe.db.rollback()

	def test_a_guest_complaint_is_a_non_member_case_followed_by_its_link(self):
		client = SiteClient()
		response = client.post(
			"/api/method/union_cases.api.portal.submit_complaint",
			data={
				"title": "_Portal guest complaint",
				"description": "PHK sepihak tanpa pesangon.",
				"case_type": "Complaint",
				"contact_name": "Pekerja Contoh",
				"email": "_portal_worker@example.com",
				"contact_phone": "0812 9999 0000",
				"employer_name_given": "PT Contoh Sejahtera (Demo)",
				"federation": "_Test Federation",
				"files": [(io.BytesIO(base64.b64decode(PIXEL)), "foto.png")],
			},
			content_type="multipart/form-data",
		)
		self.assertEqual(response.status_code, 200, response.text[:500])
		frappe.db.rollback()
		result = response.json["message"]
		case = frappe.get_doc("Case", result["name"])
		self.assertEqual(
			(case.is_non_member, case.channel, case.federation), (1, "Public Form", "_Test Federation")
		)
		self.assertEqual(case.contact_phone, "+6281299990000")
		self.assertIn(case.tracking_key, result["tracking_url"])
		self.assertIn(case.tracking_key, queued_to(case.name, "_portal_worker@example.com")[0])
		page = client.get(f"/track?key={case.tracking_key}")
		self.assertIn("_Portal guest complaint", page.text)
		self.assertIn("foto.png", page.text)
		file_url = case.evidence[0].file
		self.assertEqual(
			client.get(
				"/api/method/union_cases.api.portal.download",
				query_string={"file": file_url, "key": case.tracking_key},
			).status_code,
			200,
		)
		self.assertEqual(
			client.get(
				"/api/method/union_cases.api.portal.download",
				query_string={"file": file_url, "key": "x" * 32},
			).status_code,
			403,
		)
		self.assertEqual(client.get(file_url).status_code, 403)
		# the federation's operator sees it, the other federation's does not
		frappe.set_user(OPERATOR_A)
		self.assertTrue(frappe.has_permission("Case", "read", case.name))
		frappe.set_user(OPERATOR_B)
		self.assertFalse(frappe.has_permission("Case", "read", case.name))

	def test_a_guest_complaint_needs_a_way_to_answer(self):
		response = SiteClient().post(
			"/api/method/union_cases.api.portal.submit_complaint",
			data={"title": "_Portal anonymous", "description": "x"},
		)
		self.assertEqual(response.status_code, 417)
		self.assertEqual(set(response.json["message"]["errors"]), {"contact_name", "email"})

	# ---- isolation

	def test_a_member_reaches_nothing_of_another_member(self):
		case_a = make_case(frappe.get_doc("Member", self.member_a), title="_Portal case of A")
		file = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": "a.txt",
				"content": b"secret of A",
				"attached_to_doctype": "Case",
				"attached_to_name": case_a.name,
				"is_private": 1,
			}
		)
		file.flags.ignore_permissions = True
		file.insert()
		frappe.db.set_value("File", file.name, "owner", MEMBER_A)
		frappe.db.commit()
		other = SiteClient(MEMBER_B, PASSWORD)
		me = SiteClient(MEMBER_A, PASSWORD)
		self.assertEqual(me.get(f"/my-cases/{case_a.name}").status_code, 200)
		refused = {
			"case page": other.get(f"/my-cases/{case_a.name}"),
			"case API": other.get(f"/api/resource/Case/{case_a.name}"),
			"case list API": other.get("/api/resource/Case", query_string={"fields": '["name"]'}),
			"member API": other.get(f"/api/resource/Member/{self.member_a}"),
			"application API": other.get("/api/resource/Membership Application"),
			"frappe.client.get": other.get(
				"/api/method/frappe.client.get", query_string={"doctype": "Case", "name": case_a.name}
			),
			"reply": other.post(
				"/api/method/union_cases.api.portal.reply", data={"case": case_a.name, "message": "x"}
			),
			"rate": other.post(
				"/api/method/union_cases.api.portal.rate_case", data={"case": case_a.name, "rating": 1}
			),
			"download": other.get(
				"/api/method/union_cases.api.portal.download", query_string={"file": file.file_url}
			),
			"file URL": other.get(file.file_url),
			"report": other.get(
				"/api/method/frappe.desk.query_report.run", query_string={"report_name": "Deadlines"}
			),
		}
		for route, response in refused.items():
			with self.subTest(route):
				self.assertIn(response.status_code, (403, 404), response.text[:200])
				self.assertNotIn("_Portal case of A", response.text)
				self.assertNotIn("secret of A", response.text)
		self.assertNotIn("_Portal case of A", other.get("/my-cases").text)
		self.assertEqual(me.get(file.file_url).status_code, 200, "the owner may open their own upload")

	def test_a_guest_reaches_only_the_public_forms(self):
		guest = SiteClient()
		self.assertEqual(guest.get("/join/new").status_code, 200)
		self.assertEqual(guest.get("/complaint").status_code, 200)
		for path in ("/my-cases", "/my-profile", "/my-card"):
			with self.subTest(path):
				response = guest.get(path)
				self.assertIn(response.status_code, (301, 302))
				self.assertIn("/login", response.headers["Location"])
		self.assertEqual(guest.get("/track").status_code, 404)

	def test_employers_are_searched_not_listed(self):
		"""The complaint page carries no list of every employer; the field asks for at most ten matches."""
		guest = SiteClient()
		page = guest.get("/complaint")
		self.assertEqual(page.status_code, 200)
		self.assertNotIn('<option value="_Test Employer"', page.text)

		def search(**params):
			response = guest.get("/api/method/union_cases.api.portal.search_employers", query_string=params)
			self.assertEqual(response.status_code, 200, response.text[:300])
			return response.json["message"]

		self.assertIn("_Test Employer", search(txt="_test emp"))
		self.assertEqual(search(txt="_"), [])  # under two letters: nothing
		self.assertEqual(search(txt="%%%"), [])  # matched as text, not as a pattern
		self.assertLessEqual(len(search(txt="e")), 10)
		self.assertLessEqual(len(search(txt="PT ")), 10)

	def test_a_member_logs_in_to_their_cases(self):
		"""The login form sends a member to their cases, not to the desk (which refuses them)."""
		response = SiteClient().post("/api/method/login", data={"usr": MEMBER_A, "pwd": PASSWORD})
		self.assertEqual(response.status_code, 200, response.text[:300])
		self.assertEqual(response.json.get("home_page"), "/my-cases")

	def test_my_profile_shows_the_record(self):
		member = frappe.db.get_value("Member", {"user": MEMBER_A}, ["full_name", "join_date"], as_dict=True)
		page = SiteClient(MEMBER_A, PASSWORD).get("/my-profile")
		self.assertEqual(page.status_code, 200, page.text[-2000:])
		self.assertIn(escape_html(member.full_name), page.text)
		self.assertIn(frappe.utils.formatdate(member.join_date), page.text)

	def test_member_pages_are_translated(self):
		frappe.db.set_value("User", MEMBER_A, "language", "id")
		frappe.db.commit()
		try:
			text = SiteClient(MEMBER_A, PASSWORD).get("/my-cases").text
			self.assertIn(frappe._("My Cases", lang=LANG), text)
			self.assertNotEqual(frappe._("My Cases", lang=LANG), "My Cases")
		finally:
			frappe.db.set_value("User", MEMBER_A, "language", "en")
			frappe.db.commit()
