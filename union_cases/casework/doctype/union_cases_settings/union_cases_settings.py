# Copyright (c) 2026, union_cases contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from union_cases.casework.deadlines.calendar import clear_holiday_cache


class UnionCasesSettings(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from union_cases.casework.doctype.deadline_rule.deadline_rule import DeadlineRule

		deadline_rules: DF.Table[DeadlineRule]
		erpnext_holiday_list: DF.Data | None
		first_response_days: DF.Int
		similar_case_days: DF.Int
		triage_categories_learnt: DF.Int
		triage_disabled: DF.Check
		triage_threshold: DF.Percent
		triage_trained_on: DF.Datetime | None
		triage_training_texts: DF.Int
		warning_days: DF.Int

	# end: auto-generated types
	def validate(self):
		self.validate_rules()
		self.validate_holiday_list()
		self.validate_triage_threshold()

	def on_update(self):
		clear_holiday_cache()

	def validate_rules(self):
		for rule in self.deadline_rules:
			if rule.counted_from == rule.met_by:
				frappe.throw(
					_("Row {0}: a deadline cannot be counted from the same date that meets it.").format(
						rule.idx
					)
				)

	def validate_holiday_list(self):
		if not self.erpnext_holiday_list:
			return
		if "erpnext" not in frappe.get_installed_apps():
			frappe.throw(_("ERPNext is not installed on this site, so there is no Holiday List to use."))
		if not frappe.db.exists("Holiday List", self.erpnext_holiday_list):
			frappe.throw(_("Holiday List {0} does not exist.").format(frappe.bold(self.erpnext_holiday_list)))

	def validate_triage_threshold(self):
		if not 0 <= (self.triage_threshold or 0) <= 100:
			frappe.throw(
				_("The triage confidence threshold is a percentage, from 0 to 100."),
				title=_("Invalid threshold"),
			)
