# Copyright (c) 2026, union_cases contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import flt
from frappe.utils.nestedset import get_ancestors_of

from union_cases.exceptions import DuesRuleError


class DuesRule(Document):
	"""A node's dues (inherited by the nodes under it that have no rule): a flat amount, or a percentage of
	the wage between a floor and a cap, billed monthly; and when arrears warn, then suspend."""

	def validate(self):
		self.validate_amounts()
		self.validate_arrears_steps()

	def validate_amounts(self):
		if self.basis == "Flat Amount" and flt(self.amount) <= 0:
			frappe.throw(_("Enter the monthly amount."), DuesRuleError, title=_("Amount"))
		if self.basis == "Percentage of Wage":
			if not 0 < flt(self.percentage) <= 100:
				frappe.throw(_("The percentage of the wage must be above 0 and at most 100."), DuesRuleError)
			if flt(self.maximum_amount) and flt(self.maximum_amount) < flt(self.minimum_amount):
				frappe.throw(_("The cap cannot be below the floor."), DuesRuleError)

	def validate_arrears_steps(self):
		if self.suspend_after_months and self.suspend_after_months < (self.warning_after_months or 0):
			frappe.throw(
				_("Suspension cannot come before the warning: suspend after at least as many months."),
				DuesRuleError,
			)

	def monthly_amount(self, wage: float | None = None) -> float | None:
		"""The dues of a month for a wage (None when the rule is a percentage and the wage is unknown)."""
		if self.basis == "Flat Amount":
			return flt(self.amount, 2)
		if not wage:
			return None
		amount = flt(wage) * flt(self.percentage) / 100
		if flt(self.minimum_amount):
			amount = max(amount, flt(self.minimum_amount))
		if flt(self.maximum_amount):
			amount = min(amount, flt(self.maximum_amount))
		return flt(amount, 2)


def rule_for(node: str | None):
	"""The Dues Rule of a node or of the nearest node above it that has one."""
	if not node:
		return None
	for candidate in [node, *get_ancestors_of("Federation", node)]:
		if frappe.db.exists("Dues Rule", candidate):
			return frappe.get_doc("Dues Rule", candidate)
	return None
