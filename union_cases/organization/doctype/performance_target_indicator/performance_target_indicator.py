# Copyright (c) 2026, union_cases contributors
# For license information, please see license.txt

from union_cases.permissions import ChildRow


class PerformanceTargetIndicator(ChildRow):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		achievement: DF.Percent
		actual: DF.Float
		automatic: DF.Check
		indicator: DF.Literal[
			"New Members",
			"Cases Resolved",
			"Share of Deadlines Met (%)",
			"Referrals Completed",
			"Organiser Trainings Held",
			"Custom",
		]
		label: DF.Data | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		target: DF.Float
	# end: auto-generated types
	pass
