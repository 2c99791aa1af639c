# Copyright (c) 2026, union_cases contributors and Contributors
# See license.txt

# import frappe
from frappe.tests.utils import FrappeTestCase


class TestPerformanceTarget(FrappeTestCase):
	pass
