# Copyright (c) 2026, union_cases contributors
# For license information, please see license.txt

from union_cases.permissions import ChildRow


class CaseSeveranceLine(ChildRow):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		amount: DF.Currency
		article: DF.Data | None
		component: DF.Data | None
		months: DF.Float
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
	# end: auto-generated types
	pass
