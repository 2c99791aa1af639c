# Copyright (c) 2026, union_cases contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import add_years, getdate, today

from union_cases.casework.rights import member_flags
from union_cases.exceptions import DuplicateNIKError, InvalidDateError
from union_cases.organization.tree import sector_federation_of, validate_local_union
from union_cases.utils.checks import refuse_future_date
from union_cases.utils.identity import (
	email_key,
	mask_nik,
	normalise_mobile,
	squeeze,
	validate_digits,
	validate_nik,
)

ANONYMISED = "[REDACTED]"

# PP 35/2021 Art. 8: a fixed-term contract (PKWT) may last at most five years with its extensions.
PKWT_MAX_YEARS = 5


class Member(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		address: DF.SmallText | None
		bpjs_kesehatan_no: DF.Data | None
		below_minimum_wage: DF.Check
		flag_long_casual: DF.Check
		flag_no_bpjs: DF.Check
		flag_pkwt_over_limit: DF.Check
		has_rights_alert: DF.Check
		bpjs_ketenagakerjaan_no: DF.Data | None
		city: DF.Data | None
		contract_end_date: DF.Date | None
		date_of_birth: DF.Date
		email: DF.Data | None
		employer: DF.Link | None
		employment_status: DF.Literal[
			"", "PKWTT", "PKWT", "Outsourced", "Daily / Casual", "Piece-rate", "Apprentice"
		]
		federation: DF.Link | None
		full_name: DF.Data
		gender: DF.Literal["", "Male", "Female"]
		job_title: DF.Data | None
		join_date: DF.Date
		language: DF.Link | None
		leave_date: DF.Date | None
		local_union: DF.Link
		mobile_no: DF.Data | None
		monthly_wage: DF.Currency
		naming_series: DF.Literal["KTA-.YYYY.-"]
		nik: DF.Data
		nik_masked: DF.Data | None
		photo: DF.AttachImage | None
		province: DF.Data | None
		status: DF.Literal["Applicant", "Active", "Suspended", "Resigned", "Deceased"]
		user: DF.Link | None
		work_start_date: DF.Date | None
		workplace_unit: DF.Data | None

	# end: auto-generated types
	def before_validate(self):
		if self.is_anonymised:
			return
		self.full_name = squeeze(self.full_name)
		self.mobile_no = normalise_mobile(self.mobile_no)
		self.bpjs_ketenagakerjaan_no = validate_digits(
			self.bpjs_ketenagakerjaan_no, _("BPJS Ketenagakerjaan No."), 11
		)
		self.bpjs_kesehatan_no = validate_digits(self.bpjs_kesehatan_no, _("BPJS Kesehatan No."), 13)
		if self.email:
			self.email = email_key(self.email)

	def validate(self):
		if self.is_anonymised:
			return
		self.set_nik()
		self.validate_unique_nik()
		self.validate_dates()
		self.set_leave_date()
		self.set_federation()
		self.warn_long_fixed_term_contract()
		self.set_rights_flags()

	@property
	def is_anonymised(self) -> bool:
		"""Emptied by a Personal Data Deletion Request: kept for the statistics, no longer validated."""
		return self.full_name == ANONYMISED

	def set_nik(self):
		"""The NIK checked against the gender and birth date, normalised, and its masked form."""
		self.nik = validate_nik(self.nik, self.gender, self.date_of_birth)
		self.nik_masked = mask_nik(self.nik)

	def validate_unique_nik(self):
		other = frappe.db.get_value(
			"Member", {"nik": self.nik, "name": ("!=", self.name)}, ["name", "full_name"]
		)
		if other:
			frappe.throw(
				_(
					"NIK {0} is already registered for member {1} ({2}). One person has one membership."
				).format(self.nik, frappe.bold(other[0]), other[1]),
				DuplicateNIKError,
				title=_("Duplicate NIK"),
			)

	def validate_dates(self):
		refuse_future_date(self.date_of_birth, _("Date of Birth"))
		for fieldname in ("join_date", "work_start_date"):
			value = self.get(fieldname)
			if value and getdate(value) < getdate(self.date_of_birth):
				frappe.throw(
					_("{0} cannot be before the Date of Birth.").format(_(self.meta.get_label(fieldname))),
					InvalidDateError,
				)
		if self.leave_date and getdate(self.leave_date) < getdate(self.join_date):
			frappe.throw(_("Leave Date cannot be before the Join Date."), InvalidDateError)

	def set_leave_date(self):
		if self.status in ("Resigned", "Deceased") and not self.leave_date:
			self.leave_date = today()

	def set_federation(self):
		"""The sector federation above the local union (which must be a Local Union)."""
		validate_local_union(self.local_union)
		if self.has_value_changed("local_union") or not self.federation:
			self.federation = sector_federation_of(self.local_union)

	def warn_long_fixed_term_contract(self):
		if self.employment_status != "PKWT" or not self.work_start_date:
			return
		if getdate(add_years(self.work_start_date, PKWT_MAX_YEARS)) <= getdate(today()):
			frappe.msgprint(
				_(
					"{0} has worked on fixed-term contracts (PKWT) since {1}: more than five years. By law (PP 35/2021 Art. 8) the worker is now permanent, which may be a case to raise."
				).format(self.full_name, frappe.utils.formatdate(self.work_start_date)),
				title=_("PKWT longer than five years"),
				indicator="orange",
				alert=True,
			)

	def set_rights_flags(self):
		"""What the record shows to be a likely violation (casework/rights.py; its daily job keeps the
		flags current as time passes and minimum wages change)."""
		self.update(member_flags(self))


def on_doctype_update():
	"""Indexes of what the reports and the desk lists filter, group and sort on, beyond the single-column
	ones of the doctype (benchmarks/ measures them at a national union's size)."""
	frappe.db.add_index("Member", ["join_date"])
	frappe.db.add_index("Member", ["leave_date"])
	# a scoped list's count reads only this index: the federation, then Frappe's check on the local union
	frappe.db.add_index("Member", ["federation", "local_union"])
	# the link search reads only this index: name, card number, mobile and what it shows, by name
	frappe.db.add_index("Member", ["federation", "full_name", "mobile_no", "local_union", "nik_masked"])
	# Member Growth reads only these (by join or leave date, the reader's scope, what it counts)
	frappe.db.add_index("Member", ["join_date", "federation", "local_union", "gender", "employment_status"])
	frappe.db.add_index("Member", ["leave_date", "federation", "local_union", "gender"])
