"""Rights alerts: what a member's own record shows to be a likely violation of their rights.

- a fixed-term contract (PKWT) running more than five years since work started (PP 35/2021 Art. 8);
- a monthly wage below the minimum of the workplace's city or province (casework/minimum_wage.py);
- no BPJS Ketenagakerjaan or no BPJS Kesehatan number recorded;
- daily / casual work for three months or more (a daily worker working 21 days a month or more for
  three months becomes permanent, PP 35/2021 Art. 10(3)), or outsourced work for more than five years.

The Member controller sets the flags when a member is saved; the daily job `refresh_rights_flags` keeps
them current as time passes and minimum wages change, with one UPDATE over the members table (joined to
the regions' minimums), never member by member.
"""

import frappe
from dateutil.relativedelta import relativedelta
from frappe.utils import flt, getdate, today

from union_cases.casework.minimum_wage import is_below_minimum, minimum_wage_for
from union_cases.utils.translation import N_

PKWT_MAX_YEARS = 5
DAILY_MAX_MONTHS = 3
OUTSOURCED_MAX_YEARS = 5
# members whose records are still followed (not resigned or deceased)
FOLLOWED_STATUSES = ("Applicant", "Active", "Suspended")

# flag field: (label, the category of the case it opens)
ALERTS = {
	"flag_pkwt_over_limit": (
		N_("Fixed-Term Contract (PKWT) over Five Years"),
		"Contract Status Abuse (PKWT)",
	),
	"below_minimum_wage": (N_("Paid Below the Minimum Wage"), "Wage Below Regional Minimum"),
	"flag_no_bpjs": (N_("No BPJS Number Recorded"), "BPJS Not Registered or Not Paid"),
	"flag_long_casual": (N_("Daily or Outsourced Work for a Long Period"), "Contract Status Abuse (PKWT)"),
}


def limits(on=None) -> dict:
	day = getdate(on or today())
	return {
		"pkwt_limit": day - relativedelta(years=PKWT_MAX_YEARS),
		"daily_limit": day - relativedelta(months=DAILY_MAX_MONTHS),
		"outsourced_limit": day - relativedelta(years=OUTSOURCED_MAX_YEARS),
	}


def member_flags(member, on=None) -> dict[str, int]:
	"""The flags of one member (the Member controller's twin of the daily job's UPDATE)."""
	flags = dict.fromkeys(ALERTS, 0)
	if member.get("status") in FOLLOWED_STATUSES:
		bounds = limits(on)
		start = getdate(member.get("work_start_date")) if member.get("work_start_date") else None
		status = member.get("employment_status")
		flags["flag_pkwt_over_limit"] = int(bool(status == "PKWT" and start and start < bounds["pkwt_limit"]))
		flags["below_minimum_wage"] = int(is_below_minimum(member, on or today()))
		flags["flag_no_bpjs"] = int(
			not member.get("bpjs_ketenagakerjaan_no") or not member.get("bpjs_kesehatan_no")
		)
		flags["flag_long_casual"] = int(
			bool(
				start
				and (
					(status == "Daily / Casual" and start <= bounds["daily_limit"])
					or (status == "Outsourced" and start < bounds["outsourced_limit"])
				)
			)
		)
	flags["has_rights_alert"] = int(any(flags.values()))
	return flags


# the workplace's region as the Python side reads it (minimum_wage.workplace_region): the employer's
# province and city when it has either, else the member's own
EMPLOYER_HAS_REGION = "(ifnull(e.province, '') != '' or ifnull(e.city, '') != '')"
WORKPLACE_PROVINCE = f"if({EMPLOYER_HAS_REGION}, ifnull(e.province, ''), ifnull(m.province, ''))"
WORKPLACE_CITY = f"if({EMPLOYER_HAS_REGION}, ifnull(e.city, ''), ifnull(m.city, ''))"
REGION_SQL = f"{WORKPLACE_PROVINCE} as province, {WORKPLACE_CITY} as city"


def refresh_rights_flags(on=None) -> int:
	"""The daily job: set every member's flags in one UPDATE. Returns the number of members flagged."""
	day = getdate(on or today())
	values = {**limits(day), "followed": FOLLOWED_STATUSES}
	regions = frappe.db.sql(
		f"""select distinct {REGION_SQL}
		from `tabMember` m left join `tabEmployer` e on e.name = m.employer
		where ifnull(m.monthly_wage, 0) > 0""",
		as_dict=True,
	)
	minimums = [
		(row.province, row.city, amount)
		for row in regions
		if (amount := minimum_wage_for(day.year, row.province, row.city))
	]
	# the regions' minimums as a derived table (a temporary table's DDL would commit the transaction)
	region_rows = (
		" union all ".join(
			f"select {frappe.db.escape(p)} as province, {frappe.db.escape(c)} as city, {flt(amount)} as amount"
			for p, c, amount in minimums
		)
		or "select '' as province, '' as city, 0 as amount from dual where 0"
	)
	followed = "m.status in %(followed)s"
	flags = {
		"flag_pkwt_over_limit": "m.employment_status = 'PKWT' and m.work_start_date < %(pkwt_limit)s",
		"below_minimum_wage": "ifnull(m.monthly_wage, 0) > 0 and ifnull(m.monthly_wage, 0) < ifnull(r.amount, 0)",
		"flag_no_bpjs": "ifnull(m.bpjs_ketenagakerjaan_no, '') = '' or ifnull(m.bpjs_kesehatan_no, '') = ''",
		"flag_long_casual": "(m.employment_status = 'Daily / Casual' and m.work_start_date <= %(daily_limit)s)"
		" or (m.employment_status = 'Outsourced' and m.work_start_date < %(outsourced_limit)s)",
	}
	# a multi-table UPDATE assigns in no set order: the summary flag repeats the conditions
	assignments = [
		f"m.{field} = ifnull({followed} and ({condition}), 0)" for field, condition in flags.items()
	]
	assignments.append(
		f"m.has_rights_alert = ifnull({followed} and ({' or '.join(f'ifnull({c}, 0)' for c in flags.values())}), 0)"
	)
	frappe.db.sql(
		f"""update `tabMember` m
		left join `tabEmployer` e on e.name = m.employer
		left join ({region_rows}) r on r.province = {WORKPLACE_PROVINCE} and r.city = {WORKPLACE_CITY}
		set {", ".join(assignments)}""",
		values,
	)
	# the scheduler commits when the job returns
	return frappe.db.sql("select count(*) from `tabMember` where has_rights_alert = 1")[0][0]


# the most members one case from an alert takes (a larger group is split by the organiser)
CASE_MEMBER_LIMIT = 200


def open_alert_case(alert: str, members: list[str], employer: str | None) -> str:
	"""A case for the members flagged with one alert: the first is the complainant, the others parties
	(a collective case when there are several). Inserted with the session user's permissions."""
	label, category = ALERTS[alert]
	case = frappe.get_doc(
		{
			"doctype": "Case",
			"case_type": "Complaint",
			"title": frappe._("Rights alert: {0}").format(frappe._(label)),
			"category": category,
			"complainant": members[0],
			"employer": employer,
			"channel": "Desk",
			"description": frappe._(
				"Opened from the rights alerts: the members' records show this likely violation ({0})."
			).format(frappe._(label)),
			"members": [{"member": member} for member in members[1:]],
		}
	)
	case.insert()
	return case.name
