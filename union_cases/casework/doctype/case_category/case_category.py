# Copyright (c) 2026, union_cases contributors
# For license information, please see license.txt

from frappe.model.document import Document


class CaseCategory(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		category_name: DF.Data
		confidential_by_default: DF.Check
		default_dispute_type: DF.Literal["", "Rights", "Interests", "Termination", "Between Unions"]
		description: DF.SmallText | None
		is_active: DF.Check
	# end: auto-generated types
	pass
