# Copyright (c) 2026, union_cases contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils.nestedset import NestedSetRecursionError

from union_cases.utils.identity import normalise_mobile, squeeze


class Employer(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		address: DF.SmallText | None
		city: DF.Data | None
		email: DF.Data | None
		employer_name: DF.Data
		is_active: DF.Check
		parent_company: DF.Link | None
		phone: DF.Data | None
		province: DF.Data | None
		sector: DF.Data | None
		website: DF.Data | None
		workforce_size: DF.Int

	# end: auto-generated types
	def before_naming(self):
		self.employer_name = squeeze(self.employer_name)

	def before_validate(self):
		self.employer_name = squeeze(self.employer_name)
		self.phone = normalise_mobile(self.phone, _("Phone"))

	def validate(self):
		self.validate_parent_company()

	def validate_parent_company(self):
		"""A company cannot be its own parent, directly or through its subsidiaries."""
		parent, seen = self.parent_company, {self.name}
		while parent:
			if parent in seen:
				frappe.throw(
					_(
						"{0} cannot be the parent company: it is {1} itself or one of its subsidiaries."
					).format(frappe.bold(self.parent_company), frappe.bold(self.name)),
					NestedSetRecursionError,
				)
			seen.add(parent)
			parent = frappe.db.get_value("Employer", parent, "parent_company")
