"""Compiled page templates kept for the life of the process (README, "Member portal and public forms").

Frappe makes a new Jinja environment for every request (`frappe.utils.jinja.get_jenv` keeps it in
`frappe.local`), so every template a page extends or includes (`templates/web.html`, the base
template, the navbar, the footer, web blocks ...) is parsed and compiled again on every request: on
`/my-cases` that was 22 templates and three fifths of the time of the request. Jinja's own answer is a
bytecode cache (`Environment.bytecode_cache`); this one keeps each template's compiled code in the
process, under Jinja's key of the template's name and file, with the checksum of its source, so a
changed file is compiled again. The code is the same whatever the environment: filters, globals and
the sandbox's checks are looked up when the template runs, in the request's own environment.
"""

import frappe
from jinja2.bccache import Bucket, BytecodeCache


class ProcessBytecodeCache(BytecodeCache):
	def __init__(self):
		self.compiled: dict[str, tuple[str, object]] = {}

	def load_bytecode(self, bucket: Bucket) -> None:
		checksum, code = self.compiled.get(bucket.key, (None, None))
		if checksum == bucket.checksum:
			bucket.code = code

	def dump_bytecode(self, bucket: Bucket) -> None:
		self.compiled[bucket.key] = (bucket.checksum, bucket.code)

	def clear(self) -> None:
		self.compiled.clear()


CACHE = ProcessBytecodeCache()


def use_for_pages():
	"""before_request: a request for a page (not the API) renders with the process's compiled templates."""
	request = getattr(frappe.local, "request", None)
	if request is None or request.path.startswith(("/api/", "/assets/", "/files/", "/private/")):
		return
	frappe.get_jenv().bytecode_cache = CACHE
