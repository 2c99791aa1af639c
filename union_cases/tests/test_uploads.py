"""Uploads are checked for what they contain, on every path a file reaches a union record, over real HTTP.

Before: a program renamed `bukti.pdf` reached Frappe's PDF parser (pypdf PdfStreamError, HTTP 500), one
renamed `bukti.jpg` its image library (PIL UnidentifiedImageError, HTTP 500), and an empty file failed
with "File does not exist" (500); an HTML page renamed `.png` or a truncated picture was stored.
"""

import base64
import io
import json
import os
import zipfile

import frappe
from frappe.installer import update_site_config
from PIL import Image
from pypdf import PdfWriter

from union_cases.casework.doctype.referral.test_referral import make_partner
from union_cases.tests.http import SiteClient
from union_cases.tests.test_portal import application_data, clear_limits, send_application
from union_cases.tests.utils import UnionTestCase, make_case, make_portal_people, retire_staff

PASSWORD = "_Uploads-Pass-2026!"
OPERATOR = "_uploads_operator@example.com"
MEMBER = "_uploads_member@example.com"
# each test's complaints carry a title of their own (cases are not deleted: Frappe would hand the
# same name to a later case, with this one's mails)
TITLE = "_Uploads complaint"
INDONESIAN = "id"
PROGRAM_MESSAGE = "{0} is a program, not a document or a picture, and cannot be accepted."


def png(size: int = 8) -> bytes:
	out = io.BytesIO()
	Image.new("RGB", (size, size), (200, 30, 30)).save(out, "PNG")
	return out.getvalue()


def jpeg() -> bytes:
	out = io.BytesIO()
	Image.new("RGB", (32, 32), (30, 30, 200)).save(out, "JPEG")
	return out.getvalue()


def pdf(script: bool = False) -> bytes:
	writer = PdfWriter()
	writer.add_blank_page(72, 72)
	if script:
		writer.add_js("app.alert('x');")
	out = io.BytesIO()
	writer.write(out)
	return out.getvalue()


def archive(**members: bytes) -> bytes:
	out = io.BytesIO()
	with zipfile.ZipFile(out, "w") as z:
		for name, content in members.items():
			z.writestr(name.replace("__", "/"), content)
	return out.getvalue()


def docx() -> bytes:
	return archive(**{"[Content_Types].xml": b"<Types/>", "word__document.xml": b"<w:document/>"})


ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 8 + b"\x02\x00\x3e\x00" + b"\x00" * 200
PE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200 + b"PE\x00\x00"
HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"

# name, content, what the sender is told
REFUSED = (
	("bukti.pdf", ELF, "is a program"),
	("bukti.jpg", PE, "is a program"),
	("catatan.txt", ELF, "is a program"),
	("bukti.pdf", archive(a=b"x"), "not a PDF file"),
	("surat.docx", archive(a=b"x"), "not a DOCX file"),
	("foto.png", HTML, "not a PNG file"),
	("foto.jpg", png(), "not a JPG file"),
	("foto.png", png(64)[:60], "damaged or incomplete"),
	("foto.jpg", jpeg()[: len(jpeg()) // 2], "damaged or incomplete"),
	("surat.pdf", pdf()[:120], "damaged or incomplete"),
	("surat.pdf", pdf(script=True), "contains scripts"),
	("catatan.txt", b"\x00\x01\x02binary", "not a TXT file"),
	("kosong.pdf", b"", "is empty"),
)
ACCEPTED = (
	("foto.png", png()),
	("foto.jpg", jpeg()),
	("surat.pdf", pdf()),
	("surat.docx", docx()),
	("catatan.txt", b"Rekap lembur: 20 jam, gaji < UMK"),
)


def private_files() -> set[str]:
	return set(os.listdir(frappe.get_site_path("private", "files")))


def messages(response) -> str:
	body = response.json
	shown = (
		[*((body.get("message") or {}).get("errors") or {}).values()]
		if isinstance(body.get("message"), dict)
		else []
	)
	shown += (body.get("field_errors") or {}).values()
	shown += [json.loads(m).get("message", "") for m in json.loads(body.get("_server_messages") or "[]")]
	return " ".join(shown)


class TestUploads(UnionTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.member = make_portal_people(OPERATOR, MEMBER, PASSWORD, "_Uploads Member")

	@classmethod
	def tearDownClass(cls):
		retire_staff(OPERATOR)
		super().tearDownClass()

	def setUp(self):
		clear_limits()
		self.title = f"{TITLE} {frappe.generate_hash(length=8)}"

	def assert_nothing_saved(self, files_before: set, disk_before: set):
		frappe.db.rollback()
		self.assertFalse(frappe.db.exists("Case", {"title": self.title}), "no case without its files")
		self.assertEqual(set(frappe.get_all("File", pluck="name")), files_before, "no orphan File")
		self.assertEqual(private_files(), disk_before, "nothing left on disk")

	def complaint(self, client, files, **data):
		return client.post(
			"/api/method/union_cases.api.portal.submit_complaint",
			data={
				"title": self.title,
				"description": "Bukti terlampir.",
				"contact_name": "Pekerja Uji",
				"email": "_uploads_worker@example.com",
				**data,
				"files": [(io.BytesIO(content), name) for name, content in files],
			},
			content_type="multipart/form-data",
		)

	def test_the_complaint_form_refuses_what_is_not_what_its_name_says(self):
		guest = SiteClient()
		files_before, disk_before = set(frappe.get_all("File", pluck="name")), private_files()
		for name, content, told in REFUSED:
			with self.subTest(name=name, told=told):
				clear_limits()
				# a good file beside the bad one: neither is kept, and no case is opened
				response = self.complaint(guest, [("ok.png", png()), (name, content)])
				self.assertEqual(response.status_code, 417, response.text[:300])
				self.assertIn(told, response.json["message"]["errors"]["files"])
				self.assertNotIn("Traceback", response.text)
		self.assert_nothing_saved(files_before, disk_before)

	def test_the_complaint_form_accepts_real_documents(self):
		response = self.complaint(SiteClient(), ACCEPTED)
		self.assertEqual(response.status_code, 200, response.text[:300])
		frappe.db.rollback()
		case = frappe.get_doc("Case", response.json["message"]["name"])
		self.assertEqual(len(case.evidence), len(ACCEPTED))
		stored = frappe.get_all(
			"File", filters={"attached_to_name": case.name}, fields=["file_name", "is_private"]
		)
		# Frappe adds a suffix to a name already on disk: compare the kinds
		kinds = sorted(os.path.splitext(f.file_name)[1] for f in stored)
		self.assertEqual(kinds, sorted(os.path.splitext(n)[1] for n, _c in ACCEPTED))
		self.assertTrue(all(f.is_private for f in stored))

	def test_too_many_or_too_large_files(self):
		update_site_config("union_cases_max_upload_mb", 1)
		try:
			big = self.complaint(SiteClient(), [("besar.txt", b"0" * (1024 * 1024 + 1))])
		finally:
			update_site_config("union_cases_max_upload_mb", "None")
		self.assertEqual(big.status_code, 417)
		self.assertIn("larger than 1 MB", big.json["message"]["errors"]["files"])
		clear_limits()
		many = self.complaint(SiteClient(), [(f"{n}.txt", b"catatan") for n in range(6)])
		self.assertEqual(many.status_code, 417)
		self.assertIn("at most 5 files", many.json["message"]["errors"]["files"])
		frappe.db.rollback()
		self.assertFalse(frappe.db.exists("Case", {"title": self.title}))

	def test_the_refusal_is_translated(self):
		response = SiteClient().post(
			"/api/method/union_cases.api.portal.submit_complaint",
			data={
				"title": self.title,
				"description": "x",
				"contact_name": "Pekerja",
				"email": "_uploads_worker@example.com",
				"files": [(io.BytesIO(ELF), "bukti.pdf")],
			},
			content_type="multipart/form-data",
			headers={"Accept-Language": "id"},
		)
		self.assertEqual(response.status_code, 417)
		expected = frappe._(PROGRAM_MESSAGE, lang=INDONESIAN).format("bukti.pdf")
		self.assertNotIn("is a program", expected, "the message has an Indonesian translation")
		self.assertEqual(response.json["message"]["errors"]["files"], expected)

	def test_a_members_reply_keeps_nothing_of_a_refused_upload(self):
		case = make_case(frappe.get_doc("Member", self.member), title="_Uploads member case")
		frappe.db.commit()
		client = SiteClient(MEMBER, PASSWORD)
		files_before, disk_before = set(frappe.get_all("File", pluck="name")), private_files()
		for name, content, told in REFUSED:
			with self.subTest(name=name):
				response = client.post(
					"/api/method/union_cases.api.portal.reply",
					data={
						"case": case.name,
						"message": "Ini buktinya.",
						"files": [(io.BytesIO(png()), "ok.png"), (io.BytesIO(content), name)],
					},
					content_type="multipart/form-data",
				)
				self.assertEqual(response.status_code, 417, response.text[:300])
				self.assertIn(told, response.json["message"]["errors"]["files"])
		self.assert_nothing_saved(files_before, disk_before)
		self.assertFalse(
			frappe.db.exists("Communication", {"reference_name": case.name, "sent_or_received": "Received"})
		)

	def test_the_id_card_photo_of_the_membership_form(self):
		files_before, disk_before = set(frappe.get_all("File", pluck="name")), private_files()
		photos = (
			("image/png", HTML, "not a PNG file"),
			("image/jpeg", ELF, "is a program"),
			("image/png", png(64)[:60], "damaged or incomplete"),
			("image/png", jpeg(), "not a PNG file"),
			("image/png", b"", "JPG or PNG"),
			("image/svg+xml", b"<svg onload='alert(1)'/>", "JPG or PNG"),
		)
		for mimetype, content, told in photos:
			with self.subTest(mimetype=mimetype, told=told):
				clear_limits()
				encoded = base64.b64encode(content).decode()
				response = send_application(
					SiteClient(),
					application_data(id_card_photo_upload=f"ktp.png,data:{mimetype};base64,{encoded}"),
				)
				self.assertEqual(response.status_code, 417, response.text[:300])
				self.assertIn(told, response.json["field_errors"]["id_card_photo_upload"])
		frappe.db.rollback()
		self.assertFalse(
			frappe.db.exists("Membership Application", {"email": "_portal_applicant@example.com"})
		)
		self.assertEqual(set(frappe.get_all("File", pluck="name")), files_before)
		self.assertEqual(private_files(), disk_before)

	def test_desk_uploads_to_union_records(self):
		case = make_case(frappe.get_doc("Member", self.member), title="_Uploads desk case")
		referral = frappe.get_doc(
			{"doctype": "Referral", "case": case.name, "partner": make_partner().name, "reason": "x"}
		).insert()
		frappe.db.delete("Membership Application", {"email": "_uploads_applicant@example.com"})
		application = frappe.get_doc(
			{"doctype": "Membership Application", **application_data(email="_uploads_applicant@example.com")}
		).insert(ignore_permissions=True)
		frappe.db.commit()
		records = (
			("Case", case.name),
			("Member", self.member),
			("Referral", referral.name),
			("Membership Application", application.name),
		)
		desk = SiteClient(OPERATOR, PASSWORD)
		files_before, disk_before = set(frappe.get_all("File", pluck="name")), private_files()
		for doctype, name in records:
			for filename, content, told in REFUSED:
				with self.subTest(doctype=doctype, file=filename, told=told):
					response = desk.post(
						"/api/method/upload_file",
						data={
							"doctype": doctype,
							"docname": name,
							"is_private": "1",
							"file": (io.BytesIO(content), filename),
						},
						content_type="multipart/form-data",
					)
					self.assertEqual(response.status_code, 417, response.text[:300])
					self.assertIn(told, messages(response))
		frappe.db.rollback()
		self.assertEqual(set(frappe.get_all("File", pluck="name")), files_before)
		self.assertEqual(private_files(), disk_before)
		for doctype, name in records:
			with self.subTest(doctype=doctype, file="a real PDF"):
				good = desk.post(
					"/api/method/upload_file",
					data={"doctype": doctype, "docname": name, "file": (io.BytesIO(pdf()), "surat.pdf")},
					content_type="multipart/form-data",
				)
				self.assertEqual(good.status_code, 200, good.text[:300])
				self.assertTrue(good.json["message"]["file_url"].startswith("/private/files/"))

	def test_any_upload_frappe_would_parse_gets_a_message_not_a_server_error(self):
		"""A renamed program as PDF or JPEG to the file manager (no union record): Frappe's parsers
		answered 500; now a message. Other kinds there are Frappe's business."""
		desk = SiteClient(OPERATOR, PASSWORD)
		for filename, content, told in (
			("bukti.pdf", ELF, "is a program"),
			("bukti.jpg", PE, "is a program"),
			("bukti.pdf", b"", "is empty"),
		):
			with self.subTest(filename):
				response = desk.post(
					"/api/method/upload_file",
					data={"is_private": "1", "folder": "Home", "file": (io.BytesIO(content), filename)},
					content_type="multipart/form-data",
				)
				self.assertEqual(response.status_code, 417, response.text[:300])
				self.assertIn(told, messages(response))
