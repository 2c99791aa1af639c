"""The severance calculator (casework/severance.py) and the claim it saves on a dismissal case.

Table-driven over every reason of dismissal, the service lengths on each band edge, the wage bases and
fixed-term contracts; and checked against worked examples published by Indonesian labour-law writers,
quoted with their source."""

import datetime

import frappe
from dateutil.relativedelta import relativedelta

from union_cases.casework import severance
from union_cases.casework.severance import DAILY, MONTHLY, PIECE_RATE, calculate, monthly_wage
from union_cases.exceptions import SeveranceError
from union_cases.tests.utils import UnionTestCase, make_case, make_member

START = datetime.date(2000, 1, 1)
WAGE = 5_000_000


def last_day(years: int = 0, months: int = 0, days: int = 0) -> datetime.date:
	"""The last day of work after that much service from START (the day before the anniversary)."""
	return START + relativedelta(years=years, months=months, days=days) - datetime.timedelta(days=1)


def amounts(result) -> dict[str, float]:
	return {line.component: line.amount for line in result.lines}


FULL = severance.Reason("_full", 1, 1, "_test")

# service (years, months, days) -> (UP months, UPMK months): PP 35/2021 Art. 40(2) and (3)
BANDS = (
	((0, 0, 1), 1, 0),  # one day
	((0, 11, 0), 1, 0),
	((1, 0, -1), 1, 0),  # a day short of a year
	((1, 0, 0), 2, 0),
	((2, 0, 0), 3, 0),
	((3, 0, -1), 3, 0),
	((3, 0, 0), 4, 2),
	((5, 0, 0), 6, 2),
	((6, 0, -1), 6, 2),
	((6, 0, 0), 7, 3),
	((8, 0, -1), 8, 3),
	((8, 0, 0), 9, 3),
	((9, 0, 0), 9, 4),
	((12, 0, 0), 9, 5),
	((15, 0, 0), 9, 6),
	((18, 0, 0), 9, 7),
	((21, 0, -1), 9, 7),
	((21, 0, 0), 9, 8),
	((24, 0, -1), 9, 8),
	((24, 0, 0), 9, 10),
	((35, 0, 0), 9, 10),
)

# reason -> (UP, UPMK) in months' wages for 10 years of service (UP 9, UPMK 4 before the multipliers),
# written out from DOMAIN.md ("Dismissal pay"), not read from the seeded table
TEN_YEARS = {
	"Merger, Consolidation or Split": (9, 4),
	"Takeover": (9, 4),
	"Takeover with Changed Terms the Worker Declines": (4.5, 4),
	"Efficiency Because of Losses": (4.5, 4),
	"Efficiency to Prevent Losses": (9, 4),
	"Closure After Losses": (4.5, 4),
	"Closure Not Due to Losses": (9, 4),
	"Force Majeure with Closure": (4.5, 4),
	"Force Majeure without Closure": (6.75, 4),
	"Suspension of Debt Payments (PKPU) Due to Losses": (4.5, 4),
	"Suspension of Debt Payments (PKPU) Not Due to Losses": (9, 4),
	"Bankruptcy": (4.5, 4),
	"Worker's Petition over Employer Misconduct": (9, 4),
	"Resignation": (0, 0),
	"Five Days' Unexplained Absence": (0, 0),
	"Violation after the Third Warning": (4.5, 4),
	"Urgent Violation": (0, 0),
	"Detention without Loss to the Company": (0, 4),
	"Detention with Loss to the Company": (0, 0),
	"Long Illness or Work-Accident Disability over 12 Months": (18, 4),
	"Retirement": (15.75, 4),
	"Death": (18, 4),
}


class TestSeveranceTables(UnionTestCase):
	def test_service_bands(self):
		for (years, months, days), up, upmk in BANDS:
			with self.subTest(years=years, months=months, days=days):
				result = calculate(START, last_day(years, months, days), WAGE, FULL)
				got = amounts(result)
				self.assertEqual(got.get(severance.SEVERANCE), up * WAGE)
				self.assertEqual(got.get(severance.LONG_SERVICE, 0), upmk * WAGE)
				lines = {line.component: line for line in result.lines}
				self.assertIn("Pasal 40 ayat (2)", lines[severance.SEVERANCE].article)

	def test_every_reason(self):
		self.assertEqual({reason.name for reason in severance.REASONS}, set(TEN_YEARS))
		for reason in severance.REASONS:
			with self.subTest(reason=reason.name):
				up, upmk = TEN_YEARS[reason.name]
				result = calculate(START, last_day(10), WAGE, reason, separation_pay=1_000_000)
				got = amounts(result)
				self.assertEqual(got.get(severance.SEVERANCE, 0), up * WAGE)
				self.assertEqual(got.get(severance.LONG_SERVICE, 0), upmk * WAGE)
				self.assertEqual(
					got.get(severance.SEPARATION, 0), 1_000_000 if reason.separation_pay_only else 0
				)
				for line in result.lines:
					self.assertTrue(line.article.startswith("PP 35/2021 Pasal"), line.article)
					if line.component != severance.SEPARATION:
						self.assertIn(reason.article, line.article)

	def test_seeded_reasons_match_the_law(self):
		"""The Dismissal Reason records a new site gets are the table above, each citing its article."""
		for reason in severance.REASONS:
			with self.subTest(reason=reason.name):
				row = frappe.get_doc("Dismissal Reason", reason.name)
				self.assertEqual(
					(
						row.severance_multiplier,
						row.long_service_multiplier,
						row.article,
						row.separation_pay_only,
					),
					(
						reason.severance_multiplier,
						reason.long_service_multiplier,
						reason.article,
						int(reason.separation_pay_only),
					),
				)

	def test_wage_basis(self):
		for wage_type, values, expected in (
			(MONTHLY, {"base_wage": 4_000_000, "fixed_allowances": 1_000_000}, 5_000_000),
			(MONTHLY, {"base_wage": 4_000_000}, 4_000_000),
			(DAILY, {"daily_wage": 150_000}, 4_500_000),  # 30 x the daily wage
			(PIECE_RATE, {"piece_rate_average": 3_000_000, "minimum_wage": 2_500_000}, 3_000_000),
			# never below the minimum wage
			(PIECE_RATE, {"piece_rate_average": 2_000_000, "minimum_wage": 2_500_000}, 2_500_000),
			(PIECE_RATE, {"piece_rate_average": 2_000_000}, 2_000_000),
		):
			with self.subTest(wage_type=wage_type, values=values):
				self.assertEqual(monthly_wage(wage_type, **values), expected)
		daily = calculate(START, last_day(4), monthly_wage(DAILY, daily_wage=100_000), FULL)
		self.assertEqual(amounts(daily)[severance.SEVERANCE], 5 * 3_000_000)

	def test_fixed_term_contracts(self):
		for (years, months, days), expected in (
			((0, 0, 20), None),  # under a month: no compensation (Art. 15(3))
			((0, 1, 0), 5_000_000 / 12),
			((0, 7, 0), 7 * 5_000_000 / 12),
			((1, 0, 0), 5_000_000),
			((2, 0, 0), 10_000_000),
			((5, 0, 0), 25_000_000),
		):
			with self.subTest(years=years, months=months, days=days):
				result = calculate(START, last_day(years, months, days), WAGE, fixed_term=True)
				got = amounts(result)
				self.assertNotIn(severance.SEVERANCE, got)
				if expected is None:
					self.assertEqual(result.lines, [])
				else:
					self.assertEqual(got[severance.PKWT_COMPENSATION], severance.whole(expected))
					self.assertEqual(result.lines[0].article, "PP 35/2021 Pasal 15-16")

	def test_compensation_of_rights(self):
		result = calculate(
			START,
			last_day(2),
			5_000_000,
			FULL,
			untaken_leave_days=5,
			travel_home=750_000,
			other_rights=250_000,
		)
		got = amounts(result)
		self.assertEqual(got[severance.LEAVE], 1_000_000)  # 5 days x 5,000,000 / 25
		self.assertEqual(got[severance.TRAVEL], 750_000)
		self.assertEqual(got[severance.OTHER_RIGHTS], 250_000)
		self.assertEqual(result.total, 3 * 5_000_000 + 2_000_000)
		five_day_week = calculate(
			START, last_day(2), 4_200_000, FULL, untaken_leave_days=3, working_days_per_month=21
		)
		self.assertEqual(amounts(five_day_week)[severance.LEAVE], 600_000)

	def test_inputs_refused(self):
		for kwargs in (
			{"start": START, "end": START - datetime.timedelta(days=1), "wage": WAGE, "reason": FULL},
			{"start": None, "end": START, "wage": WAGE, "reason": FULL},
			{"start": START, "end": last_day(1), "wage": 0, "reason": FULL},
			{"start": START, "end": last_day(1), "wage": WAGE},  # a permanent worker needs the reason
			{"start": START, "end": last_day(1), "wage": WAGE, "reason": FULL, "travel_home": -1},
		):
			with self.subTest(kwargs=kwargs), self.assertRaises(severance.SeveranceInputError):
				calculate(**kwargs)
		with self.assertRaises(severance.SeveranceInputError):
			monthly_wage("Weekly", base_wage=1)


class TestPublishedExamples(UnionTestCase):
	"""Worked examples from Indonesian labour-law writing, with their source."""

	def test_pkwt_five_years(self):
		"""kompasiana.com/lanjarwahyudi4444, "Selamat, Sekarang Karyawan Kontrak Diberi Pesangon (Uang
		Kompensasi)": "Gaji Pokok sebesar 4 juta rupiah + Tunjangan Jabatan sebesar 6 juta rupiah, sehingga
		totalnya adalah 10 juta rupiah ... masa kerja = 5 th = 5 x 12 bulan = 60 bulan ... Uang Kompensasi =
		(60 : 12) x 10 juta rupiah = 50 juta rupiah"."""
		wage = monthly_wage(MONTHLY, base_wage=4_000_000, fixed_allowances=6_000_000)
		result = calculate(START, last_day(5), wage, fixed_term=True)
		self.assertEqual(result.total, 50_000_000)

	def test_pkwt_seven_and_twelve_months(self):
		"""kompasiana.com/ardrik, "Cara Menghitung Uang Kompensasi Karyawan Kontrak": "Karyawan A PKWT 7
		bulan ... 7/12*5,000,000 = 2,916,666 ... pembulatan ke atas menjadi Rp. 2,917,000" and "karyawan B
		dengan masa kerja 12 bulan ... 12/12*5,000,000 = 5,000,000"."""
		seven = calculate(START, last_day(months=7), 5_000_000, fixed_term=True)
		self.assertAlmostEqual(seven.total, 2_916_666, delta=1)  # the writer truncates, we round
		twelve = calculate(START, last_day(months=12), 5_000_000, fixed_term=True)
		self.assertEqual(twelve.total, 5_000_000)

	def test_long_illness_twenty_years(self):
		"""hmlawoffice.blogspot.com, "Cara Menghitung Pesangon" (March 2021), on PP 35/2021 Art. 55 and 57:
		"Upah terakhir ... upah pokok sebesar Rp 4.500.000, tunjangan tetap sebesar Rp 1.500.000, dan
		tunjangan tidak tetap sebesar Rp 1.000.000. Budi telah bekerja pada PT. Bagus sejak tanggal 25 Maret
		2000" (dismissed 3 January 2021) "... = 20 tahun lebih ... jumlah upah Budi yang diperhitungkan
		sebagai dasar perhitungan pesangon adalah Rp 6.000.000", the worker being owed "uang pesangon
		sebesar 2 (dua) kali ketentuan Pasal 40 ayat (2)" and "uang penghargaan masa kerja sebesar 1 (satu)
		kali ketentuan Pasal 40 ayat (3)". The article's inputs, carried through Art. 40's tables (20 years:
		9 months' UP, 7 months' UPMK)."""
		wage = monthly_wage(MONTHLY, base_wage=4_500_000, fixed_allowances=1_500_000)  # not the 1,000,000
		self.assertEqual(wage, 6_000_000)
		reason = severance.Reason("illness", 2, 1, "PP 35/2021 Pasal 55")
		result = calculate(datetime.date(2000, 3, 25), datetime.date(2021, 1, 3), wage, reason)
		self.assertEqual(result.years, 20)
		got = amounts(result)
		self.assertEqual(got[severance.SEVERANCE], 2 * 9 * 6_000_000)
		self.assertEqual(got[severance.LONG_SERVICE], 7 * 6_000_000)

	def test_long_service_ten_years(self):
		"""palpos.disway.id, "Begini Cara Menghitung Pesangon Karyawan yang Terkena PHK beserta Dasar
		Hukumnya": "seorang karyawan dengan masa kerja 10 tahun dan gaji Rp15 juta akan menerima UPMK
		sebesar 4 bulan upah, yaitu Rp60 juta"."""
		result = calculate(START, last_day(10), 15_000_000, FULL)
		self.assertEqual(amounts(result)[severance.LONG_SERVICE], 60_000_000)


class TestClaimOnCase(UnionTestCase):
	def setUp(self):
		frappe.db.delete("Minimum Wage", {"decree_number": ("like", "\\_Test%")})
		frappe.db.commit()

	def termination_case(self, **values):
		member = make_member(work_start_date=datetime.date(2016, 3, 1))
		return make_case(member, dispute_type="Termination", **values)

	def test_claim_saved_on_the_case(self):
		case = self.termination_case(
			dismissal_reason="Efficiency Because of Losses",
			service_start_date="2016-03-01",
			service_end_date="2026-11-30",
			wage_type="Monthly",
			base_wage=4_000_000,
			fixed_allowances=500_000,
			untaken_leave_days=5,
			working_days_per_month=25,
		)
		self.assertEqual(case.wage_basis, 4_500_000)
		lines = [(row.component, row.amount) for row in case.severance_lines]
		self.assertEqual(
			lines,
			[
				(severance.SEVERANCE, 0.5 * 9 * 4_500_000),  # 10 years: 9 months x 0.5 (Art. 43(1))
				(severance.LONG_SERVICE, 4 * 4_500_000),
				(severance.LEAVE, 900_000),
			],
		)
		self.assertIn("Pasal 43 ayat (1)", case.severance_lines[0].article)
		self.assertEqual(case.amount_claimed, 0.5 * 9 * 4_500_000 + 4 * 4_500_000 + 900_000)
		self.assertEqual(case.service_length, "10 years 9 months")
		# the reason changed: the lines follow
		case.dismissal_reason = "Closure Not Due to Losses"
		case.save()
		self.assertEqual(case.severance_lines[0].amount, 9 * 4_500_000)

	def test_claim_statement_prints_in_indonesian(self):
		case = self.termination_case(
			dismissal_reason="Retirement",
			service_start_date="2001-01-01",
			service_end_date="2026-11-30",
			base_wage=6_000_000,
		)
		html = frappe.get_print("Case", case.name, print_format="Claim Statement", doc=case)
		self.assertIn("PERNYATAAN TUNTUTAN HAK PEKERJA", html)
		self.assertIn("Uang Pesangon (UP)", html)
		self.assertIn("PP 35/2021 Pasal 40 ayat (2); PP 35/2021 Pasal 56", html)
		self.assertIn("Pensiun", html)
		self.assertIn("Rp 154.500.000", html)
		self.assertIn("25 tahun 11 bulan", html)
		self.assertEqual(case.amount_claimed, (1.75 * 9 + 10) * 6_000_000)

	def test_piece_rate_never_below_the_minimum(self):
		frappe.get_doc(
			{
				"doctype": "Minimum Wage",
				"year": 2026,
				"province": "_Test Province",
				"amount": 3_000_000,
				"decree_number": "_Test 1/2025",
				"source": "_Test",
			}
		).insert()
		frappe.db.set_value("Employer", "_Test Employer", "province", "_Test Province")
		case = self.termination_case(
			fixed_term_contract=1,
			service_start_date="2026-01-01",
			service_end_date="2026-06-30",
			wage_type="Piece-rate",
			piece_rate_average=2_400_000,
		)
		self.assertEqual((case.regional_minimum_wage, case.wage_basis), (3_000_000, 3_000_000))
		self.assertEqual(case.amount_claimed, 1_500_000)  # 6/12 x 3,000,000

	def test_incomplete_inputs_refused(self):
		with self.assertRaises(SeveranceError):
			self.termination_case(service_start_date="2016-03-01", service_end_date="2026-11-30", base_wage=1)
		case = self.termination_case()
		self.assertEqual((case.severance_lines, case.amount_claimed or 0), ([], 0))

	def test_outcomes_report_shows_claimed_beside_recovered(self):
		from union_cases.casework.report.case_outcomes.case_outcomes import execute

		case = self.termination_case(amount_claimed=7_000_000, amount_recovered=5_000_000)
		case.db_set("resolution_type", "Joint Agreement (PB)")
		columns, data, *_rest = execute({})
		self.assertLess(
			[c["fieldname"] for c in columns].index("amount_claimed"),
			[c["fieldname"] for c in columns].index("amount_recovered"),
		)
		row = next(row for row in data if row.resolution_type == "Joint Agreement (PB)")
		self.assertGreaterEqual(row.amount_claimed, 7_000_000)
		self.assertGreaterEqual(row.amount_recovered, 5_000_000)
