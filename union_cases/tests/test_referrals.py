"""Referrals: workflow by role, the partner's isolation, the email to the partner, the signed webhook
(against a real HTTP server on 127.0.0.1) and the partner system's inbound endpoint.

The webhook posts only to public addresses. The tests' receiver listens on 127.0.0.1, so the tests
that deliver to it allow that one address with the same site-config switch a union uses for its own
intranet (`union_cases_webhook_allowed_networks`, README), for their own duration; the refusals are
tested without it.
"""

import base64
import datetime
import hashlib
import hmac
import json
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from threading import Thread

import frappe
from frappe.desk.form import assign_to
from frappe.model.workflow import WorkflowPermissionError, WorkflowTransitionError, apply_workflow
from frappe.utils.password import update_password

from union_cases.casework.referrals.webhooks import ALLOWED_NETWORKS_KEY, BODY_FIELDS, webhook_url_problem
from union_cases.demo.generate import grant
from union_cases.exceptions import UnsafeWebhookURLError
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
PARTNER_UPDATE = "/api/method/union_cases.api.referral.partner_update"
# what a partner's system receives must stay JSON with exactly the body's keys, whatever staff type
AWKWARD = 'Upah "lembur" }, "status": "Completed", "extra": {"x": [1]} \\ \'tebal\'\n\tbaris dua {{ 7*7 }}'

# a webhook URL, and whether the server may post to it (no site-config allowance)
WEBHOOK_URLS = (
	("https://93.184.216.34/referrals", True),  # a public address
	("http://[2606:4700:4700::1111]:8080/hook", True),  # a public IPv6 address, another port
	("ftp://93.184.216.34/referrals", False),  # not http(s)
	("file:///etc/passwd", False),
	("gopher://93.184.216.34/", False),
	("javascript:alert(1)", False),
	("//93.184.216.34/no-scheme", False),
	("http://localhost:8000/api", False),  # a name for the loopback
	("http://127.0.0.1:8000/api", False),
	("http://127.1/", False),  # short forms of 127.0.0.1
	("http://2130706433/", False),
	("http://0x7f000001/", False),
	("http://0.0.0.0:8000/", False),
	("http://[::1]/", False),
	("http://[::ffff:127.0.0.1]/", False),  # IPv4 inside IPv6
	("http://10.0.0.5/hook", False),  # private networks
	("http://172.16.3.4/hook", False),
	("http://192.168.1.10/hook", False),
	("http://[fd00::1]/hook", False),
	("http://169.254.169.254/latest/meta-data/", False),  # cloud metadata (link-local)
	("http://100.100.100.200/latest/meta-data/", False),  # shared address space (a cloud's metadata)
	("http://224.0.0.1/", False),  # multicast
	("https://partner.invalid/hook", False),  # a name that does not resolve
	("http://93.184.216.34:99999/", False),  # no such port
)


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

	def setUp(self):
		# the endpoint allows 60 posts a minute per address: a test starts with a fresh window
		frappe.cache.delete_keys("rl:union_cases.api.referral.partner_update")

	def tearDown(self):
		frappe.set_user("Administrator")
		super().tearDown()
		# Frappe queues webhooks until the commit; a rollback leaves its queue behind in the test's one
		# long request, and a queue left behind is never posted (nor are later ones)
		frappe.local._webhook_queue = []

	def allow_local_receiver(self):
		"""Let webhooks reach 127.0.0.1 for this test only: the site-config switch for an intranet."""
		frappe.local.conf[ALLOWED_NETWORKS_KEY] = ["127.0.0.1/32"]
		self.addCleanup(frappe.local.conf.pop, ALLOWED_NETWORKS_KEY, None)

	def start_receiver(self):
		server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
		Thread(target=server.serve_forever, daemon=True).start()
		self.addCleanup(server.shutdown)
		return f"http://127.0.0.1:{server.server_port}/referrals"

	def set_partner(self, **values):
		"""Change the test partner (committed: the HTTP requests and the webhook job read it); undone after."""
		partner = frappe.get_doc("Referral Partner", PARTNER)
		before = {
			field: partner.get(field) for field in values if field not in ("webhook_secret", "inbound_token")
		}
		partner.update(values)
		partner.save()
		frappe.db.commit()

		def restore():
			frappe.db.rollback()
			partner = frappe.get_doc("Referral Partner", PARTNER)
			partner.update({"webhook_url": None, **before})
			partner.flags.ignore_permissions = True
			partner.save()
			frappe.db.commit()

		self.addCleanup(restore)
		return partner

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

	def test_a_second_open_referral_to_the_same_partner_is_pointed_out(self):
		case = make_case(self.member, title="_Test twice referred case")
		first = self.referral(case)
		frappe.clear_messages()
		second = self.referral(case)
		said = " ".join(str(m) for m in frappe.get_message_log())
		self.assertIn(first.name, said)
		self.assertNotIn(second.name, said)
		frappe.clear_messages()
		self.referral(case, partner=OTHER_PARTNER)  # another partner: nothing to say
		self.assertEqual(frappe.get_message_log(), [])
		for referral in (first, second):
			frappe.db.set_value("Referral", referral.name, "workflow_state", "Completed")
		frappe.clear_messages()
		self.referral(case)  # the earlier ones have ended
		self.assertEqual(frappe.get_message_log(), [])

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
		self.allow_local_receiver()
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

	# ---------------------------------------------------------------- the webhook's body and address

	def test_webhook_body_is_exact_json_with_its_own_event_id_and_time(self):
		"""Quotes, braces, backslashes, markup, tabs and line breaks in what staff typed stay inside their
		strings: the signed body parses to exactly the body's keys, each with the referral's value."""
		self.allow_local_receiver()
		self.set_partner(webhook_url=self.start_receiver(), webhook_secret=SECRET)
		case = make_case(self.member, title=AWKWARD)
		referral = self.referral(case=case, reason=AWKWARD)
		frappe.db.commit()
		Receiver.received, Receiver.statuses = [], []
		self.act(OPERATOR, referral, "Send")
		frappe.db.commit()
		self.act(PARTNER_USER, referral, "Accept")
		frappe.db.commit()
		self.assertEqual(len(Receiver.received), 2)
		saved = frappe.get_doc("Referral", referral.name)
		self.assertEqual(saved.webhook_status, "Delivered")
		sent, accepted = (r["body"] for r in Receiver.received)
		self.assertTrue(all(r["signed"] for r in Receiver.received))
		self.assertEqual(set(accepted), {"event", *BODY_FIELDS})
		self.assertEqual(accepted["event"], "referral.status_changed")
		self.assertEqual((sent["status"], accepted["status"]), ("Sent", "Accepted"))
		self.assertEqual(saved.reason, AWKWARD)
		self.assertEqual(accepted["reason"], AWKWARD)  # not rendered as a template either
		self.assertEqual(accepted["case_title"], saved.case_title)
		self.assertIn('"lembur" }, "status": "Completed"', accepted["case_title"])
		self.assertEqual(accepted["referral"], referral.name)
		self.assertEqual(
			(accepted["event_id"], accepted["timestamp"]), (saved.webhook_event_id, saved.webhook_event_time)
		)
		# each status change is its own event, stamped with the time it happened (UTC), for replay checks
		self.assertNotEqual(sent["event_id"], accepted["event_id"])
		uuid.UUID(accepted["event_id"])
		stamped = datetime.datetime.fromisoformat(accepted["timestamp"].replace("Z", "+00:00"))
		now = datetime.datetime.now(datetime.timezone.utc)
		self.assertLess(abs((now - stamped).total_seconds()), 120)

	def test_webhook_urls_only_to_public_addresses(self):
		for url, allowed in WEBHOOK_URLS:
			with self.subTest(url=url):
				self.assertEqual(webhook_url_problem(url) is None, allowed, webhook_url_problem(url))
		partner = frappe.get_doc("Referral Partner", PARTNER)
		partner.webhook_url = "http://169.254.169.254/latest/meta-data/"
		with self.assertRaises(UnsafeWebhookURLError) as refused:
			partner.save()
		self.assertIn("169.254.169.254", str(refused.exception))
		self.assertFalse(frappe.db.get_value("Referral Partner", PARTNER, "webhook_url"))
		# a union's intranet, allowed in site config, and nothing more
		frappe.local.conf[ALLOWED_NETWORKS_KEY] = ["10.20.0.0/16"]
		self.addCleanup(frappe.local.conf.pop, ALLOWED_NETWORKS_KEY, None)
		self.assertIsNone(webhook_url_problem("http://10.20.3.4:8080/referrals"))
		self.assertIsNotNone(webhook_url_problem("http://10.21.0.1/referrals"))
		self.assertIsNotNone(webhook_url_problem("http://127.0.0.1/referrals"))

	def test_an_address_that_turned_internal_is_not_posted_to(self):
		"""The address is checked again before each post (a name may lead elsewhere by then)."""
		self.allow_local_receiver()
		self.set_partner(webhook_url=self.start_receiver(), webhook_secret=SECRET)
		frappe.local.conf.pop(ALLOWED_NETWORKS_KEY)  # as if its name now led to the loopback
		referral = self.referral()
		Receiver.received, Receiver.statuses = [], []
		self.act(OPERATOR, referral, "Send")
		frappe.db.commit()
		self.assertEqual(Receiver.received, [])
		status, error = frappe.db.get_value("Referral", referral.name, ["webhook_status", "webhook_error"])
		self.assertEqual(status, "Not sent")
		self.assertIn("127.0.0.1", error)
		self.assertEqual(frappe.db.get_value("Referral", referral.name, "workflow_state"), "Sent")

	# ---------------------------------------------------------------- the partner system's endpoint

	def sent_referral(self):
		referral = self.referral()
		self.act(OPERATOR, referral, "Send")
		frappe.db.commit()
		return referral

	def test_partner_system_makes_only_the_partners_steps(self):
		"""Only the Referral Workflow's transitions for the Referral Partner role; never a draft's Send."""
		self.set_partner(inbound_token=TOKEN)
		client, token = SiteClient(), {"X-Partner-Token": TOKEN}
		draft = self.referral()
		frappe.db.commit()
		for status in ("Sent", "Accepted"):
			with self.subTest(draft_to=status):
				response = client.post(
					PARTNER_UPDATE, data={"referral": draft.name, "status": status}, headers=token
				)
				self.assertEqual(response.status_code, 403, response.text)  # a draft is not theirs yet
		self.assertEqual(frappe.db.get_value("Referral", draft.name, "workflow_state"), "Draft")

		referral = self.sent_referral()
		for status, code, state in (
			("Draft", 417, "Sent"),  # back to draft: the union's step, not theirs
			("Completed", 417, "Sent"),  # skipping steps
			("In Progress", 417, "Sent"),
			("Accepted", 200, "Accepted"),
			("Sent", 417, "Accepted"),
			("In Progress", 200, "In Progress"),
		):
			with self.subTest(status=status):
				response = client.post(
					PARTNER_UPDATE, data={"referral": referral.name, "status": status}, headers=token
				)
				self.assertEqual(response.status_code, code, response.text)
				frappe.db.rollback()
				self.assertEqual(frappe.db.get_value("Referral", referral.name, "workflow_state"), state)
		done = {"referral": referral.name, "status": "Completed", "outcome": "Perjanjian bersama"}
		self.assertEqual(client.post(PARTNER_UPDATE, data=done, headers=token).status_code, 200)
		frappe.db.rollback()
		self.assertEqual(frappe.db.get_value("Referral", referral.name, "workflow_state"), "Completed")

	def test_an_inactive_partner_is_refused(self):
		self.set_partner(inbound_token=TOKEN)
		referral = self.sent_referral()
		self.set_partner(is_active=0)
		response = SiteClient().post(
			PARTNER_UPDATE,
			data={"referral": referral.name, "status": "Accepted", "note": "Kami terima"},
			headers={"X-Partner-Token": TOKEN},
		)
		self.assertEqual(response.status_code, 403, response.text)
		frappe.db.rollback()
		self.assertEqual(frappe.db.get_value("Referral", referral.name, "workflow_state"), "Sent")
		self.assertEqual(frappe.get_doc("Referral", referral.name).updates, [])

	def test_odd_tokens_and_requests_get_a_clean_refusal(self):
		"""Non-ASCII, overlong or empty tokens, and requests without a usable referral: 403, never a 5xx."""
		self.set_partner(inbound_token=TOKEN)
		referral = self.sent_referral()
		client = SiteClient()
		utf8_as_sent = "tökén-€-令牌".encode().decode("latin-1")  # a UTF-8 header as the server reads it
		for token in ("tökén", utf8_as_sent, TOKEN + "é", "x" * 5000, " ", "\x00" * 3, TOKEN[:-1]):
			with self.subTest(token=token[:20]):
				response = client.post(
					PARTNER_UPDATE,
					data={"referral": referral.name, "status": "Accepted"},
					headers={"X-Partner-Token": token},
				)
				self.assertEqual(response.status_code, 403, response.text)
		for data in ({}, {"referral": ""}, {"referral": "REF-NO-SUCH"}, {"status": "Accepted"}):
			with self.subTest(data=data):
				response = client.post(PARTNER_UPDATE, data=data, headers={"X-Partner-Token": TOKEN})
				self.assertEqual(response.status_code, 403, response.text)
		frappe.db.rollback()
		self.assertEqual(frappe.db.get_value("Referral", referral.name, "workflow_state"), "Sent")


def queued_to_referral(referral: str, recipient: str) -> list[str]:
	return queued_to(referral, recipient, doctype="Referral")
