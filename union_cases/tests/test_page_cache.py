"""Guest pages from Frappe's page cache, and nothing personal ever in it (portal/page_cache.py).

Real HTTP requests through Frappe's WSGI application (tests/http.py); the header X-From-Cache says
whether Frappe served the page from its cache.
"""

import frappe
from frappe.website.utils import delete_page_cache

from union_cases.tests.http import SiteClient
from union_cases.tests.utils import EMPLOYER, UnionTestCase, make_portal_people

PASSWORD = "_Test-Cache-2026!"
MEMBER = "_cache_member@example.com"
CATEGORY = "_Test Cache Category"


def from_cache(response) -> bool:
	return response.headers.get("X-From-Cache") == "True"


class TestPageCache(UnionTestCase):
	def setUp(self):
		super().setUp()
		frappe.delete_doc_if_exists("Case Category", CATEGORY, force=True)
		make_portal_people("_cache_operator@example.com", MEMBER, PASSWORD, "_Cache Anggota Satu")
		frappe.db.commit()
		delete_page_cache(None)
		self.addCleanup(self.put_back)

	def put_back(self):
		frappe.db.rollback()
		frappe.delete_doc_if_exists("Case Category", CATEGORY, force=True)
		frappe.db.commit()
		delete_page_cache(None)

	def test_a_guest_page_is_cached_and_a_member_never_gets_it(self):
		guest = SiteClient()
		first, second = guest.get("/complaint"), guest.get("/complaint")
		self.assertEqual((first.status_code, second.status_code), (200, 200))
		self.assertEqual((from_cache(first), from_cache(second)), (False, True))
		self.assertEqual(first.text, second.text)

		member = SiteClient(MEMBER, PASSWORD)
		for _ in range(2):
			mine = member.get("/complaint")
			self.assertEqual(mine.status_code, 200)
			self.assertFalse(from_cache(mine))
			self.assertIn("/my-cases", mine.text)  # the member's own page, with their navigation
			self.assertIn(EMPLOYER, mine.text)  # their employer prefilled
		again = guest.get("/complaint")
		self.assertTrue(from_cache(again))
		self.assertNotIn(EMPLOYER, again.text)
		self.assertNotIn('href="/my-cases"', again.text)

	def test_a_query_string_or_a_post_is_never_cached(self):
		guest = SiteClient()
		guest.get("/knowledge")
		self.assertTrue(from_cache(guest.get("/knowledge")))
		searched = guest.get("/knowledge", query_string={"q": "_no such article"})
		self.assertFalse(from_cache(searched))
		self.assertFalse(from_cache(guest.get("/knowledge", query_string={"q": "_no such article"})))
		self.assertFalse(from_cache(guest.get("/complaint", query_string={"x": "1"})))
		# the plain page is still the plain page (the search did not replace it in the cache)
		self.assertEqual(guest.get("/knowledge").text, guest.get("/knowledge").text)
		self.assertNotIn("_no such article", guest.get("/knowledge").text)

	def test_what_the_page_lists_shows_at_once(self):
		guest = SiteClient()
		guest.get("/complaint")
		self.assertTrue(from_cache(guest.get("/complaint")))
		frappe.get_doc({"doctype": "Case Category", "category_name": CATEGORY, "is_active": 1}).insert()
		frappe.db.commit()
		page = guest.get("/complaint")
		self.assertFalse(from_cache(page))
		self.assertIn(CATEGORY, page.text)
		category = frappe.get_doc("Case Category", CATEGORY)
		category.is_active = 0
		category.save()
		frappe.db.commit()
		self.assertNotIn(CATEGORY, guest.get("/complaint").text)

	def test_each_language_has_its_own_copy(self):
		guest = SiteClient()
		english = guest.get("/complaint", headers={"Accept-Language": "en"})
		indonesian = guest.get("/complaint", headers={"Accept-Language": "id"})
		self.assertIn("Bring a Complaint or Aspiration", english.text)
		self.assertNotIn("Bring a Complaint or Aspiration", indonesian.text)
		self.assertIn(
			"Bring a Complaint or Aspiration", guest.get("/complaint", headers={"Accept-Language": "en"}).text
		)


class TestCompiledTemplates(UnionTestCase):
	"""utils/jinja_cache.py: a page's templates are compiled once per process, a changed one again."""

	def test_a_page_renders_from_compiled_templates(self):
		from union_cases.utils.jinja_cache import CACHE

		make_portal_people("_cache_operator@example.com", MEMBER, PASSWORD, "_Cache Anggota Satu")
		frappe.db.commit()
		member = SiteClient(MEMBER, PASSWORD)
		CACHE.clear()
		first = member.get("/my-cases")
		self.assertEqual(first.status_code, 200)
		compiled = dict(CACHE.compiled)
		self.assertGreater(len(compiled), 5)  # web.html, the base template, navbar, footer, ...
		second = member.get("/my-cases")
		self.assertEqual(second.status_code, 200)
		self.assertEqual(CACHE.compiled, compiled)  # nothing compiled again
		self.assertIn("_Cache Anggota Satu", second.text)  # rendered for this member, not cached
		self.assertEqual(member.get("/api/method/ping").status_code, 200)

	def test_a_changed_template_is_compiled_again(self):
		from jinja2.bccache import Bucket

		from union_cases.utils.jinja_cache import ProcessBytecodeCache

		cache = ProcessBytecodeCache()
		environment = frappe.get_jenv()
		bucket = Bucket(environment, "a-template", "checksum-1")
		bucket.code = compile("x = 1", "a-template", "exec")
		cache.dump_bytecode(bucket)
		same = Bucket(environment, "a-template", "checksum-1")
		cache.load_bytecode(same)
		self.assertIs(same.code, bucket.code)
		changed = Bucket(environment, "a-template", "checksum-2")
		cache.load_bytecode(changed)
		self.assertIsNone(changed.code)
