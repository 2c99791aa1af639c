# Copyright (c) 2026, union_cases contributors
# For license information, please see license.txt

from union_cases.permissions import ChildRow


class DeadlineRule(ChildRow):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		counted_from: DF.Literal[
			"start_date",
			"first_hearing_date",
			"recommendation_received_date",
			"answer_date",
			"filing_date",
			"file_received_date",
			"judgment_read_date",
			"end_date",
		]
		dispute_types: DF.Data | None
		duration: DF.Int
		enabled: DF.Check
		event: DF.Data
		legal_basis: DF.Data | None
		max_extension_days: DF.Int
		met_by: DF.Literal[
			"start_date",
			"first_hearing_date",
			"recommendation_received_date",
			"answer_date",
			"filing_date",
			"file_received_date",
			"judgment_read_date",
			"end_date",
			"next_stage_start",
		]
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
		unit: DF.Literal["Working Days", "Calendar Days", "Calendar Years"]
	# end: auto-generated types
	pass
