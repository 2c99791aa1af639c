"""The working-day calendar of Indonesian labour law (Law 2/2004).

Working days skip Saturdays, Sundays and the holiday calendar (Public Holiday, seeded with
Indonesia's national holidays; where ERPNext is installed, also a Holiday List named in Union
Cases Settings). Periods are counted from the day after the starting date: a 7-working-day limit
from a Friday ends on the Tuesday of the week after next when nothing else intervenes.
"""

from __future__ import annotations

import bisect
import datetime
import functools

import frappe
from dateutil.relativedelta import relativedelta
from dateutil.rrule import DAILY, FR, MO, TH, TU, WE, rrule
from frappe.utils import getdate

HOLIDAY_CACHE_KEY = "union_cases:holidays"
WORKING_WEEKDAYS = (MO, TU, WE, TH, FR)


def get_holidays() -> frozenset[datetime.date]:
	"""Every holiday date the calendar skips (cached for the site; cleared when holidays change)."""

	def load() -> list[str]:
		dates = set(frappe.get_all("Public Holiday", pluck="holiday_date"))
		holiday_list = frappe.db.get_single_value("Union Cases Settings", "erpnext_holiday_list")
		if (
			holiday_list
			and "erpnext" in frappe.get_installed_apps()
			and frappe.db.exists("Holiday List", holiday_list)
		):
			dates.update(
				frappe.get_all(
					"Holiday", filters={"parent": holiday_list, "weekly_off": 0}, pluck="holiday_date"
				)
			)
		return sorted(str(d) for d in dates)

	return frozenset(getdate(d) for d in frappe.cache.get_value(HOLIDAY_CACHE_KEY, load))


def clear_holiday_cache(doc=None, method=None):
	frappe.cache.delete_value(HOLIDAY_CACHE_KEY)


def working_days(start: datetime.date, holidays: frozenset[datetime.date] | None = None):
	"""The working days after `start`, lazily (rrule over weekdays, holidays skipped)."""
	holidays = get_holidays() if holidays is None else holidays
	start = getdate(start)
	for day in rrule(DAILY, dtstart=start + datetime.timedelta(days=1), byweekday=WORKING_WEEKDAYS):
		if day.date() not in holidays:
			yield day.date()


def add_working_days(start, days: int, holidays: frozenset[datetime.date] | None = None) -> datetime.date:
	"""The `days`-th working day after `start` (0 gives `start` itself)."""
	start = getdate(start)
	if days <= 0:
		return start
	for count, day in enumerate(working_days(start, holidays), start=1):
		if count == days:
			return day
	raise AssertionError("unreachable")


def working_days_between(start, end, holidays: frozenset[datetime.date] | None = None) -> int:
	"""Working days after `start` up to and including `end`; negative when `end` is before `start`."""
	start, end = getdate(start), getdate(end)
	if end == start:
		return 0
	if end < start:
		return -working_days_between(end, start, holidays)
	holidays = get_holidays() if holidays is None else holidays
	# counted, not walked: the daily job asks this for every open deadline, some of them years overdue
	weeks, rest = divmod((end - start).days, 7)
	first = start.weekday() + 1  # the weekday of the day after start
	weekdays = weeks * 5 + sum(1 for k in range(rest) if (first + k) % 7 < 5)
	dates = weekday_holidays(holidays)
	return weekdays - (bisect.bisect_right(dates, end) - bisect.bisect_right(dates, start))


@functools.lru_cache(maxsize=8)
def weekday_holidays(holidays: frozenset[datetime.date]) -> tuple[datetime.date, ...]:
	"""The holidays that fall on a weekday, sorted (only those take a working day away)."""
	return tuple(sorted(day for day in holidays if day.weekday() < 5))


def add_period(start, duration: int, unit: str, holidays=None) -> datetime.date:
	start = getdate(start)
	if unit == "Calendar Days":
		return start + relativedelta(days=duration)
	if unit == "Calendar Years":
		return start + relativedelta(years=duration)
	return add_working_days(start, duration, holidays)
