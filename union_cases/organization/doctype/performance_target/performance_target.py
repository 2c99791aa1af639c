# Copyright (c) 2026, union_cases contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from union_cases.exceptions import TargetError
from union_cases.organization.targets import update_actuals


class PerformanceTarget(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from union_cases.organization.doctype.performance_target_indicator.performance_target_indicator import (
			PerformanceTargetIndicator,
		)

		actuals_updated_on: DF.Datetime | None
		federation: DF.Link
		indicators: DF.Table[PerformanceTargetIndicator]
		level: DF.Data | None
		notes: DF.SmallText | None
		year: DF.Int

	# end: auto-generated types
	def validate(self):
		self.validate_year()
		self.validate_indicators()
		update_actuals(self)

	def validate_year(self):
		if not 2000 <= (self.year or 0) <= 2100:
			frappe.throw(_("Enter the year as four digits, for example 2026."), TargetError)

	def validate_indicators(self):
		seen = set()
		for row in self.indicators:
			key = (row.indicator, (row.label or "").strip().lower())
			if row.indicator == "Custom" and not key[1]:
				frappe.throw(_("Row {0}: name the custom indicator.").format(row.idx), TargetError)
			if key in seen:
				frappe.throw(_("Row {0}: this indicator is listed twice.").format(row.idx), TargetError)
			if (row.target or 0) < 0:
				frappe.throw(_("Row {0}: the target cannot be negative.").format(row.idx), TargetError)
			seen.add(key)
