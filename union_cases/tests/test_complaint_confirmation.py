"""A complaint in someone else's name: an email address typed on /complaint makes nobody the complainant
until its owner confirms it, from the mail or by logging in; the tracking link shows no mail to that
address before. Over real HTTP.

Before: a guest who typed a member's address got a case of that member (Case.set_party_details matched
the address), and the link shown on their screen then showed the union's mails to the member.
"""

import re
from urllib.parse import urlsplit

import frappe
from frappe.model.workflow import apply_workflow
from frappe.utils.password import update_password

from union_cases.api.portal import tell_staff
from union_cases.demo.generate import grant
from union_cases.tests.http import SiteClient
from union_cases.tests.test_portal import application_data, clear_limits, send_application
from union_cases.tests.utils import UnionTestCase, make_case, make_member, make_user, queued_to, retire_staff

PASSWORD = "_Confirm-Pass-2026!"
OPERATOR = "_confirm_operator@example.com"
MEMBER_A = "_confirm_member_a@example.com"
MEMBER_B = "_confirm_member_b@example.com"
MEMBER_C = "_confirm_member_c@example.com"  # a member without a portal login, known by their address
STRANGER = "_confirm_stranger@example.com"
# member B's record names this address, but B logs in with their own: the record alone proves nothing
RECORDED_ONLY = "_confirm_recorded_only@example.com"
# a title of this run's own (cases are not deleted: Frappe would hand the same name to a later case)
TITLE = f"_Confirm complaint {frappe.generate_hash(length=6)}"
CONFIRM_LINK = re.compile(r"/track\?key=([\w-]+)&(?:amp;)?confirm=([0-9a-f]{32})")


def awaiting(case) -> str:
	"""The question on /my-cases about one case."""
	return f'name="case" value="{case.name}"'


class TestComplaintConfirmation(UnionTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_user(OPERATOR, "Case Operator")
		grant(OPERATOR, "Federation", "_Test Federation")
		cls.members = {}
		for email, user, full_name in (
			(MEMBER_A, True, "_Confirm Member A"),
			(MEMBER_B, True, "_Confirm Member B"),
			(MEMBER_C, False, "_Confirm Member C"),
		):
			if user:
				make_user(email, "Union Member")
			name = (
				frappe.db.get_value("Member", {"email": email})
				or make_member(full_name=full_name, email=email, user=email if user else None).name
			)
			cls.members[email] = name
		for user in (OPERATOR, MEMBER_A, MEMBER_B):
			update_password(user, PASSWORD)
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		retire_staff(OPERATOR)
		super().tearDownClass()

	def setUp(self):
		clear_limits()

	def complain(self, email: str, title: str = TITLE):
		clear_limits()
		response = SiteClient().post(
			"/api/method/union_cases.api.portal.submit_complaint",
			data={
				"title": title,
				"description": "Saya di-PHK tanpa pesangon.",
				"contact_name": "Seseorang",
				"email": email,
				"federation": "_Test Federation",
			},
		)
		self.assertEqual(response.status_code, 200, response.text[:300])
		frappe.db.rollback()
		return response.json["message"], frappe.get_doc("Case", response.json["message"]["name"])

	def mail_on_case(self, case, sent_or_received: str, address: str, content: str):
		frappe.get_doc(
			{
				"doctype": "Communication",
				"communication_type": "Communication",
				"sent_or_received": sent_or_received,
				"subject": case.name,
				"content": f"<p>{content}</p>",
				"sender": OPERATOR if sent_or_received == "Sent" else address,
				"recipients": address if sent_or_received == "Sent" else None,
				"reference_doctype": "Case",
				"reference_name": case.name,
			}
		).insert(ignore_permissions=True)
		frappe.db.commit()

	def confirm_link(self, case, address: str) -> tuple[str, str]:
		links = [m for mail in queued_to(case.name, address) for m in CONFIRM_LINK.findall(mail)]
		self.assertTrue(links, "the mail to the address carries the confirmation link")
		return links[-1]

	def confirm(self, client, **data):
		clear_limits()
		return client.post("/api/method/union_cases.api.portal.confirm_complaint", data=data)

	def test_a_members_address_typed_by_a_guest_makes_nobody_the_complainant(self):
		shown, case = self.complain(MEMBER_A)
		self.assertEqual(
			(case.complainant, case.is_non_member, case.email_confirmation, case.channel),
			(None, 1, "Unconfirmed", "Public Form"),
		)
		# the screen says the same as for any address: a guest learns nothing about who is a member
		stranger_shown, _stranger_case = self.complain(STRANGER, f"{TITLE} stranger")
		self.assertEqual(set(shown), set(stranger_shown))
		# the union answers the address; the member writes back "that was not me"
		self.mail_on_case(case, "Sent", MEMBER_A, "_Confirm union answer to the address")
		self.mail_on_case(case, "Received", MEMBER_A, "_Confirm the member writes back")
		key, code = self.confirm_link(case, MEMBER_A)
		self.assertEqual(key, case.tracking_key)
		link = urlsplit(shown["tracking_url"])
		page = SiteClient().get(f"{link.path}?{link.query}")
		self.assertEqual(page.status_code, 200)
		for secret in ("_Confirm union answer", "_Confirm the member writes back", code, 'id="confirm-form"'):
			self.assertNotIn(secret, page.text)
		self.assertIn("appear here once the owner of that address confirms it", page.text)
		# the member's portal: not one of their cases, but offered to them to answer
		member = SiteClient(MEMBER_A, PASSWORD)
		self.assertEqual(member.get(f"/my-cases/{case.name}").status_code, 404)
		listing = member.get("/my-cases").text
		self.assertIn("Did you send this case?", listing)
		self.assertIn(awaiting(case), listing)
		# a wrong code is refused and changes nothing
		guest = SiteClient()
		self.assertNotIn('id="confirm-form"', guest.get(f"/track?key={key}&confirm={'0' * 32}").text)
		wrong = self.confirm(guest, key=key, confirm="0" * 32, answer="mine")
		self.assertEqual(wrong.status_code, 403, wrong.text[:300])
		self.assertIn("This link is not valid", wrong.text)
		frappe.db.rollback()
		self.assertEqual(frappe.db.get_value("Case", case.name, "email_confirmation"), "Unconfirmed")
		self.assertIsNone(frappe.db.get_value("Case", case.name, "complainant"))

	def test_the_member_confirms_from_the_mail(self):
		shown, case = self.complain(MEMBER_C)
		self.mail_on_case(case, "Sent", MEMBER_C, "_Confirm union answer before confirmation")
		key, code = self.confirm_link(case, MEMBER_C)
		guest = SiteClient()
		page = guest.get(f"/track?key={key}&confirm={code}")
		self.assertIn('id="confirm-form"', page.text)
		self.assertIn("belongs to a member of the union", page.text)
		answer = self.confirm(guest, key=key, confirm=code, answer="mine")
		self.assertEqual(answer.status_code, 200, answer.text[:300])
		frappe.db.rollback()
		case.reload()
		self.assertEqual(
			(case.complainant, case.is_non_member, case.email_confirmation, case.local_union),
			(self.members[MEMBER_C], 0, "Confirmed", "_Test Local Union"),
		)
		# the link shown on the screen that sent the case stops working; a new one goes to the member
		self.assertNotEqual(case.tracking_key, key)
		self.assertIn(case.tracking_key, answer.json["message"]["tracking_url"])
		self.assertEqual(guest.get(f"/track?key={key}").status_code, 404)
		self.assertTrue(any(case.tracking_key in m for m in queued_to(case.name, MEMBER_C)))
		self.assertIn(
			"_Confirm union answer before confirmation", guest.get(f"/track?key={case.tracking_key}").text
		)
		again = self.confirm(guest, key=key, confirm=code, answer="not_mine")
		self.assertEqual(again.status_code, 403, "the old link is no longer valid")
		self.assertEqual(frappe.db.get_value("Case", case.name, "complainant"), self.members[MEMBER_C])

	def test_the_member_answers_by_logging_in(self):
		_shown, case = self.complain(MEMBER_A)
		other = SiteClient(MEMBER_B, PASSWORD)
		refused = self.confirm(other, case=case.name, answer="mine")
		self.assertEqual(refused.status_code, 403, refused.text[:300])
		self.assertNotIn(case.name, other.get("/my-cases").text)
		member = SiteClient(MEMBER_A, PASSWORD)
		self.assertEqual(self.confirm(member, case=case.name, answer="mine").status_code, 200)
		frappe.db.rollback()
		self.assertEqual(frappe.db.get_value("Case", case.name, "complainant"), self.members[MEMBER_A])
		self.assertEqual(member.get(f"/my-cases/{case.name}").status_code, 200)
		self.assertNotIn(awaiting(case), member.get("/my-cases").text)

	def test_the_owner_of_the_address_refuses_it(self):
		shown, case = self.complain(MEMBER_B)
		member = SiteClient(MEMBER_B, PASSWORD)
		self.assertEqual(self.confirm(member, case=case.name, answer="not_mine").status_code, 200)
		frappe.db.rollback()
		case.reload()
		self.assertEqual(
			(case.complainant, case.email_confirmation, case.raised_by, case.complainant_email),
			(None, "Disowned", None, None),
		)
		self.assertNotIn(awaiting(case), member.get("/my-cases").text)
		comments = frappe.get_all(
			"Comment", filters={"reference_name": case.name, "comment_type": "Info"}, pluck="content"
		)
		self.assertTrue(any("did not send this case" in c for c in comments))
		page = SiteClient().get(f"/track?key={case.tracking_key}")
		self.assertIn("cannot answer this case by email", page.text)

	def test_a_stranger_confirms_their_address(self):
		_shown, case = self.complain(STRANGER)
		self.mail_on_case(case, "Sent", STRANGER, "_Confirm answer to the stranger")
		guest = SiteClient()
		self.assertNotIn("_Confirm answer to the stranger", guest.get(f"/track?key={case.tracking_key}").text)
		key, code = self.confirm_link(case, STRANGER)
		self.assertIn(
			"Did you send this case with your email address?",
			guest.get(f"/track?key={key}&confirm={code}").text,
		)
		self.assertEqual(self.confirm(guest, key=key, confirm=code, answer="mine").status_code, 200)
		frappe.db.rollback()
		self.assertEqual(
			frappe.db.get_value("Case", case.name, ["email_confirmation", "complainant", "is_non_member"]),
			("Confirmed", None, 1),
		)
		self.assertIn("_Confirm answer to the stranger", guest.get(f"/track?key={key}").text)

	def test_an_address_only_recorded_for_a_member_who_logs_in_otherwise_hands_over_nothing(self):
		frappe.db.set_value("Member", self.members[MEMBER_B], "email", RECORDED_ONLY)
		frappe.db.commit()
		try:
			_shown, case = self.complain(RECORDED_ONLY)
			key, code = self.confirm_link(case, RECORDED_ONLY)
			guest = SiteClient()
			page = guest.get(f"/track?key={key}&confirm={code}").text
			self.assertNotIn("belongs to a member of the union", page)
			self.assertEqual(self.confirm(guest, key=key, confirm=code, answer="mine").status_code, 200)
			frappe.db.rollback()
			self.assertEqual(
				frappe.db.get_value("Case", case.name, ["email_confirmation", "complainant"]),
				("Confirmed", None),
			)
			self.assertNotIn(case.name, SiteClient(MEMBER_B, PASSWORD).get("/my-cases").text)
		finally:
			frappe.db.set_value("Member", self.members[MEMBER_B], "email", MEMBER_B)
			frappe.db.commit()

	def test_an_application_cannot_take_over_a_members_login(self):
		clear_limits()
		response = send_application(SiteClient(), application_data(email=MEMBER_A))
		self.assertEqual(response.status_code, 200, response.text[:300])
		frappe.db.rollback()
		application = frappe.get_doc("Membership Application", response.json["message"]["name"])
		frappe.set_user(OPERATOR)
		with self.assertRaisesRegex(frappe.ValidationError, "already the portal login of member"):
			apply_workflow(application, "Approve")
		frappe.set_user("Administrator")
		frappe.db.rollback()
		self.assertEqual(frappe.db.count("Member", {"user": MEMBER_A}), 1)
		frappe.db.delete("Membership Application", {"name": application.name})
		frappe.db.commit()

	def test_staff_are_told_only_of_cases_they_may_open(self):
		case = make_case(frappe.get_doc("Member", self.members[MEMBER_A]), title=f"{TITLE} told")
		case.db_set("handler", OPERATOR)
		# an assignee who may not read the case (a member's portal login)
		frappe.get_doc(
			{
				"doctype": "ToDo",
				"allocated_to": MEMBER_B,
				"reference_type": "Case",
				"reference_name": case.name,
				"description": "x",
			}
		).insert(ignore_permissions=True)
		self.assertFalse(frappe.has_permission("Case", "read", doc=case, user=MEMBER_B))
		self.assertTrue(frappe.has_permission("Case", "read", doc=case, user=OPERATOR))
		tell_staff(case, "_Confirm told subject")
		told = frappe.get_all(
			"Notification Log",
			filters={"document_name": case.name, "subject": "_Confirm told subject"},
			pluck="for_user",
		)
		self.assertIn(OPERATOR, told)
		self.assertNotIn(MEMBER_B, told)
		# everyone told (the intake rule may have assigned another operator too) may open the case
		self.assertTrue(all(frappe.has_permission("Case", "read", doc=case, user=u) for u in told))
