# Copyright (c) 2026, union_cases contributors
# For license information, please see license.txt

from frappe.model.document import Document


class CaseCategory(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from union_cases.casework.doctype.case_category_check.case_category_check import CaseCategoryCheck
		from union_cases.casework.doctype.case_category_stage.case_category_stage import CaseCategoryStage

		category_name: DF.Data
		confidential_by_default: DF.Check
		default_dispute_type: DF.Literal["", "Rights", "Interests", "Termination", "Between Unions"]
		description: DF.SmallText | None
		is_active: DF.Check
		usual_path: DF.Table[CaseCategoryStage]
		verification_checks: DF.Table[CaseCategoryCheck]
	# end: auto-generated types
	pass
