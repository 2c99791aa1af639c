# Copyright (c) 2026, union_cases contributors
# For license information, please see license.txt

import frappe
import holidays as holiday_calendars
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, today

from union_cases.casework.deadlines.calendar import clear_holiday_cache


class PublicHoliday(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		description: DF.Data
		holiday_date: DF.Date
		holiday_type: DF.Literal["National Holiday", "Collective Leave (Cuti Bersama)", "Regional Holiday"]

	# end: auto-generated types
	def validate(self):
		other = frappe.db.get_value(
			"Public Holiday", {"holiday_date": self.holiday_date, "name": ("!=", self.name)}, "description"
		)
		if other:
			frappe.throw(
				_("{0} is already in the calendar as {1}.").format(
					frappe.utils.formatdate(self.holiday_date), other
				),
				frappe.DuplicateEntryError,
			)

	def on_update(self):
		clear_holiday_cache()

	def on_trash(self):
		clear_holiday_cache()


def seed_national_holidays(years=None):
	"""Add Indonesia's national holidays (from the `holidays` package) that are not in the calendar yet.

	Collective leave days (cuti bersama) are decreed each year: administrators add them by hand.
	"""
	this_year = getdate(today()).year  # the site's date, in its time zone
	years = years or range(this_year - 1, this_year + 3)
	known = set(frappe.get_all("Public Holiday", pluck="holiday_date"))
	for day, description in sorted(holiday_calendars.country_holidays("ID", years=years).items()):
		if day in known:
			continue
		frappe.get_doc(
			{
				"doctype": "Public Holiday",
				"holiday_date": day,
				"description": description,
				"holiday_type": "National Holiday",
			}
		).insert(ignore_permissions=True)
	clear_holiday_cache()


def seed_next_year():
	"""Yearly scheduler job: keep the calendar two years ahead."""
	this_year = getdate(today()).year  # the site's date, in its time zone
	seed_national_holidays(range(this_year, this_year + 3))
