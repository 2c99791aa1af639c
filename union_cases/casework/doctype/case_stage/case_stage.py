# Copyright (c) 2026, union_cases contributors
# For license information, please see license.txt

from union_cases.permissions import ChildRow


class CaseStage(ChildRow):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		agreement_document: DF.Attach | None
		answer_date: DF.Date | None
		court_register_no: DF.Data | None
		days_left: DF.Int
		end_date: DF.Date | None
		file_received_date: DF.Date | None
		filing_date: DF.Date | None
		first_hearing_date: DF.Date | None
		judgment_document: DF.Attach | None
		judgment_read_date: DF.Date | None
		minutes_document: DF.Attach | None
		next_due_date: DF.Date | None
		next_due_event: DF.Data | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		recommendation_document: DF.Attach | None
		recommendation_received_date: DF.Date | None
		result: DF.Literal[
			"",
			"Agreement",
			"Recommendation Accepted",
			"Recommendation Rejected",
			"Award",
			"Judgment for the Worker",
			"Judgment Against the Worker",
			"Partly Granted",
			"Failed",
			"Withdrawn",
		]
		result_notes: DF.SmallText | None
		row_key: DF.Data | None
		stage: DF.Literal[
			"Bipartite",
			"Labour Office Registration",
			"Mediation",
			"Conciliation",
			"Arbitration",
			"Industrial Relations Court (PHI)",
			"Cassation",
		]
		stage_status: DF.Literal["Planned", "Ongoing", "Completed", "Skipped"]
		start_date: DF.Date | None
	# end: auto-generated types
	pass
