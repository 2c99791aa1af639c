# Copyright (c) 2026, union_cases contributors
# For license information, please see license.txt

from frappe.model.document import Document


class ReferralUpdate(Document):
	pass
