"""What production mode checks and sets on a site (union_cases.setup.production, scripts/deploy.sh)."""

import frappe
from frappe.utils.password import update_password

from union_cases.setup.production import default_passwords_in_use, request_limit_mb
from union_cases.tests.utils import UnionTestCase, make_user

DEFAULTED = "_test_default_password@example.com"
CHANGED = "_test_own_password@example.com"


class TestProduction(UnionTestCase):
	def test_desk_users_with_a_documented_password_are_named(self):
		make_user(DEFAULTED, "Case Operator")
		make_user(CHANGED, "Case Operator")
		update_password(DEFAULTED, "demo")
		update_password(CHANGED, "a-password-of-their-own-9431")
		found = default_passwords_in_use()
		self.assertIn(DEFAULTED, found)
		self.assertNotIn(CHANGED, found)

	def test_the_request_limit_follows_the_upload_limit(self):
		self.assertEqual(request_limit_mb(), 10 * 5 + 1)
		frappe.conf.union_cases_max_upload_mb = 20
		try:
			self.assertEqual(request_limit_mb(), 20 * 5 + 1)
		finally:
			del frappe.conf["union_cases_max_upload_mb"]
