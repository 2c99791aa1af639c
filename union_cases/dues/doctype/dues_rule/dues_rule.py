# Copyright (c) 2026, union_cases contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import flt
from frappe.utils.nestedset import get_ancestors_of

from union_cases.dues import erpnext
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

	def on_update(self):
		if erpnext.installed():
			self.set_subscription_plan()

	def company_for_billing(self) -> str | None:
		return frappe.defaults.get_global_default("company") or frappe.db.get_value("Company", {}, "name")

	def set_subscription_plan(self):
		"""One ERPNext Subscription Plan per flat-amount rule, its monthly cost kept equal to the rule's.
		A percentage of the wage differs per member: it is what the employer deducts (check-off)."""
		if self.basis != "Flat Amount":
			return
		company = self.company_for_billing()
		if not company:
			return
		values = {
			"currency": frappe.get_cached_value("Company", company, "default_currency"),
			"item": dues_item(),
			"price_determination": "Fixed Rate",
			"cost": flt(self.amount, 2),
			"billing_interval": "Month",
			"billing_interval_count": 1,
		}
		name = self.get("subscription_plan")
		plan = (
			frappe.get_doc("Subscription Plan", name)
			if name and frappe.db.exists("Subscription Plan", name)
			else None
		)
		if plan is None:
			plan = frappe.new_doc("Subscription Plan")
			plan.plan_name = _("Dues {0}").format(self.federation)
		plan.update(values)
		plan.flags.ignore_permissions = True
		plan.save()
		if self.get("subscription_plan") != plan.name:
			self.db_set("subscription_plan", plan.name)

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


DUES_ITEM = "Union Dues"


def dues_item() -> str:
	"""The service item of every dues invoice, made when missing."""
	if not frappe.db.exists("Item", DUES_ITEM):
		item = frappe.get_doc(
			{
				"doctype": "Item",
				"item_code": DUES_ITEM,
				"item_name": DUES_ITEM,
				"item_group": frappe.db.get_value("Item Group", {"is_group": 0}, "name")
				or frappe.db.get_value("Item Group", {}, "name"),
				"stock_uom": frappe.db.get_value("UOM", "Nos", "name")
				or frappe.db.get_value("UOM", {}, "name"),
				"is_stock_item": 0,
				"include_item_in_manufacturing": 0,
			}
		)
		item.flags.ignore_permissions = True
		item.insert()
	return DUES_ITEM


def rule_for(node: str | None):
	"""The Dues Rule of a node or of the nearest node above it that has one."""
	if not node:
		return None
	for candidate in [node, *get_ancestors_of("Federation", node)]:
		if frappe.db.exists("Dues Rule", candidate):
			return frappe.get_doc("Dues Rule", candidate)
	return None
