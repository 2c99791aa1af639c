# Copyright (c) 2026, union_cases contributors
# For license information, please see license.txt

from union_cases.permissions import ChildRow


class ReferralUpdate(ChildRow):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		note: DF.SmallText
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		update_by: DF.Data | None
		update_on: DF.Datetime | None
	# end: auto-generated types
	pass
