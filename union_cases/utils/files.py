"""Files attached to union records hold personal data: they are always private, and their content must be
what their name says.

Every way a file reaches a case, member, referral or membership application (the complaint form, a
member's reply, the membership form's ID-card photo, the desk's upload dialog, the REST API) ends in a
File insert, so the check sits in the File controller (`UnionFile`, hooks `override_doctype_class`),
before Frappe writes or parses anything: Frappe itself only looks at the extension, and then hands a
renamed program called `bukti.pdf` to its PDF parser, or `bukti.jpg` to its image library, which fail
with a server error.
"""

import io
import os
import zipfile

import filetype
import frappe
from frappe import _
from frappe.core.doctype.file.file import File
from frappe.utils import escape_html
from PIL import Image
from pypdf import PdfReader
from pypdf.generic import IndirectObject, NameObject

from union_cases.exceptions import UploadRejectedError

PRIVATE_ATTACHMENT_DOCTYPES = (
	"Case",
	"Member",
	"Referral",
	"Membership Application",
	"Check-off Authorisation",
	"Check-off Remittance",
)

# What a complaint or a reply may send in one request: this many files of union_cases_max_upload_mb
# (site config) each. The production set-up sizes nginx and Frappe's request limit to it.
DEFAULT_MAX_UPLOAD_MB = 10
MAX_FILES = 5


def max_upload_mb() -> int:
	return int(frappe.conf.get("union_cases_max_upload_mb") or DEFAULT_MAX_UPLOAD_MB)


def max_upload_bytes() -> int:
	return max_upload_mb() * 1024 * 1024


# What a file of each extension must contain, as `filetype` names what it finds at the start of a file.
CONTENT_KINDS = {
	"jpg": {"jpg"},
	"jpeg": {"jpg"},
	"png": {"png", "apng"},
	"gif": {"gif"},
	"webp": {"webp"},
	"heic": {"heic", "avif"},
	"heif": {"heic", "avif"},
	"tif": {"tif"},
	"tiff": {"tif"},
	"bmp": {"bmp"},
	"pdf": {"pdf"},
	"m4a": {"m4a", "mp4"},
	"mp3": {"mp3"},
	"ogg": {"ogg"},
	"opus": {"ogg"},
	"oga": {"ogg"},
	"wav": {"wav"},
	"aac": {"aac"},
	"amr": {"amr"},
	"mp4": {"mp4", "m4v"},
	"mov": {"mov", "mp4"},
	"3gp": {"3gp", "mp4"},
	"zip": {"zip"},
}
# Office documents: old ones are OLE compound files, new ones zip archives holding a known part.
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
OLE_EXTENSIONS = {"doc", "xls", "ppt"}
ZIP_PARTS = {
	"docx": "word/document.xml",
	"xlsx": "xl/workbook.xml",
	"pptx": "ppt/presentation.xml",
}
OPEN_DOCUMENT_TYPES = {
	"odt": "application/vnd.oasis.opendocument.text",
	"ods": "application/vnd.oasis.opendocument.spreadsheet",
	"odp": "application/vnd.oasis.opendocument.presentation",
}
TEXT_EXTENSIONS = {"txt", "csv", "tsv", "md", "json", "xml", "eml", "ics", "vcf"}
# Never accepted on a union record whatever the name says: programs and scripts.
PROGRAM_KINDS = {"exe", "elf", "wasm", "swf", "crx", "deb", "rpm", "cab"}
# Frappe parses these on every upload (PDF for scripts, JPEG to strip EXIF): a file that is not one
# fails there with a server error, so any upload with these names is checked, whatever it is attached to.
PARSED_EXTENSIONS = {"pdf", "jpg", "jpeg"}


def extension_of(filename: str | None) -> str:
	return os.path.splitext(filename or "")[1].lower().lstrip(".")


def check_upload(filename: str, content: bytes | str | None, allowed: set | None = None, max_bytes=None):
	"""Refuse, with a message the sender understands, a file that is empty, too large, of a kind not in
	`allowed` (extensions), or whose content is not what its extension says. Returns None."""
	name = escape_html(os.path.basename(filename or "") or _("The file"))
	extension = extension_of(filename)
	if allowed is not None and extension not in allowed:
		reject(
			_(
				"{0}: this kind of file cannot be sent. Send photos, PDF or Word documents or voice notes ({1})."
			).format(name, ", ".join(sorted(allowed))),
			_("File not accepted"),
		)
	if isinstance(content, str):
		content = content.encode()
	if not content:
		reject(_("{0} is empty. Choose the file again.").format(name), _("Empty file"))
	if max_bytes and len(content) > max_bytes:
		reject(_("{0} is larger than {1} MB.").format(name, max_bytes // 1024 // 1024), _("File too large"))
	problem = content_problem(extension, content)
	if problem:
		reject(problem.format(name), _("File not accepted"))


def reject(message: str, title: str):
	frappe.throw(message, UploadRejectedError, title=title)


def content_problem(extension: str, content: bytes) -> str | None:
	"""Why the content does not fit the extension (a translated message with {0} for the file's name)."""
	kind = filetype.guess(content)
	found = kind.extension if kind else None
	not_what_it_says = _(
		"{0} does not contain what its name says: it is not a {1} file. Send the original file."
	).format("{0}", extension.upper())
	if found in PROGRAM_KINDS:
		return _("{0} is a program, not a document or a picture, and cannot be accepted.")
	if extension in CONTENT_KINDS:
		if found not in CONTENT_KINDS[extension]:
			return not_what_it_says
		return damaged(extension, content)
	if extension in OLE_EXTENSIONS:
		return None if content.startswith(OLE_MAGIC) else not_what_it_says
	if extension in ZIP_PARTS or extension in OPEN_DOCUMENT_TYPES:
		return office_problem(extension, content, not_what_it_says)
	if extension in TEXT_EXTENSIONS:
		if found or b"\x00" in content:
			return not_what_it_says
	return None


def damaged(extension: str, content: bytes) -> str | None:
	"""A picture the image library cannot read to its end, or a PDF that cannot be read or runs scripts."""
	broken = _("{0} is damaged or incomplete and cannot be opened. Send it again.")
	if extension in ("jpg", "jpeg", "png", "gif", "webp", "tif", "tiff", "bmp"):
		try:
			with Image.open(io.BytesIO(content)) as image:
				image.verify()
		except Exception:
			return broken
	elif extension == "pdf":
		try:
			if pdf_runs_something(content):
				return _("{0} contains scripts and cannot be accepted. Save it again as a plain PDF.")
		except Exception:
			return broken
	return None


PDF_ACTIONS = {"/JS", "/JavaScript", "/Launch"}


def pdf_runs_something(content: bytes, limit: int = 200_000) -> bool:
	"""Whether a PDF holds JavaScript or a launch action anywhere from its catalogue down.

	Frappe's own check (`frappe.utils.pdf.pdf_contains_js`) does not follow indirect references, so it
	misses a script reached through the document's name tree or an open action; this one does.
	"""
	reader = PdfReader(io.BytesIO(content))
	seen, stack = set(), [reader.trailer.get("/Root")]
	while stack and len(seen) < limit:
		node = stack.pop()
		if isinstance(node, IndirectObject):
			ref = (node.idnum, node.generation)
			if ref in seen:
				continue
			seen.add(ref)
			node = node.get_object()
		if isinstance(node, NameObject) and node in PDF_ACTIONS:
			return True
		if isinstance(node, dict):
			if PDF_ACTIONS & set(node.keys()):
				return True
			stack.extend(node.values())
		elif isinstance(node, list):
			stack.extend(node)
	return False


def office_problem(extension: str, content: bytes, not_what_it_says: str) -> str | None:
	try:
		with zipfile.ZipFile(io.BytesIO(content)) as archive:
			if extension in ZIP_PARTS:
				return None if ZIP_PARTS[extension] in archive.namelist() else not_what_it_says
			mimetype = archive.read("mimetype").decode(errors="replace").strip()
			return None if mimetype == OPEN_DOCUMENT_TYPES[extension] else not_what_it_says
	except (zipfile.BadZipFile, KeyError, OSError, EOFError):
		return not_what_it_says


class UnionFile(File):
	"""Frappe's File, with the content checked before Frappe writes or parses it."""

	def before_insert(self):
		check_new_file(self)
		super().before_insert()


def check_new_file(doc):
	"""A new file: every one attached to a union record, and any upload that Frappe would parse (PDF,
	JPEG) or cannot store (an empty file), must contain what its name says."""
	content = doc.get("content")
	if doc.is_folder or (doc.file_url and not content):  # a second record of a stored file, or a link
		return
	on_union_record = doc.attached_to_doctype in PRIVATE_ATTACHMENT_DOCTYPES
	if not on_union_record and not frappe.request:
		return
	if not on_union_record and content and extension_of(doc.file_name) not in PARSED_EXTENSIONS:
		return
	if content and doc.get("decode"):
		from frappe.core.doctype.file.utils import decode_file_content

		try:
			content = decode_file_content(content)
		except Exception:
			reject(_("The file could not be read. Choose it again."), _("File not accepted"))
	check_upload(doc.file_name, content)


def keep_record_files_private(doc, method=None):
	"""File before_insert: make a public upload to a case, member, referral or application private.

	Runs after Frappe has written the file, so the content is stored again under /private/files (with a
	new name if that one is taken there, or as the private file that already has the same content), and
	the public copy this upload wrote is removed.
	"""
	if doc.is_private or doc.is_folder or doc.attached_to_doctype not in PRIVATE_ATTACHMENT_DOCTYPES:
		return
	if not doc.file_url or not doc.file_url.startswith("/files/"):
		return
	public_url, public_path = doc.file_url, doc.get_full_path()
	content = doc.get_content()
	doc.is_private = 1
	doc.file_url = None
	doc.save_file(content=content)
	if not frappe.db.exists("File", {"file_url": public_url}) and os.path.exists(public_path):
		os.remove(public_path)  # written by this upload, used by no other file


def save_private_file(
	doc, fieldname: str | None = None, *, file_name=None, content=None, file_url=None
) -> str:
	"""A private File attached to `doc` (new `content`, or a second record on an existing private
	`file_url`), in `fieldname` if given; returns its URL."""
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": file_name,
			"file_url": file_url,
			"content": content,
			"attached_to_doctype": doc.doctype,
			"attached_to_name": doc.name,
			"attached_to_field": fieldname,
			"is_private": 1,
		}
	)
	file.insert(ignore_permissions=True)
	return file.file_url
