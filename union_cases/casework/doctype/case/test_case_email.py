"""Mail in: a known member's mail opens a case, a reply lands on its case; notifications go out in the
member's language; the shipped email templates render."""

import frappe
from frappe.email.receive import InboundMail
from frappe.model.workflow import apply_workflow

from union_cases.tests.utils import (
	ADVISOR,
	OPERATOR,
	UnionTestCase,
	make_case,
	make_inbox,
	make_member,
	make_staff,
	queued_to,
)

ACCOUNT = "_Test Union Cases Inbox"


def raw_mail(sender: str, subject: str, body: str, message_id: str, in_reply_to: str | None = None) -> bytes:
	headers = [
		f"From: {sender}",
		"To: pengaduan@example.com",
		f"Subject: {subject}",
		f"Message-ID: <{message_id}@example.com>",
		"Date: Mon, 23 Nov 2026 09:00:00 +0700",
		"MIME-Version: 1.0",
		"Content-Type: text/plain; charset=utf-8",
	]
	if in_reply_to:
		headers.append(f"In-Reply-To: <{in_reply_to}>")
	return ("\r\n".join(headers) + "\r\n\r\n" + body).encode()


class TestCaseEmail(UnionTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_staff()
		make_inbox(ACCOUNT, "pengaduan@example.com")
		cls.member = make_member(full_name="_Test Mail Member", email="_test.mail.member@example.com")
		frappe.db.commit()

	def receive(self, raw: bytes):
		account = frappe.get_doc("Email Account", ACCOUNT)
		return InboundMail(raw, account).process()

	def test_mail_from_a_member_opens_a_case_and_replies_thread(self):
		first = self.receive(
			raw_mail(
				"_test.mail.member@example.com",
				"Upah lembur tidak dibayar",
				"Sudah tiga bulan lembur saya tidak dibayar.",
				"first-1",
			)
		)
		self.assertEqual(first.reference_doctype, "Case")
		case = frappe.get_doc("Case", first.reference_name)
		self.assertEqual(case.complainant, self.member.name)
		self.assertEqual(case.local_union, "_Test Local Union")
		self.assertEqual(case.workflow_state, "New")
		self.assertEqual(case.title, "Upah lembur tidak dibayar")
		self.assertIn("tiga bulan lembur", case.description)

		reply = self.receive(
			raw_mail(
				"_test.mail.member@example.com",
				f"Re: Upah lembur tidak dibayar (#{case.name})",
				"Ini slip gajinya.",
				"reply-1",
				in_reply_to="first-1@example.com",
			)
		)
		self.assertEqual((reply.reference_doctype, reply.reference_name), ("Case", case.name))
		self.assertEqual(frappe.db.count("Case", {"raised_by": "_test.mail.member@example.com"}), 1)
		timeline = frappe.get_all(
			"Communication", filters={"reference_doctype": "Case", "reference_name": case.name}
		)
		self.assertEqual(len(timeline), 2)

	def test_mail_from_a_stranger_is_a_non_member_case(self):
		comm = self.receive(
			raw_mail(
				"_test.stranger@example.com",
				"Saya di-PHK tanpa pesangon",
				"Saya bukan anggota, tolong bantu.",
				"stranger-1",
			)
		)
		case = frappe.get_doc("Case", comm.reference_name)
		self.assertTrue(case.is_non_member)
		self.assertFalse(case.complainant)

	def test_notifications_in_the_members_language(self):
		for language, expected, unexpected in (
			("en", "case accepted", "diterima"),
			("id", "kasus diterima", "accepted"),
		):
			with self.subTest(language=language):
				member = make_member(
					full_name=f"_Test Notified {language}",
					email=f"_test.notified.{language}@example.com",
					language=language,
				)
				case = make_case(member, handler=ADVISOR)
				for row in case.verification_checks:
					row.done = 1
				case.save()
				case.db_set("workflow_state", "Under Verification")
				frappe.set_user(OPERATOR)
				apply_workflow(case.as_dict(), "Accept")
				frappe.set_user("Administrator")
				texts = queued_to(case.name, member.email)
				self.assertEqual(len(texts), 1)
				self.assertIn(expected, texts[0])
				self.assertNotIn(unexpected, texts[0])

	def test_rejection_notice_gives_the_reason(self):
		member = make_member(full_name="_Test Rejected", email="_test.rejected@example.com", language="id")
		case = make_case(member)
		case.db_set(
			{
				"workflow_state": "Under Verification",
				"rejection_reason": "Bukan anggota pada tanggal kejadian",
			}
		)
		frappe.set_user(OPERATOR)
		apply_workflow(case.as_dict(), "Reject")
		frappe.set_user("Administrator")
		(text,) = queued_to(case.name, member.email)
		self.assertIn("Bukan anggota pada tanggal kejadian", text)

	def test_email_templates_render_in_both_languages(self):
		case = make_case(self.member, confidential=1)
		for name in frappe.get_all(
			"Email Template", filters={"name": ("like", "%(Indonesian)")}, pluck="name"
		) + frappe.get_all("Email Template", filters={"name": ("like", "%(English)")}, pluck="name"):
			with self.subTest(template=name):
				template = frappe.get_doc("Email Template", name)
				rendered = template.get_formatted_email(case.as_dict())
				self.assertIn(case.name, rendered["subject"] + rendered["message"])
				if name.startswith("Invitation"):
					self.assertNotIn(
						"_Test Mail Member", rendered["message"]
					)  # confidential: no name to the employer
		self.assertEqual(len(frappe.get_all("Email Template", filters={"name": ("like", "%(English)")})), 4)

	def test_every_notification_renders_in_both_languages(self):
		case = make_case(
			self.member,
			handler=ADVISOR,
			resolution_type="Court Judgment",
			amount_recovered=12_500_000,
			rejection_reason="_Test reason",
			stages=[{"stage": "Mediation", "stage_status": "Ongoing", "start_date": "2030-12-20"}],
		)
		for name in ("Case Accepted", "Case Rejected", "Case Stage Changed", "Case Resolved"):
			notification = frappe.get_doc("Notification", name)
			for language in ("en", "id"):
				with self.subTest(notification=name, language=language):
					case.complainant_language = language
					context = {"doc": case, "alert": notification, "comments": None}
					subject = frappe.render_template(notification.subject, context)
					message = frappe.render_template(notification.get_template(), context)
					self.assertIn(case.name, subject + message)
					self.assertIn("Dear" if language == "en" else "Yth.", message)
		# the stage change goes out when a stage gets under way
		member = make_member(full_name="_Test Stage Notice", email="_test.stage@example.com", language="id")
		case = make_case(member, stages=[{"stage": "Bipartite", "stage_status": "Planned"}])
		case.stages[0].update({"stage_status": "Ongoing", "start_date": "2030-12-20"})
		case.save()
		(text,) = queued_to(case.name, member.email)
		self.assertIn("Bipartit", text)
