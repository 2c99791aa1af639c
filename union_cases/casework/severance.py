"""What a dismissed worker is owed under PP 35/2021 and Law 13/2003 as amended by Law 6/2023.

Plain Python, no database: the Case form (casework/doctype/case) and the tests call `calculate` with
the reason's multipliers read from a Dismissal Reason record (the rows below are what a new site gets;
admins edit them in the desk). Amounts are rupiah, rounded to whole rupiah per line.
"""

import dataclasses
import datetime

from dateutil.relativedelta import relativedelta

from union_cases.utils.translation import N_

SEVERANCE_ARTICLE = "PP 35/2021 Pasal 40 ayat (2)"
LONG_SERVICE_ARTICLE = "PP 35/2021 Pasal 40 ayat (3)"
LEAVE_ARTICLE = "PP 35/2021 Pasal 40 ayat (4) huruf a"
TRAVEL_ARTICLE = "PP 35/2021 Pasal 40 ayat (4) huruf b"
OTHER_RIGHTS_ARTICLE = "PP 35/2021 Pasal 40 ayat (4) huruf c"
PKWT_ARTICLE = "PP 35/2021 Pasal 15-16"
WAGE_ARTICLE = "UU 13/2003 Pasal 157 (diubah UU 6/2023)"

MONTHLY, DAILY, PIECE_RATE = "Monthly", "Daily", "Piece-rate"
WAGE_TYPES = (N_("Monthly"), N_("Daily"), N_("Piece-rate"))

# the components, stored on each line in English and shown translated
SEVERANCE = N_("Severance Pay (UP)")
LONG_SERVICE = N_("Long-Service Pay (UPMK)")
LEAVE = N_("Untaken Annual Leave")
TRAVEL = N_("Travel Home for the Worker and Family")
OTHER_RIGHTS = N_("Other Rights under the Contract, Company Regulation or Collective Agreement")
SEPARATION = N_("Separation Pay (Uang Pisah)")
PKWT_COMPENSATION = N_("Fixed-Term Contract Compensation (PKWT)")


class SeveranceInputError(ValueError):
	"""An input the calculation cannot use (the controller turns it into a translated message)."""


@dataclasses.dataclass(frozen=True)
class Reason:
	name: str
	severance_multiplier: float  # × the months of Art. 40(2)
	long_service_multiplier: float  # × the months of Art. 40(3)
	article: str
	separation_pay_only: bool = False  # only UPH and the separation pay of the contract or agreement


# PP 35/2021 Art. 41-57 (DOMAIN.md, "Dismissal pay"); seeded as Dismissal Reason records
REASONS = (
	Reason(N_("Merger, Consolidation or Split"), 1, 1, "PP 35/2021 Pasal 41"),
	Reason(N_("Takeover"), 1, 1, "PP 35/2021 Pasal 42 ayat (1)"),
	Reason(N_("Takeover with Changed Terms the Worker Declines"), 0.5, 1, "PP 35/2021 Pasal 42 ayat (2)"),
	Reason(N_("Efficiency Because of Losses"), 0.5, 1, "PP 35/2021 Pasal 43 ayat (1)"),
	Reason(N_("Efficiency to Prevent Losses"), 1, 1, "PP 35/2021 Pasal 43 ayat (2)"),
	Reason(N_("Closure After Losses"), 0.5, 1, "PP 35/2021 Pasal 44 ayat (1)"),
	Reason(N_("Closure Not Due to Losses"), 1, 1, "PP 35/2021 Pasal 44 ayat (2)"),
	Reason(N_("Force Majeure with Closure"), 0.5, 1, "PP 35/2021 Pasal 45 ayat (1)"),
	Reason(N_("Force Majeure without Closure"), 0.75, 1, "PP 35/2021 Pasal 45 ayat (2)"),
	Reason(N_("Suspension of Debt Payments (PKPU) Due to Losses"), 0.5, 1, "PP 35/2021 Pasal 46 ayat (1)"),
	Reason(N_("Suspension of Debt Payments (PKPU) Not Due to Losses"), 1, 1, "PP 35/2021 Pasal 46 ayat (2)"),
	Reason(N_("Bankruptcy"), 0.5, 1, "PP 35/2021 Pasal 47"),
	Reason(N_("Worker's Petition over Employer Misconduct"), 1, 1, "PP 35/2021 Pasal 48"),
	Reason(N_("Resignation"), 0, 0, "PP 35/2021 Pasal 50", separation_pay_only=True),
	Reason(N_("Five Days' Unexplained Absence"), 0, 0, "PP 35/2021 Pasal 51", separation_pay_only=True),
	Reason(N_("Violation after the Third Warning"), 0.5, 1, "PP 35/2021 Pasal 52 ayat (1)"),
	Reason(N_("Urgent Violation"), 0, 0, "PP 35/2021 Pasal 52 ayat (2)", separation_pay_only=True),
	Reason(N_("Detention without Loss to the Company"), 0, 1, "PP 35/2021 Pasal 54 ayat (1)"),
	Reason(
		N_("Detention with Loss to the Company"),
		0,
		0,
		"PP 35/2021 Pasal 54 ayat (2)",
		separation_pay_only=True,
	),
	Reason(N_("Long Illness or Work-Accident Disability over 12 Months"), 2, 1, "PP 35/2021 Pasal 55"),
	Reason(N_("Retirement"), 1.75, 1, "PP 35/2021 Pasal 56"),
	Reason(N_("Death"), 2, 1, "PP 35/2021 Pasal 57"),
)


@dataclasses.dataclass
class Line:
	component: str
	article: str
	amount: float
	months: float | None = None  # months' wages of the line (after the multiplier), where it has them
	multiplier: float | None = None
	note: str = ""


@dataclasses.dataclass
class Calculation:
	wage: float  # the monthly wage the lines are based on
	years: int  # completed years of service
	months: int  # and completed months beyond them
	lines: list[Line]

	@property
	def total(self) -> float:
		return sum(line.amount for line in self.lines)


def service_length(start: datetime.date, end: datetime.date) -> tuple[int, int, int]:
	"""Completed (years, months, days) of service from the first day of work to the last, both counted."""
	if not start or not end:
		raise SeveranceInputError("dates")
	if end < start:
		raise SeveranceInputError("end before start")
	length = relativedelta(end + datetime.timedelta(days=1), start)
	return length.years, length.months, length.days


def severance_months(years: int) -> int:
	"""Art. 40(2): under 1 year 1 month's wage, one more for every completed year, 9 from 8 years."""
	return min(years + 1, 9)


def long_service_months(years: int) -> int:
	"""Art. 40(3): 2 months from 3 years, one more every 3 years to 8 at 21-24 years, 10 from 24."""
	if years < 3:
		return 0
	if years >= 24:
		return 10
	return 2 + (years - 3) // 3


def monthly_wage(
	wage_type: str = MONTHLY,
	base_wage: float = 0,
	fixed_allowances: float = 0,
	daily_wage: float = 0,
	piece_rate_average: float = 0,
	minimum_wage: float = 0,
) -> float:
	"""The wage basis (Law 13/2003 Art. 157 as amended by Law 6/2023): base wage plus fixed allowances;
	daily-paid workers 30 × the daily wage; piece-rate workers the average of the last 12 months, never
	below the minimum wage of the company's region."""
	values = (base_wage, fixed_allowances, daily_wage, piece_rate_average, minimum_wage)
	if any((value or 0) < 0 for value in values):
		raise SeveranceInputError("negative wage")
	if wage_type == DAILY:
		return 30 * (daily_wage or 0)
	if wage_type == PIECE_RATE:
		return max(piece_rate_average or 0, minimum_wage or 0)
	if wage_type != MONTHLY:
		raise SeveranceInputError("wage type")
	return (base_wage or 0) + (fixed_allowances or 0)


def calculate(
	start: datetime.date,
	end: datetime.date,
	wage: float,
	reason: Reason | None = None,
	fixed_term: bool = False,
	untaken_leave_days: float = 0,
	working_days_per_month: int = 25,
	travel_home: float = 0,
	other_rights: float = 0,
	separation_pay: float = 0,
) -> Calculation:
	"""The itemised claim. A permanent worker (PKWTT) needs the reason of dismissal; a fixed-term worker
	(PKWT) gets the compensation of Art. 15-16 instead of UP and UPMK. Compensation of rights (UPH) is
	always added: untaken leave at the monthly wage / working days a month (25 for a six-day week, 21 for
	five), the travel home and the other rights as amounts."""
	if (wage or 0) <= 0:
		raise SeveranceInputError("wage")
	amounts = (untaken_leave_days, travel_home, other_rights, separation_pay)
	if any((value or 0) < 0 for value in amounts):
		raise SeveranceInputError("negative amount")
	if untaken_leave_days and not working_days_per_month or (working_days_per_month or 0) < 0:
		raise SeveranceInputError("working days")
	years, months, days = service_length(start, end)
	lines = []
	if fixed_term:
		worked = round(years * 12 + months + days / 30, 2)
		if worked >= 1:
			lines.append(
				Line(PKWT_COMPENSATION, PKWT_ARTICLE, whole(worked / 12 * wage), round(worked / 12, 4))
			)
	else:
		if reason is None:
			raise SeveranceInputError("reason")
		if not reason.separation_pay_only:
			for component, article, base, multiplier in (
				(SEVERANCE, SEVERANCE_ARTICLE, severance_months(years), reason.severance_multiplier),
				(
					LONG_SERVICE,
					LONG_SERVICE_ARTICLE,
					long_service_months(years),
					reason.long_service_multiplier,
				),
			):
				if base and multiplier:
					lines.append(
						Line(
							component,
							f"{article}; {reason.article}",
							whole(base * multiplier * wage),
							base * multiplier,
							multiplier,
						)
					)
		elif separation_pay:
			lines.append(Line(SEPARATION, reason.article, whole(separation_pay)))
	if untaken_leave_days:
		lines.append(Line(LEAVE, LEAVE_ARTICLE, whole(untaken_leave_days * wage / working_days_per_month)))
	if travel_home:
		lines.append(Line(TRAVEL, TRAVEL_ARTICLE, whole(travel_home)))
	if other_rights:
		lines.append(Line(OTHER_RIGHTS, OTHER_RIGHTS_ARTICLE, whole(other_rights)))
	return Calculation(wage=wage, years=years, months=months, lines=lines)


def whole(amount: float) -> float:
	"""Rounded to the rupiah, half up (money, not banker's rounding)."""
	return float(int(amount + 0.5)) if amount >= 0 else -float(int(-amount + 0.5))
