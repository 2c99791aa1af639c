# Copyright (c) 2026, union_cases contributors
# For license information, please see license.txt

from union_cases.permissions import ChildRow


class CaseCategoryStage(ChildRow):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		stage: DF.Literal[
			"Bipartite",
			"Labour Office Registration",
			"Mediation",
			"Conciliation",
			"Arbitration",
			"Industrial Relations Court (PHI)",
			"Cassation",
		]
	# end: auto-generated types
	pass
