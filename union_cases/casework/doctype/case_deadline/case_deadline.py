# Copyright (c) 2026, union_cases contributors
# For license information, please see license.txt

import frappe

from union_cases.permissions import ChildRow


class CaseDeadline(ChildRow):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		counted_from: DF.Date | None
		days_left: DF.Int
		deadline_status: DF.Literal["Open", "Met", "Overdue", "Met Late", "Case Closed"]
		due_date: DF.Date | None
		event: DF.Data | None
		extension_agreed_by: DF.Data | None
		extension_days: DF.Int
		extension_reason: DF.SmallText | None
		met_on: DF.Date | None
		original_due_date: DF.Date | None
		overdue_sent_on: DF.Datetime | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		rule: DF.Data | None
		stage: DF.Literal[
			"Bipartite",
			"Labour Office Registration",
			"Mediation",
			"Conciliation",
			"Arbitration",
			"Industrial Relations Court (PHI)",
			"Cassation",
		]
		stage_row: DF.Data | None
		warning_sent_on: DF.Datetime | None
	# end: auto-generated types
	pass


def on_doctype_update():
	"""Indexes of what the reports and the desk lists filter, group and sort on, beyond the single-column
	ones of the doctype (benchmarks/ measures them at a national union's size)."""
	frappe.db.add_index("Case Deadline", ["parent", "stage"])
