"""The regional minimum wage (UMK of a regency or city, else the province's UMP) and who is paid below it.

Minimum Wage records are data admins keep current as governors' decrees come out; the seeded rows
(`SEEDED`) carry their decree and source. Provinces and cities are matched on their names as typed on
the Employer (or, without one, the Member), ignoring case, spaces and a "Provinsi"/"Kota"/"Kabupaten" prefix.
"""

import re

import frappe
from frappe.utils import flt, getdate

PREFIXES = re.compile(r"^(provinsi|prov\.?|kota|kabupaten|kab\.?|daerah khusus ibukota|dki)\s+", re.I)


def region_key(name: str | None) -> str:
	name = re.sub(r"\s+", " ", (name or "").strip().lower())
	return PREFIXES.sub("", name).strip()


def minimum_wage_for(year: int, province: str | None, city: str | None = None) -> float | None:
	"""The monthly minimum wage of a year for a city (UMK) or, where none is recorded, its province (UMP)."""
	if not province and not city:
		return None
	rows = frappe.get_all(
		"Minimum Wage",
		filters={"year": int(year)},
		fields=["province", "city", "amount"],
		limit_page_length=0,
	)
	province_key, city_key = region_key(province), region_key(city)
	if city_key:
		for row in rows:
			if (
				row.city
				and region_key(row.city) == city_key
				and (not province_key or region_key(row.province) == province_key)
			):
				return flt(row.amount)
	for row in rows:
		if not row.city and province_key and region_key(row.province) == province_key:
			return flt(row.amount)
	return None


def workplace_region(member) -> tuple[str | None, str | None]:
	"""(province, city) of the member's workplace: the employer's, else the member's own."""
	if member.get("employer"):
		province, city = frappe.db.get_value("Employer", member.employer, ["province", "city"]) or (
			None,
			None,
		)
		if province or city:
			return province, city
	return member.get("province"), member.get("city")


def minimum_wage_of_member(member, on=None) -> float | None:
	province, city = workplace_region(member)
	return minimum_wage_for(getdate(on).year, province, city)


def is_below_minimum(member, on=None) -> bool:
	wage = flt(member.get("monthly_wage"))
	if not wage:
		return False
	minimum = minimum_wage_of_member(member, on)
	return bool(minimum and wage < minimum)
