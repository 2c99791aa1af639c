"""The union's claim saved on a case: the severance calculation of a dismissal (casework/severance.py)
with its inputs on the Case, itemised in its Claim Lines, and the amount claimed."""

import frappe
from frappe import _
from frappe.utils import flt, getdate, today

from union_cases.casework import severance
from union_cases.casework.minimum_wage import minimum_wage_for, minimum_wage_of_member, workplace_region
from union_cases.exceptions import SeveranceError
from union_cases.utils.translation import N_

INPUTS = (
	"dismissal_reason",
	"fixed_term_contract",
	"service_start_date",
	"service_end_date",
	"base_wage",
	"fixed_allowances",
	"daily_wage",
	"piece_rate_average",
)

MESSAGES = {
	"dates": N_("Give the first and the last day of work to calculate the severance."),
	"end before start": N_("The last day of work cannot be before the first."),
	"reason": N_("Choose the reason of dismissal: it sets the multipliers of the severance."),
	"wage": N_("Give the wage: the severance is counted in months' wages."),
	"wage type": N_("Choose how the wage is paid: monthly, daily or piece-rate."),
	"working days": N_(
		"Give the working days a month (25 for a six-day week, 21 for five) to value the leave."
	),
}


def reason_of(name: str) -> severance.Reason:
	row = frappe.get_cached_doc("Dismissal Reason", name)
	return severance.Reason(
		row.reason_name,
		flt(row.severance_multiplier),
		flt(row.long_service_multiplier),
		row.article,
		bool(row.separation_pay_only),
	)


def has_severance_inputs(case) -> bool:
	return any(case.get(field) for field in INPUTS)


def set_regional_minimum(case):
	"""A piece-rate worker's basis is never below the minimum wage: fill it from the records when known."""
	if case.wage_type != severance.PIECE_RATE or flt(case.regional_minimum_wage):
		return
	member = frappe._dict(employer=case.employer)
	if case.complainant:
		member = (
			frappe.db.get_value("Member", case.complainant, ["employer", "province", "city"], as_dict=True)
			or member
		)
	province, city = workplace_region(member)
	year = getdate(case.service_end_date or case.opening_date).year
	case.regional_minimum_wage = minimum_wage_for(year, province, city) or 0


def set_severance_claim(case):
	"""Recalculate the claim lines from the case's inputs (nothing when the section is empty)."""
	if not has_severance_inputs(case):
		return
	set_regional_minimum(case)
	try:
		case.wage_basis = severance.monthly_wage(
			case.wage_type or severance.MONTHLY,
			flt(case.base_wage),
			flt(case.fixed_allowances),
			flt(case.daily_wage),
			flt(case.piece_rate_average),
			flt(case.regional_minimum_wage),
		)
		result = severance.calculate(
			getdate(case.service_start_date) if case.service_start_date else None,
			getdate(case.service_end_date) if case.service_end_date else None,
			case.wage_basis,
			reason_of(case.dismissal_reason) if case.dismissal_reason else None,
			fixed_term=bool(case.fixed_term_contract),
			untaken_leave_days=flt(case.untaken_leave_days),
			working_days_per_month=int(case.working_days_per_month or 0),
			travel_home=flt(case.travel_home_cost),
			other_rights=flt(case.other_rights_amount),
			separation_pay=flt(case.separation_pay),
		)
	except severance.SeveranceInputError as error:
		frappe.throw(
			_(MESSAGES.get(str(error), N_("The severance cannot be calculated from these inputs."))),
			SeveranceError,
			title=_("Severance Claim"),
		)
	case.service_years, case.service_months = result.years, result.months
	case.service_length = _("{0} years {1} months").format(result.years, result.months)
	case.set(
		"severance_lines",
		[
			{
				"component": line.component,
				"article": line.article,
				"months": line.months,
				"amount": line.amount,
			}
			for line in result.lines
		],
	)
	case.amount_claimed = result.total


WAGE_CATEGORY = "Wage Below Regional Minimum"


def set_wage_shortfall(case):
	"""A case about a wage below the regional minimum: the complainant's wage, the minimum of their
	workplace in the year the case was opened, the monthly shortfall, and the shortfall of every month
	from January to the month of opening."""
	for field in (
		"monthly_minimum_wage",
		"complainant_monthly_wage",
		"monthly_shortfall",
		"shortfall_this_year",
	):
		case.set(field, 0)
	if case.category != WAGE_CATEGORY or not case.complainant:
		return
	member = frappe.db.get_value(
		"Member", case.complainant, ["employer", "province", "city", "monthly_wage"], as_dict=True
	)
	if not member or not flt(member.monthly_wage):
		return
	opened = getdate(case.opening_date or today())
	minimum = minimum_wage_of_member(member, opened)
	if not minimum:
		return
	case.monthly_minimum_wage = minimum
	case.complainant_monthly_wage = flt(member.monthly_wage)
	case.monthly_shortfall = max(minimum - flt(member.monthly_wage), 0)
	case.shortfall_this_year = case.monthly_shortfall * opened.month
