"""Data-protection requests (UU PDP 27/2022) through Frappe's Personal Data Download and Deletion Requests:
the member is found by the user and by the email on the member record, everything the app holds about
them is in the download (and nothing internal), and the deletion anonymises all of it, keeping the counts.
"""

import base64
import json

import frappe

from union_cases.membership.personal_data import get_user_data
from union_cases.tests.utils import UnionTestCase, make_case, make_member, make_user, unused_nik

NAME = "_PDP Sari Wulandari"
SECRET_KEY = "_pdp-tracking-key-0123456789abcdef"
PARTNER = "_PDP Partner"
# a 1x1 PNG (Frappe re-encodes images to strip their EXIF data)
PNG = base64.b64decode(
	"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


def attach(doctype: str, name: str, file_name: str, content: bytes, field: str | None = None):
	return frappe.get_doc(
		{
			"doctype": "File",
			"file_name": file_name,
			"content": content,
			"is_private": 1,
			"attached_to_doctype": doctype,
			"attached_to_name": name,
			"attached_to_field": field,
		}
	).insert(ignore_permissions=True)


def nik_nobody_applied_with(member) -> str:
	"""A NIK no member has and no application uses (an earlier run's mails may have committed some)."""
	while True:
		nik = unused_nik(member.date_of_birth, member.gender == "Female")
		if not frappe.db.exists("Membership Application", {"nik": nik}):
			return nik


class TestPersonalDataRequests(UnionTestCase):
	def test_download_holds_the_members_records_only(self):
		user = make_user(f"_pdp_member_{frappe.generate_hash(length=6)}@example.com", "Union Member")
		mine = make_member(full_name="_PDP Mine", user=user.name, email=user.name)
		other = make_member(full_name="_PDP Other", email="_pdp_other@example.com")
		case = make_case(mine, title="_PDP case")
		data = json.loads(get_user_data(user.name))
		self.assertEqual([row["name"] for row in data["Member"]], [mine.name])
		self.assertEqual([row["name"] for row in data["Case"]], [case.name])
		self.assertNotIn(other.name, json.dumps(data))
		self.assertEqual(data["Member"][0]["nik"], mine.nik)

	def test_deletion_anonymises_and_keeps_the_counts(self):
		user = make_user(f"_pdp_leaver_{frappe.generate_hash(length=6)}@example.com", "Union Member")
		member = make_member(full_name="_PDP Leaver", user=user.name, email=user.name)
		case = make_case(member, title="_PDP leaver case", category="Unpaid Overtime")
		counts = frappe.db.count("Member"), frappe.db.count("Case")
		nik = member.nik
		request = frappe.get_doc({"doctype": "Personal Data Deletion Request", "email": user.name}).insert(
			ignore_permissions=True
		)
		request._anonymize_data()
		member.reload()
		self.assertEqual(member.full_name, "[REDACTED]")
		self.assertNotEqual(member.nik, nik)
		self.assertNotIn("_PDP", json.dumps(frappe.get_doc("Member", member.name).as_dict(), default=str))
		self.assertEqual((frappe.db.count("Member"), frappe.db.count("Case")), counts)
		case.reload()
		self.assertEqual((case.category, case.workflow_state), ("Unpaid Overtime", "New"))
		self.assertEqual(case.complainant_name, "[REDACTED]")
		member.status = "Resigned"
		member.save()  # an anonymised record can still be closed

	# ---------------------------------------------------------------- a member with everything

	def make_member_with_everything(self, email: str):
		"""A member (portal user or not, as the caller makes them) with a photo, a membership application
		with its ID-card photo, a change request, a case with health details, a rating comment, evidence
		and a tracking key, a referral of that case with its summary and an update, and a place as
		co-complainant on a colleague's case. The colleague's own records must stay as they are."""
		member = make_member(full_name=NAME, email=email)
		photo = attach("Member", member.name, "_pdp_photo.png", PNG, "photo")
		member.db_set("photo", photo.file_url)
		member.reload()
		member.address = (
			"_PDP Jalan Melati 3"  # a change, and a Version to forget (tests skip them unless told)
		)
		member.save(ignore_version=False)

		application = frappe.get_doc(
			{
				**{
					k: v
					for k, v in member.as_dict().items()
					if k in ("gender", "date_of_birth", "local_union")
				},
				"doctype": "Membership Application",
				"full_name": NAME,
				"nik": nik_nobody_applied_with(member),
				"mobile_no": "0812-1111-2222",
				"email": email,
				"consent_personal_data": 1,
				"member": member.name,
			}
		).insert(ignore_permissions=True)
		application.db_set("workflow_state", "Approved")  # the application the member came from
		id_card = attach("Membership Application", application.name, "_pdp_ktp.png", PNG, "id_card_photo")
		application.db_set("id_card_photo", id_card.file_url)

		change = frappe.get_doc(
			{
				"doctype": "Member Change Request",
				"member": member.name,
				"address": "_PDP Jalan Mawar 9",
				"note": f"{NAME} pindah rumah",
			}
		).insert(ignore_permissions=True)

		case = make_case(
			member,
			title=f"Upah {NAME} tidak dibayar",
			health_details="_PDP sakit punggung sejak 2025",
			description="<p>_PDP kronologi</p>",
		)
		evidence = attach("Case", case.name, "_pdp_slip.txt", b"_PDP slip gaji")
		case.append("evidence", {"description": "_PDP slip gaji Mei", "file": evidence.file_url})
		case.save()
		frappe.db.set_value(
			"Case",
			case.name,
			{
				"handling_rating": 0.8,
				"rating_comment": "_PDP pendampingan sangat membantu",
				"tracking_key": SECRET_KEY,
				"_assign": '["_pdp_staff@example.com"]',
				"_comments": '[{"comment": "_PDP internal note"}]',
				"_liked_by": '["_pdp_staff@example.com"]',
				"_user_tags": ",_pdp-tag",
			},
		)

		if not frappe.db.exists("Referral Partner", PARTNER):
			frappe.get_doc(
				{"doctype": "Referral Partner", "partner_name": PARTNER, "partner_type": "Legal Aid"}
			).insert()
		referral = frappe.get_doc(
			{"doctype": "Referral", "case": case.name, "partner": PARTNER, "reason": "_PDP butuh advokat"}
		).insert()
		referral.append("updates", {"note": f"{NAME} datang ke kantor kami"})
		referral.save()
		referral.db_set("case_summary", f"<p>{NAME}, _PDP upah tidak dibayar</p>")

		colleague = make_member(full_name="_PDP Colleague Budi", email="_pdp_colleague@example.com")
		shared = make_case(
			colleague,
			title="_PDP colleague case",
			description="<p>_PDP colleague account</p>",
			members=[{"member": member.name, "note": f"{NAME} juga korban"}],
		)
		return frappe._dict(
			member=member,
			photo=photo,
			application=application,
			id_card=id_card,
			change=change,
			case=case,
			evidence=evidence,
			referral=frappe.get_doc("Referral", referral.name),
			colleague=colleague,
			shared=shared,
		)

	def test_download_through_the_request_holds_everything_and_nothing_internal(self):
		"""A website user whose member record has no portal user linked: found by the email on the
		member. The file Frappe mails holds every record, the files' content, and no internal column."""
		email = f"_pdp_full_{frappe.generate_hash(length=6)}@example.com"
		user = make_user(email, "Union Member")
		made = self.make_member_with_everything(email)
		self.assertFalse(made.member.user)
		request = frappe.get_doc({"doctype": "Personal Data Download Request", "user": user.name}).insert(
			ignore_permissions=True
		)
		(file,) = frappe.get_all(
			"File",
			filters={
				"attached_to_doctype": "Personal Data Download Request",
				"attached_to_name": request.name,
			},
			pluck="name",
		)
		text = frappe.get_doc("File", file).get_content()
		text = text.decode() if isinstance(text, bytes) else text
		data = json.loads(text)

		def names(doctype):
			return [row["name"] for row in data.get(doctype, [])]

		self.assertEqual(names("Member"), [made.member.name])
		self.assertEqual(names("Membership Application"), [made.application.name])
		self.assertEqual(names("Member Change Request"), [made.change.name])
		self.assertEqual(names("Case"), [made.case.name])  # their own case, not the colleague's
		case = data["Case"][0]
		self.assertEqual(case["health_details"], "_PDP sakit punggung sejak 2025")
		self.assertEqual(case["rating_comment"], "_PDP pendampingan sangat membantu")
		self.assertEqual([row["description"] for row in data["Case Evidence"]], ["_PDP slip gaji Mei"])
		self.assertEqual([row["parent"] for row in data["Case Member"]], [made.shared.name])
		self.assertEqual(names("Referral"), [made.referral.name])
		self.assertIn(NAME, data["Referral"][0]["case_summary"])
		self.assertIn("datang ke kantor kami", data["Referral Update"][0]["note"])
		self.assertIn("pindah rumah", data["Member Change Request"][0]["note"])
		files = {row["name"]: row for row in data["File"]}
		for made_file in (made.photo, made.id_card, made.evidence):
			stored = frappe.get_doc("File", made_file.name).get_content()
			stored = stored.encode() if isinstance(stored, str) else stored
			self.assertEqual(base64.b64decode(files[made_file.name]["content_base64"]), stored)
		self.assertEqual(base64.b64decode(files[made.evidence.name]["content_base64"]), b"_PDP slip gaji")
		for doctype, rows in data.items():
			for row in rows:
				internal = [key for key in row if key.startswith("_") or key == "tracking_key"]
				self.assertEqual(internal, [], f"{doctype} {row.get('name')}")
		for hidden in (SECRET_KEY, "_PDP internal note", "_pdp-tag", "_pdp_staff@example.com"):
			self.assertNotIn(hidden, text)
		for others in (made.colleague.name, "_PDP Colleague Budi", "_PDP colleague account"):
			self.assertNotIn(others, text)

	def test_deletion_of_a_member_without_a_portal_user(self):
		"""Frappe's request, approved and carried out, for an email that has no user account: the member
		and everything hanging off them is anonymised, their files are gone, the records stay."""
		email = f"_pdp_nouser_{frappe.generate_hash(length=6)}@example.com"
		made = self.make_member_with_everything(email)
		self.assertFalse(frappe.db.exists("User", email))
		doctypes = ("Member", "Membership Application", "Member Change Request", "Case", "Referral")
		counts = {doctype: frappe.db.count(doctype) for doctype in doctypes}
		self.assertTrue(frappe.db.exists("Version", {"ref_doctype": "Member", "docname": made.member.name}))
		request = frappe.get_doc({"doctype": "Personal Data Deletion Request", "email": email}).insert(
			ignore_permissions=True
		)
		request.db_set("status", "Pending Approval")
		request.reload()
		request.trigger_data_deletion()  # as a System Manager approves it in the desk

		self.assertEqual(
			frappe.db.get_value("Personal Data Deletion Request", request.name, "status"), "Deleted"
		)
		self.assertEqual({doctype: frappe.db.count(doctype) for doctype in doctypes}, counts)
		member = frappe.get_doc("Member", made.member.name)
		self.assertEqual((member.full_name, member.address, member.photo), ("[REDACTED]", "[REDACTED]", None))
		self.assertNotEqual(member.email, email)
		self.assertNotEqual(member.nik, made.member.nik)
		case = frappe.get_doc("Case", made.case.name)
		self.assertEqual(case.health_details, "[REDACTED]")
		self.assertEqual(case.rating_comment, "[REDACTED]")
		self.assertEqual(case.complainant_name, "[REDACTED]")
		self.assertEqual([(row.description, row.file) for row in case.evidence], [("[REDACTED]", None)])
		self.assertEqual(case.category, made.case.category)
		self.assertEqual(case.title, "Upah [REDACTED] tidak dibayar")
		application = frappe.get_doc("Membership Application", made.application.name)
		self.assertEqual((application.full_name, application.id_card_photo), ("[REDACTED]", None))
		change = frappe.get_doc("Member Change Request", made.change.name)
		self.assertEqual((change.address, change.note), ("[REDACTED]", "[REDACTED]"))
		referral = frappe.get_doc("Referral", made.referral.name)
		self.assertEqual(referral.case_summary, "[REDACTED]")
		self.assertEqual(referral.updates[0].note, "[REDACTED] datang ke kantor kami")
		shared = frappe.get_doc("Case", made.shared.name)
		self.assertEqual(shared.members[0].member_name, "[REDACTED]")
		for file in (made.photo, made.id_card, made.evidence):
			self.assertFalse(frappe.db.exists("File", file.name), file.file_name)
		for doctype, name in (
			("Member", member.name),
			("Membership Application", application.name),
			("Member Change Request", change.name),
			("Case", case.name),
			("Referral", referral.name),
		):
			self.assertFalse(frappe.db.exists("Version", {"ref_doctype": doctype, "docname": name}), doctype)
			self.assertNotIn(NAME, json.dumps(frappe.get_doc(doctype, name).as_dict(), default=str), doctype)
		# the colleague's own records are theirs and stay
		self.assertEqual(
			frappe.db.get_value("Member", made.colleague.name, "full_name"), "_PDP Colleague Budi"
		)
		self.assertIn("_PDP colleague account", shared.description)
