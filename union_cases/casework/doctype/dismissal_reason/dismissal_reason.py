# Copyright (c) 2026, union_cases contributors
# For license information, please see license.txt

"""A reason of dismissal and its multipliers of severance (UP) and long-service pay (UPMK), citing the
article that sets them (PP 35/2021 Art. 41-57). Seeded from casework/severance.py's REASONS."""

import frappe
from frappe import _
from frappe.model.document import Document

from union_cases.casework.severance import REASONS

MAX_MULTIPLIER = 10


class DismissalReason(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		article: DF.Data
		is_active: DF.Check
		long_service_multiplier: DF.Float
		reason_name: DF.Data
		separation_pay_only: DF.Check
		severance_multiplier: DF.Float
	# end: auto-generated types

	def validate(self):
		self.validate_multipliers()

	def validate_multipliers(self):
		for fieldname in ("severance_multiplier", "long_service_multiplier"):
			value = self.get(fieldname) or 0
			if value < 0 or value > MAX_MULTIPLIER:
				frappe.throw(
					_("{0} must be between 0 and {1}.").format(
						_(self.meta.get_label(fieldname)), MAX_MULTIPLIER
					),
					title=_("Dismissal Reason"),
				)
		if self.separation_pay_only and (self.severance_multiplier or self.long_service_multiplier):
			frappe.throw(
				_("A reason that gives only compensation of rights and separation pay has no multipliers."),
				title=_("Dismissal Reason"),
			)


def seed_dismissal_reasons():
	"""Create the reasons of PP 35/2021 once; an administrator may edit or deactivate them afterwards."""
	for reason in REASONS:
		if frappe.db.exists("Dismissal Reason", reason.name):
			continue
		frappe.get_doc(
			{
				"doctype": "Dismissal Reason",
				"reason_name": reason.name,
				"article": reason.article,
				"severance_multiplier": reason.severance_multiplier,
				"long_service_multiplier": reason.long_service_multiplier,
				"separation_pay_only": int(reason.separation_pay_only),
				"is_active": 1,
			}
		).insert(ignore_permissions=True)
