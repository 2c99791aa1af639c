# Copyright (c) 2026, union_cases contributors
# For license information, please see license.txt

from frappe.model.document import Document

from union_cases.dues.checkoff import active_in_month, month_of


class CheckoffNotice(Document):
	"""The union's written notice to an employer (KEP.187/MEN/X/2004): the members who authorised the
	check-off for a month. Printed with "Notification to the Employer"."""

	def before_validate(self):
		if self.month:
			self.month = month_of(self.month)
		if self.is_new() or any(self.has_value_changed(f) for f in ("employer", "federation", "month")):
			self.set_members()

	def set_members(self):
		self.members = []
		if not (self.employer and self.federation and self.month):
			return
		for row in active_in_month(self.employer, self.federation, self.month):
			self.append(
				"members",
				{
					"member": row.member,
					"member_name": row.member_name,
					"authorisation": row.name,
					"basis": row.basis,
					"amount": row.amount if row.basis == "Amount" else 0,
					"percentage": row.percentage if row.basis != "Amount" else 0,
				},
			)
		self.total_members = len(self.members)
