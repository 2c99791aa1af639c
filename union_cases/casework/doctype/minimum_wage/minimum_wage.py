# Copyright (c) 2026, union_cases contributors
# For license information, please see license.txt

"""A governor's minimum wage for one year: the province's (UMP) or, with a regency or city, its UMK."""

import frappe
from frappe import _
from frappe.model.document import Document

from union_cases.casework.minimum_wage import region_key
from union_cases.utils.identity import squeeze

FIRST_YEAR, LAST_YEAR = 2000, 2100


class MinimumWage(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		amount: DF.Currency
		city: DF.Data | None
		decree_number: DF.Data
		province: DF.Data
		source: DF.SmallText
		year: DF.Int
	# end: auto-generated types

	def before_validate(self):
		self.province = squeeze(self.province or "")
		self.city = squeeze(self.city or "") or None

	def validate(self):
		self.validate_year()
		self.validate_amount()
		self.validate_unique()

	def validate_year(self):
		if not FIRST_YEAR <= (self.year or 0) <= LAST_YEAR:
			frappe.throw(
				_("The year must be between {0} and {1}.").format(FIRST_YEAR, LAST_YEAR),
				title=_("Minimum Wage"),
			)

	def validate_amount(self):
		if (self.amount or 0) <= 0:
			frappe.throw(_("Give the monthly minimum wage in rupiah."), title=_("Minimum Wage"))

	def validate_unique(self):
		others = frappe.get_all(
			"Minimum Wage",
			filters={"year": self.year, "name": ("!=", self.name or "")},
			fields=["name", "province", "city"],
		)
		for other in others:
			if region_key(other.province) == region_key(self.province) and region_key(
				other.city
			) == region_key(self.city):
				frappe.throw(
					_("The minimum wage of {0} for {1} is already recorded in {2}.").format(
						self.city or self.province, self.year, other.name
					),
					frappe.DuplicateEntryError,
					title=_("Minimum Wage"),
				)
