# Copyright (c) 2026, union_cases contributors
# For license information, please see license.txt

import frappe
from frappe.utils import add_days, today

from union_cases.exceptions import InvalidDateError
from union_cases.tests.utils import UnionTestCase, make_case


def make_partner(name="_Test Legal Aid", **values):
	if frappe.db.exists("Referral Partner", name):
		return frappe.get_doc("Referral Partner", name)
	return frappe.get_doc(
		{"doctype": "Referral Partner", "partner_name": name, "partner_type": "Legal Aid", **values}
	).insert()


class TestReferral(UnionTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.case = make_case()
		frappe.db.commit()

	def referral(self, partner, **values):
		return frappe.get_doc(
			{
				"doctype": "Referral",
				"case": self.case.name,
				"partner": partner,
				"reason": "Butuh advokat",
				**values,
			}
		)

	def test_referral_takes_case_details(self):
		partner = make_partner(agreement_start=add_days(today(), -10), agreement_end=add_days(today(), 300))
		referral = self.referral(partner.name).insert()
		self.assertEqual(referral.workflow_state, "Draft")
		self.assertEqual(referral.case_title, self.case.title)
		self.assertEqual(referral.local_union, "_Test Local Union")
		self.assertEqual(referral.federation, "_Test Federation")
		self.assertEqual(referral.partner_type, "Legal Aid")
		self.assertFalse(partner.agreement_expired)

	def test_expired_agreement_is_flagged(self):
		partner = make_partner(
			"_Test Expired Partner",
			agreement_start=add_days(today(), -400),
			agreement_end=add_days(today(), -1),
		)
		self.assertTrue(partner.agreement_expired)
		frappe.clear_messages()  # `frappe.message_log = []` would replace every later request's log
		self.referral(partner.name).insert()
		self.assertTrue(any("ended" in str(m) for m in frappe.message_log))

	def test_inactive_partner_refused(self):
		partner = make_partner("_Test Inactive Partner", is_active=0)
		self.assertRaises(frappe.ValidationError, self.referral(partner.name).insert)

	def test_partner_validation(self):
		self.assertRaises(
			InvalidDateError,
			make_partner,
			"_Test Backwards Partner",
			agreement_start=today(),
			agreement_end=add_days(today(), -1),
		)
		partner = make_partner("_Test Phone Partner", phone="0812 1111 2222", partner_type="Labour Office")
		self.assertEqual(partner.phone, "+6281211112222")
