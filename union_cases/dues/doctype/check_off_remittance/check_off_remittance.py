# Copyright (c) 2026, union_cases contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.model.naming import set_new_name

from union_cases.dues import erpnext, matching, posting
from union_cases.dues.checkoff import month_of
from union_cases.exceptions import RemittanceFileError

ROWS_PER_STATEMENT = 2000
MATCH_INPUTS = (
	"remittance_file",
	"nik_column",
	"name_column",
	"amount_column",
	"employer",
	"federation",
	"month",
)


class CheckoffRemittance(Document):
	"""An employer's monthly check-off transfer: the file read, each row matched to a member and
	categorised before posting; on submit (with ERPNext) one Journal Entry pays the members' invoices."""

	def before_validate(self):
		if self.month:
			self.month = month_of(self.month)

	def validate(self):
		self.set_file_columns()
		self.set_rows()
		self.set_summary()

	def _validate_links(self):
		"""Frappe's link check, on the remittance's own fields only: the rows' member links were set by
		the matcher from members it read, and checking them one query per row took most of the time of
		a large employer's file (50,000 rows)."""
		if self.flags.ignore_links or self._action == "cancel":
			return
		invalid, _cancelled = self.get_invalid_links()
		if invalid:
			frappe.throw(
				_("Could not find {0}").format(", ".join(each[2] for each in invalid)),
				frappe.LinkValidationError,
			)

	def db_insert(self, *args, **kwargs):
		super().db_insert(*args, **kwargs)
		self.write_rows()

	def update_child_table(self, fieldname, df=None):
		"""The rows are replaced as a whole, a few statements for a file of 50,000 rows; Frappe's
		own sync writes (and on submit updates) them one statement per row."""
		if fieldname != "rows":
			return super().update_child_table(fieldname, df)
		frappe.db.delete("Check-off Remittance Row", {"parent": self.name, "parenttype": self.doctype})
		self.write_rows()

	def write_rows(self):
		"""Insert the rows as Frappe's db_insert would (same columns and values), many per statement.
		Each row is then marked as written, so Frappe's insert loop passes over it."""
		rows = self.get("rows") or []
		if not rows:
			return
		columns, values = None, []
		for row in rows:
			if not row.name:
				set_new_name(row)
			row.parent, row.parenttype, row.parentfield = self.name, self.doctype, "rows"
			row.creation = row.creation or self.modified
			row.modified, row.modified_by = self.modified, self.modified_by
			row.owner = row.owner or self.owner
			row.docstatus = self.docstatus
			data = row.get_valid_dict(convert_dates_to_str=True, ignore_virtual=True)
			columns = columns or list(data)
			values.append([data.get(column) for column in columns])
			row.flags.written_with_parent = True
			row.set("__islocal", False)
		frappe.db.bulk_insert("Check-off Remittance Row", columns, values, chunk_size=ROWS_PER_STATEMENT)

	def set_file_columns(self):
		if not self.remittance_file:
			self.file_columns = None
			return
		if self.is_new() or self.has_value_changed("remittance_file") or not self.file_columns:
			self.flags.file_rows = matching.read_file(self.remittance_file)
			self.file_columns = ", ".join(c for c in matching.header_of(self.flags.file_rows) if c)

	def set_rows(self):
		"""Match again when the file, its columns or the employer, union or month changed."""
		if not (self.remittance_file and self.nik_column and self.amount_column):
			if not self.remittance_file:
				self.rows = []
			return
		if not (self.is_new() or not self.rows or any(self.has_value_changed(f) for f in MATCH_INPUTS)):
			return
		file_rows = self.flags.file_rows or matching.read_file(self.remittance_file)
		lines = matching.parse(file_rows, self.nik_column, self.name_column, self.amount_column)
		self.set("rows", matching.match(lines, self.employer, self.federation, self.month))

	def set_summary(self):
		self.update(matching.summary(self.rows))

	def before_submit(self):
		if not self.rows:
			frappe.throw(
				_("Attach the employer's file and name its columns before submitting."),
				RemittanceFileError,
				title=_("Nothing to post"),
			)
		if erpnext.installed():
			posting.validate(self)

	def on_submit(self):
		if erpnext.installed():
			posting.post(self)

	def on_cancel(self):
		if erpnext.installed():
			posting.cancel(self)


def on_doctype_update():
	frappe.db.add_index("Check-off Remittance", ["employer", "month"])
