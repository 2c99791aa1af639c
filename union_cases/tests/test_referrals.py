"""Referrals: workflow by role, the partner's isolation, the email to the partner, the signed webhook
(against a real HTTP server on 127.0.0.1) and the partner system's inbound endpoint."""

import base64
import hashlib
import hmac
import json
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from threading import Thread

import frappe
from frappe.desk.form import assign_to
from frappe.model.workflow import WorkflowPermissionError, WorkflowTransitionError, apply_workflow
from frappe.utils.password import update_password

from union_cases.permissions import grant
from union_cases.tests.http import SiteClient
from union_cases.tests.utils import (
	OPERATOR,
	UnionTestCase,
	make_case,
	make_member,
	make_staff,
	make_user,
	queued_to,
)

PARTNER = "_Test Referral Partner"
OTHER_PARTNER = "_Test Other Partner"
PARTNER_USER = "_test_partner_user@example.com"
OTHER_PARTNER_USER = "_test_other_partner_user@example.com"
PASSWORD = "_Test-Partner-2026!"
SECRET = "_test-webhook-secret"
TOKEN = "_test-inbound-token-0123456789"


class Receiver(BaseHTTPRequestHandler):
	"""A partner's system: answers with the next planned status and checks each signature."""

	statuses: list[int] = []
	received: list[dict] = []

	def do_POST(self):
		body = self.rfile.read(int(self.headers["Content-Length"]))
		expected = base64.b64encode(hmac.new(SECRET.encode(), body, hashlib.sha256).digest()).decode()
		status = self.statuses.pop(0) if self.statuses else 200
		Receiver.received.append(
			{
				"body": json.loads(body),
				"signed": self.headers.get("X-Frappe-Webhook-Signature") == expected,
				"answered": status,
			}
		)
		self.send_response(status)
		self.end_headers()
		self.wfile.write(b"{}")

	def log_message(self, *args):
		pass


class TestReferrals(UnionTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_staff()
		for name, user in ((PARTNER, PARTNER_USER), (OTHER_PARTNER, OTHER_PARTNER_USER)):
			if not frappe.db.exists("Referral Partner", name):
				frappe.get_doc(
					{
						"doctype": "Referral Partner",
						"partner_name": name,
						"partner_type": "Legal Aid",
						"email": f"{frappe.scrub(name).strip('_')}@example.com",
						"language": "en",
					}
				).insert()
			make_user(user, "Referral Partner")
			update_password(user, PASSWORD)
			grant(user, "Referral Partner", name)
		update_password(OPERATOR, PASSWORD)
		cls.member = make_member(full_name="_Test Referred Member")
		cls.case = make_case(cls.member, title="_Test referred case")
		frappe.db.commit()

	def tearDown(self):
		frappe.set_user("Administrator")
		super().tearDown()

	def referral(self, case=None, partner=PARTNER, **values):
		return frappe.get_doc(
			{
				"doctype": "Referral",
				"case": (case or self.case).name,
				"partner": partner,
				"reason": "Butuh pendampingan di PHI",
				**values,
			}
		).insert()

	def act(self, user, referral, action):
		frappe.set_user(user)
		try:
			return apply_workflow(frappe.get_doc("Referral", referral.name).as_dict(), action)
		finally:
			frappe.set_user("Administrator")

	def test_workflow_by_role(self):
		referral = self.referral()
		self.assertEqual(referral.workflow_state, "Draft")
		refused = (WorkflowTransitionError, WorkflowPermissionError, frappe.PermissionError)
		self.assertRaises(refused, self.act, PARTNER_USER, referral, "Send")  # a draft is not theirs yet
		self.assertEqual(self.act(OPERATOR, referral, "Send").workflow_state, "Sent")
		self.assertRaises(refused, self.act, OPERATOR, referral, "Accept")
		self.assertRaises(refused, self.act, OTHER_PARTNER_USER, referral, "Accept")
		accepted = self.act(PARTNER_USER, referral, "Accept")
		self.assertEqual(accepted.workflow_state, "Accepted")
		self.assertIsNotNone(accepted.days_to_accept)
		self.act(PARTNER_USER, referral, "Start Work")
		self.assertRaises(frappe.MandatoryError, self.act, PARTNER_USER, referral, "Complete")
		frappe.db.set_value("Referral", referral.name, "outcome", "Perjanjian bersama ditandatangani")
		completed = self.act(PARTNER_USER, referral, "Complete")
		self.assertEqual(completed.workflow_state, "Completed")
		self.assertTrue(
			completed.sent_on <= completed.accepted_on <= completed.started_on <= completed.completed_on
		)
		self.assertGreaterEqual(completed.days_to_complete, completed.days_to_accept)
		timeline = frappe.get_all(
			"Comment",
			filters={
				"reference_doctype": "Case",
				"reference_name": self.case.name,
				"content": ("like", f"%{referral.name}%"),
			},
			pluck="content",
		)
		self.assertEqual(len(timeline), 4)  # sent, accepted, in progress, completed

	def test_decline_needs_a_reason(self):
		referral = self.referral()
		self.act(OPERATOR, referral, "Send")
		self.assertRaises(frappe.MandatoryError, self.act, PARTNER_USER, referral, "Decline")
		frappe.db.set_value("Referral", referral.name, "decline_reason", "Di luar wilayah kami")
		self.assertEqual(self.act(PARTNER_USER, referral, "Decline").workflow_state, "Declined")

	def test_partner_user_sees_only_its_referrals(self):
		mine = self.referral()
		self.act(OPERATOR, mine, "Send")
		draft = self.referral()
		theirs = self.referral(partner=OTHER_PARTNER)
		self.act(OPERATOR, theirs, "Send")
		evidence = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": "_test_case_file.txt",
				"content": b"slip",
				"attached_to_doctype": "Case",
				"attached_to_name": self.case.name,
				"is_private": 1,
			}
		).insert()
		shared = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": "_test_referral_file.txt",
				"content": b"surat",
				"attached_to_doctype": "Referral",
				"attached_to_name": mine.name,
				"is_private": 1,
			}
		).insert()
		frappe.db.commit()

		frappe.set_user(PARTNER_USER)
		visible = frappe.get_list("Referral", fields=["name", "partner", "workflow_state"])
		self.assertIn(mine.name, [r.name for r in visible])
		self.assertEqual({(r.partner, r.workflow_state == "Draft") for r in visible}, {(PARTNER, False)})
		self.assertFalse(frappe.has_permission("Referral", "read", doc=draft.name))
		self.assertFalse(frappe.has_permission("Referral", "read", doc=theirs.name))
		for doctype in ("Case", "Member", "Federation", "Employer", "Case Category", "Referral Partner"):
			self.assertFalse(frappe.has_permission(doctype, "read"), doctype)
		doc = frappe.get_doc("Referral", mine.name)
		doc.apply_fieldlevel_read_permissions()
		self.assertIsNone(doc.get("case"))  # the case itself is not shared, only its summary
		frappe.set_user("Administrator")

		client = SiteClient(PARTNER_USER, PASSWORD)
		self.assertEqual(client.get(f"/api/resource/Referral/{mine.name}").status_code, 200)
		self.assertNotIn("case", client.get(f"/api/resource/Referral/{mine.name}").json["data"])
		self.assertEqual(client.get(f"/api/resource/Referral/{theirs.name}").status_code, 403)
		self.assertEqual(client.get(f"/api/resource/Case/{self.case.name}").status_code, 403)
		self.assertEqual(client.get(f"/api/resource/Member/{self.member.name}").status_code, 403)
		listed = client.get("/api/resource/Referral", query_string={"limit_page_length": 0}).json["data"]
		self.assertIn(mine.name, [row["name"] for row in listed])
		self.assertFalse({draft.name, theirs.name} & {row["name"] for row in listed})
		self.assertEqual(client.get(evidence.file_url).status_code, 403)
		self.assertEqual(client.get(shared.file_url).status_code, 200)

	def test_partner_email_names_the_complainant_only_with_consent(self):
		member = make_member(full_name="_Test Survivor")
		confidential = make_case(
			member,
			title="_Test confidential referral",
			category="Gender-Based Violence and Harassment",
			description="<p>_Test secret account</p>",
		)
		partner_email = frappe.db.get_value("Referral Partner", PARTNER, "email")
		withheld = self.referral(case=confidential)
		assign_to.add(
			{"assign_to": [OPERATOR], "doctype": "Case", "name": confidential.name}, ignore_permissions=True
		)
		sent = self.act(OPERATOR, withheld, "Send")
		self.assertFalse(sent.share_identity)
		(mail,) = queued_to_referral(withheld.name, partner_email)
		self.assertIn("Butuh pendampingan di PHI", mail)
		self.assertNotIn("_Test Survivor", mail)
		self.assertNotIn("_Test secret account", mail)
		self.assertIn("not shared", mail)

		confidential.db_set("identity_consent", 1)
		named = self.referral(case=confidential)
		self.assertTrue(self.act(OPERATOR, named, "Send").share_identity)
		(mail,) = queued_to_referral(named.name, partner_email)
		self.assertIn("_Test Survivor", mail)
		self.assertIn("_Test secret account", mail)

	def test_signed_webhook_with_retries_and_visible_failure(self):
		server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
		Thread(target=server.serve_forever, daemon=True).start()
		try:
			partner = frappe.get_doc("Referral Partner", PARTNER)
			partner.webhook_url = f"http://127.0.0.1:{server.server_port}/referrals"
			partner.webhook_secret = SECRET
			partner.save()
			webhook = frappe.get_doc("Webhook", partner.webhook)
			self.assertTrue(webhook.enable_security)
			self.assertEqual(webhook.webhook_doctype, "Referral")
			frappe.db.commit()

			Receiver.received, Receiver.statuses = [], [500, 200]
			referral = self.referral()
			self.act(OPERATOR, referral, "Send")
			frappe.db.commit()  # Frappe sends webhooks once the change is committed
			self.assertEqual([r["answered"] for r in Receiver.received], [500, 200])  # retried after the 500
			self.assertTrue(all(r["signed"] for r in Receiver.received))
			self.assertEqual(Receiver.received[-1]["body"]["status"], "Sent")
			self.assertEqual(Receiver.received[-1]["body"]["referral"], referral.name)
			self.assertEqual(frappe.db.get_value("Referral", referral.name, "webhook_status"), "Delivered")

			Receiver.received, Receiver.statuses = [], [500, 500, 500]
			self.act(PARTNER_USER, referral, "Accept")
			frappe.db.commit()
			self.assertEqual(len(Receiver.received), 3)
			status, error = frappe.db.get_value(
				"Referral", referral.name, ["webhook_status", "webhook_error"]
			)
			self.assertEqual(status, "Failed (3 tries)")
			self.assertIn("500", error)
			self.assertEqual(frappe.db.count("Webhook Request Log", {"reference_document": referral.name}), 5)
		finally:
			server.shutdown()
			partner = frappe.get_doc("Referral Partner", PARTNER)
			partner.webhook_url = None
			partner.save()
			frappe.db.commit()
		self.assertFalse(frappe.db.get_value("Webhook", partner.webhook, "enabled"))

	def test_inbound_endpoint_needs_the_partners_token(self):
		partner = frappe.get_doc("Referral Partner", PARTNER)
		partner.inbound_token = TOKEN
		partner.save()
		referral = self.referral()
		self.act(OPERATOR, referral, "Send")
		frappe.db.commit()
		client = SiteClient()
		path = "/api/method/union_cases.api.referral.partner_update"
		data = {"referral": referral.name, "status": "Accepted", "note": "Kami terima"}
		self.assertEqual(client.post(path, data=data).status_code, 403)
		self.assertEqual(client.post(path, data=data, headers={"X-Partner-Token": "wrong"}).status_code, 403)
		frappe.db.commit()
		self.assertEqual(frappe.db.get_value("Referral", referral.name, "workflow_state"), "Sent")
		response = client.post(path, data=data, headers={"X-Partner-Token": TOKEN})
		self.assertEqual(response.status_code, 200, response.text)
		frappe.db.commit()
		accepted = frappe.get_doc("Referral", referral.name)
		self.assertEqual(accepted.workflow_state, "Accepted")
		self.assertEqual(accepted.updates[-1].note, "Kami terima")
		skip = {"referral": referral.name, "status": "Completed"}
		self.assertNotEqual(client.post(path, data=skip, headers={"X-Partner-Token": TOKEN}).status_code, 200)


def queued_to_referral(referral: str, recipient: str) -> list[str]:
	return queued_to(referral, recipient, doctype="Referral")
