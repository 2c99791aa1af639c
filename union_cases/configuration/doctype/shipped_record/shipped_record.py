# Copyright (c) 2026, union_cases contributors
# For license information, please see license.txt

from frappe.model.document import Document


class ShippedRecord(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		app_version: DF.Data | None
		changed_by_admin: DF.Check
		installed_version: DF.Code | None
		kind: DF.Literal["Shipped Record", "Standard Record", "Seed"]
		note: DF.SmallText | None
		record_name: DF.Data
		record_type: DF.Data

	# end: auto-generated types
	def autoname(self):
		self.name = f"{self.record_type}: {self.record_name}"
