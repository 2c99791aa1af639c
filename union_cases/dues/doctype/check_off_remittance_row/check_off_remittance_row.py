# Copyright (c) 2026, union_cases contributors
# For license information, please see license.txt

from union_cases.permissions import ChildRow


class CheckoffRemittanceRow(ChildRow):
	def db_insert(self, *args, **kwargs):
		# written with the others by the remittance (CheckoffRemittance.write_rows)
		if self.flags.written_with_parent:
			return
		super().db_insert(*args, **kwargs)
