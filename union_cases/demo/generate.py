"""Generated demo data: a fictional confederation with federations, members, cases and referrals.

Every organisation carries "(Demo)" in its name, demo cases and referrals are named CASE-DEMO-… and
REF-DEMO-…, and people are made up from common Indonesian given names. Running it again adds only
what is missing, so the counts stay the same.

    bench --site union.localhost union-cases-demo [--size N]
    bench --site union.localhost execute union_cases.demo.generate.generate --kwargs "{'size': 1}"
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

import frappe
from frappe.desk.page.setup_wizard.setup_wizard import setup_complete
from frappe.utils import add_days, get_datetime, getdate, today
from frappe.utils.password import update_password

from union_cases.casework.assignment import sync_intake_rules
from union_cases.constants import CASEWORK_ROLES
from union_cases.utils.identity import make_nik

SEED = 20261123
DEMO = "(Demo)"
CASE_PREFIX = "CASE-DEMO-"
REFERRAL_PREFIX = "REF-DEMO-"

CONFEDERATION = ("Konfederasi Serikat Buruh Nusantara (Demo)", "KSBN-DEMO")
# (name, code, sector, [(branch province, province code, city), ...])
FEDERATIONS = (
	(
		"Federasi Serikat Buruh Garmen (Demo)",
		"FSB-GARMEN",
		"Garment",
		(("Jawa Barat", 32, "Bandung"), ("Banten", 36, "Tangerang")),
	),
	(
		"Federasi Serikat Buruh Perkebunan Sawit (Demo)",
		"FSB-SAWIT",
		"Palm Oil",
		(("Riau", 14, "Pekanbaru"), ("Kalimantan Barat", 61, "Pontianak")),
	),
	(
		"Federasi Serikat Buruh Konstruksi (Demo)",
		"FSB-KONSTRUKSI",
		"Construction",
		(("DKI Jakarta", 31, "Jakarta Timur"), ("Jawa Timur", 35, "Surabaya")),
	),
)
SECTOR_WORDS = {
	"Garment": ("Tekstil", "Garmen", "Busana", "Apparel"),
	"Palm Oil": ("Sawit", "Agro", "Perkebunan", "Plantation"),
	"Construction": ("Konstruksi", "Beton", "Bangun", "Karya"),
}
COMPANY_WORDS = (
	"Sinar",
	"Mega",
	"Cahaya",
	"Maju",
	"Jaya",
	"Abadi",
	"Sentosa",
	"Makmur",
	"Bintang",
	"Samudra",
)
FEMALE_NAMES = (
	"Siti",
	"Dewi",
	"Sri",
	"Rina",
	"Ayu",
	"Wulan",
	"Nur",
	"Fitri",
	"Lestari",
	"Ratna",
	"Yuni",
	"Indah",
	"Putri",
	"Rahma",
	"Sari",
	"Eka",
	"Dian",
	"Maya",
	"Nia",
	"Tuti",
)
MALE_NAMES = (
	"Budi",
	"Agus",
	"Joko",
	"Andi",
	"Rudi",
	"Hendra",
	"Eko",
	"Dedi",
	"Bambang",
	"Slamet",
	"Yusuf",
	"Rizki",
	"Ahmad",
	"Fajar",
	"Dimas",
	"Teguh",
	"Wahyu",
	"Arif",
	"Hadi",
	"Iwan",
)
FAMILY_NAMES = (
	"Santoso",
	"Wijaya",
	"Pratama",
	"Saputra",
	"Hidayat",
	"Kurniawan",
	"Lestari",
	"Siregar",
	"Nasution",
	"Simanjuntak",
	"Harahap",
	"Setiawan",
	"Rahayu",
	"Purnomo",
	"Susanto",
	"Gunawan",
	"Sihombing",
	"Manurung",
	"Sinaga",
	"Tanjung",
)
STREETS = (
	"Jl. Melati",
	"Jl. Kenanga",
	"Jl. Merdeka",
	"Jl. Pahlawan",
	"Jl. Industri",
	"Jl. Raya Pabrik",
	"Gg. Mawar",
)
EMPLOYMENT = (
	("PKWTT", 45),
	("PKWT", 25),
	("Outsourced", 15),
	("Daily / Casual", 8),
	("Piece-rate", 5),
	("Apprentice", 2),
)
MEMBER_STATUS = (("Active", 88), ("Suspended", 3), ("Resigned", 7), ("Deceased", 2))
JOBS = {
	"Garment": ("Operator Jahit", "Quality Control", "Potong Kain", "Packing", "Admin Gudang"),
	"Palm Oil": ("Pemanen", "Pemupuk", "Mandor", "Sopir Truk", "Operator Pabrik"),
	"Construction": ("Tukang Batu", "Tukang Besi", "Operator Alat Berat", "Mandor", "Pengawas K3"),
}
PARTNERS = (
	("LBH Buruh Contoh Jakarta (Demo)", "Legal Aid", "DKI Jakarta", "Pendampingan hukum, gugatan PHI", 1),
	("LBH Contoh Bandung (Demo)", "Legal Aid", "Jawa Barat", "Pendampingan hukum, mediasi", 1),
	("Disnaker Kota Contoh (Demo)", "Labour Office", "Jawa Barat", "Pencatatan perselisihan, mediasi", 1),
	("Pengawas Ketenagakerjaan Contoh (Demo)", "Labour Office", "Riau", "Pemeriksaan norma kerja", 1),
	("BPJS Ketenagakerjaan Cabang Contoh (Demo)", "BPJS", "Banten", "Klaim JHT, JKK, JKP", 1),
	("BPJS Kesehatan Cabang Contoh (Demo)", "BPJS", "Jawa Timur", "Kepesertaan JKN", 0),
	(
		"Rumah Aman Perempuan Contoh (Demo)",
		"Women's Protection",
		"DKI Jakarta",
		"Pendampingan korban kekerasan",
		1,
	),
	("Klinik Pekerja Contoh (Demo)", "Health Service", "Kalimantan Barat", "Pemeriksaan kesehatan kerja", 1),
	("Tim Hukum Konfederasi (Demo)", "Union Level", "DKI Jakarta", "Litigasi tingkat nasional", 1),
	("Pusat Studi Perburuhan Contoh (Demo)", "Other", "Jawa Tengah", "Riset dan pelatihan", 0),
)
CASE_STORIES = {
	"Wage Below Regional Minimum": "Upah dibayar di bawah UMK {city} selama {months} bulan terakhir.",
	"Unpaid Overtime": "Lembur {months} bulan tidak dibayar sesuai ketentuan.",
	"Holiday Allowance (THR) Not Paid": "THR tahun ini tidak dibayar penuh oleh {employer}.",
	"BPJS Not Registered or Not Paid": "Iuran BPJS dipotong dari upah tetapi tidak disetorkan selama {months} bulan.",
	"Contract Status Abuse (PKWT)": "Bekerja dengan PKWT berulang-ulang untuk pekerjaan yang bersifat tetap.",
	"Outsourcing Abuse": "Pekerja alih daya ditempatkan pada pekerjaan inti produksi.",
	"Dismissal and Severance": "Di-PHK sepihak tanpa pesangon yang sesuai ketentuan.",
	"Union Busting": "Pengurus serikat dimutasi setelah mengajukan perundingan.",
	"Occupational Safety and Health": "Alat pelindung diri tidak disediakan di bagian produksi.",
	"Gender-Based Violence and Harassment": "Pelecehan oleh atasan di tempat kerja (rahasia).",
	"Discrimination": "Pekerja perempuan tidak diberi kesempatan promosi yang sama.",
	"Maternity Rights": "Cuti melahirkan dipotong dan upah tidak dibayar selama cuti.",
}
CASE_STATUS = (
	("New", 15),
	("Under Verification", 10),
	("Accepted", 10),
	("In Handling", 25),
	("Resolved", 15),
	("Closed", 20),
	("Rejected", 5),
)
REFERRAL_STATUS = (
	("Draft", 10),
	("Sent", 20),
	("Accepted", 15),
	("In Progress", 25),
	("Completed", 20),
	("Declined", 5),
	("Returned", 5),
)
RESOLUTIONS = ("Joint Agreement (PB)", "Mediator Recommendation Accepted", "Court Judgment", "Withdrawn")


def grant(user: str, allow: str, value: str):
	"""Give a user a User Permission (all doctypes; a tree node's descendants included), once."""
	if not frappe.db.exists("User Permission", {"user": user, "allow": allow, "for_value": value}):
		frappe.get_doc(
			{
				"doctype": "User Permission",
				"user": user,
				"allow": allow,
				"for_value": value,
				"apply_to_all_doctypes": 1,
			}
		).insert(ignore_permissions=True)


@dataclass(frozen=True)
class Counts:
	confederations: int = 1
	federations: int = 3
	branches: int = 6
	local_unions: int = 12
	employers: int = 20
	members: int = 300
	cases: int = 60
	referral_partners: int = 10
	referrals: int = 15


def planned_counts(size: int = 1) -> Counts:
	"""What generate(size) creates: the default set, with people and cases multiplied by size."""
	per = branches_per_federation(size)
	return Counts(
		branches=len(FEDERATIONS) * per,
		local_unions=len(FEDERATIONS) * per * 2,
		employers=20 * size,
		members=300 * size,
		cases=60 * size,
		referrals=15 * size,
	)


def branches_per_federation(size: int) -> int:
	return 2 * max(1, round(size**0.5))


def stream(section: str) -> random.Random:
	"""A random stream of its own per section, so a rerun draws the same values whatever exists already."""
	return random.Random(f"{SEED}:{section}")


def weighted(rng: random.Random, choices):
	values, weights = zip(*choices, strict=True)
	return rng.choices(values, weights=weights)[0]


def generate(size: int = 1, password: str | None = None) -> Counts:
	"""Create the demo data set (idempotent). Returns the counts of demo records that now exist."""
	size = max(1, int(size))
	lang = frappe.local.lang
	# titles and texts in the site's language (Indonesian on a demo site)
	frappe.local.lang = frappe.db.get_single_value("System Settings", "language") or "en"
	try:
		locals_ = make_organisation(size)
		employers = make_employers(size, stream("employers"))
		assign_employers(locals_, employers)
		members = make_members(size, locals_, stream("members"))
		partners = make_partners()
		staff = make_staff(password)
		cases = make_cases(size, members, staff, stream("cases"))
		make_referrals(size, cases, partners, stream("referrals"))
		make_portal_people(password)
	finally:
		frappe.local.lang = lang
	sync_intake_rules()
	frappe.db.commit()
	return existing_counts()


def complete_setup_wizard():
	"""Finish Frappe's setup wizard with Indonesian defaults, so a demo site opens straight in the desk."""
	if frappe.is_setup_complete():
		# a site whose wizard was finished without them (by a migrate, or by tests) still gets
		# the demo's language, country and time zone, but none its admin has chosen is changed
		settings = frappe.get_single("System Settings")
		chosen = {"language": "id", "country": "Indonesia", "time_zone": "Asia/Jakarta"}
		missing = {field: value for field, value in chosen.items() if not settings.get(field)}
		if missing:
			frappe.db.set_single_value("System Settings", missing)
			if "language" in missing:
				frappe.db.set_default("lang", "id")
			frappe.clear_cache()
		return
	setup_complete(
		{
			"language": frappe.db.get_value("Language", "id", "language_name") or "English",
			"country": "Indonesia",
			"timezone": "Asia/Jakarta",
			"currency": "IDR",
		}
	)


def not_after_today(date) -> datetime.date:
	return min(getdate(date), getdate(today()))


def insert(doc: dict, name: str | None = None):
	document = frappe.get_doc(doc)
	document.flags.ignore_permissions = True
	document.insert(set_name=name)
	return document


def make_organisation(size: int) -> list[dict]:
	"""The tree; returns its local unions as dicts (name, province, province code, city, sector)."""
	confed, code = CONFEDERATION
	if not frappe.db.exists("Federation", confed):
		insert(
			{
				"doctype": "Federation",
				"federation_name": confed,
				"code": code,
				"level": "Confederation",
				"province": "DKI Jakarta",
				"city": "Jakarta Pusat",
			}
		)
	local_unions = []
	per = branches_per_federation(size)
	for fed_name, fed_code, sector, places in FEDERATIONS:
		if not frappe.db.exists("Federation", fed_name):
			insert(
				{
					"doctype": "Federation",
					"federation_name": fed_name,
					"code": fed_code,
					"level": "Federation",
					"parent_federation": confed,
					"sector": sector,
					"province": "DKI Jakarta",
				}
			)
		for b in range(per):
			province, province_code, city = places[b % len(places)]
			suffix = "" if b < len(places) else f" {b // len(places) + 1}"
			branch = f"DPC {fed_code.split('-')[1].title()} {city}{suffix} {DEMO}"
			if not frappe.db.exists("Federation", branch):
				insert(
					{
						"doctype": "Federation",
						"federation_name": branch,
						"code": f"{fed_code}-B{b + 1:02d}",
						"level": "Branch",
						"parent_federation": fed_name,
						"sector": sector,
						"province": province,
						"city": city,
					}
				)
			for u in range(2):
				number = b * 2 + u + 1
				local = f"PK {fed_code.split('-')[1].title()} {city}{suffix} {u + 1} {DEMO}"
				if not frappe.db.exists("Federation", local):
					insert(
						{
							"doctype": "Federation",
							"federation_name": local,
							"code": f"{fed_code}-PK{number:03d}",
							"level": "Local Union",
							"parent_federation": branch,
							"sector": sector,
							"province": province,
							"city": city,
						}
					)
				local_unions.append(
					{
						"name": local,
						"province": province,
						"province_code": province_code,
						"city": city,
						"sector": sector,
					}
				)
	return local_unions


def plan_employers(size: int, rng: random.Random) -> list[dict]:
	"""The employers of a data set of this size, as Employer values (not yet written)."""
	employers = []
	sectors = [sector for _f, _c, sector, _p in FEDERATIONS]
	places = [place for _f, _c, _s, fed_places in FEDERATIONS for place in fed_places]
	for i in range(20 * size):
		sector = sectors[i % len(sectors)]
		words = SECTOR_WORDS[sector]
		province, _code, city = places[i % len(places)]
		name = f"PT {COMPANY_WORDS[i % len(COMPANY_WORDS)]} {words[(i // len(COMPANY_WORDS)) % len(words)]} {city}"
		name = f"{name} {i // 40 + 1 if i >= 40 else ''}".strip() + f" {DEMO}"
		employers.append(
			{
				"doctype": "Employer",
				"name": name,
				"employer_name": name,
				"sector": sector,
				"province": province,
				"city": city,
				"address": f"{rng.choice(STREETS)} No. {rng.randint(1, 200)}, {city}",
				"workforce_size": rng.choice((150, 400, 800, 1500, 3000, 6000)),
				"parent_company": employers[0]["name"] if i == 19 else None,
			}
		)
	return employers


def make_employers(size: int, rng: random.Random) -> list[dict]:
	employers = plan_employers(size, rng)
	for values in employers:
		if not frappe.db.exists("Employer", values["name"]):
			insert({key: value for key, value in values.items() if key != "name"})
	return employers


def assign_employers(local_unions: list[dict], employers: list[dict]):
	"""Each local union sits at one workplace: the first employer of its sector and city."""
	by_place = {}
	for employer in employers:
		by_place.setdefault((employer["sector"], employer["city"]), []).append(employer)
	for index, local in enumerate(local_unions):
		same_place = by_place.get((local["sector"], local["city"]), [])
		local["employer"] = (
			same_place[index % len(same_place)]["name"] if same_place else employers[0]["name"]
		)


def make_members(size: int, local_unions: list[dict], rng: random.Random) -> list[dict]:
	total = 300 * size
	planned = []
	for i in range(total):
		local = local_unions[i % len(local_unions)]
		female = rng.random() < (0.65 if local["sector"] == "Garment" else 0.3)
		birth = datetime.date(1965, 1, 1) + datetime.timedelta(days=rng.randint(0, 365 * 39))
		nik = make_nik(
			local["province_code"],
			(i // (9999 * 90)) % 90 + 1,
			(i // 9999) % 90 + 1,
			birth,
			female,
			i % 9999 + 1,
		)
		first = rng.choice(FEMALE_NAMES if female else MALE_NAMES)
		family = rng.choice(FAMILY_NAMES)
		work_start = birth + datetime.timedelta(days=365 * 19 + rng.randint(0, 365 * 15))
		work_start = min(work_start, getdate(add_days(today(), -60)))
		join = min(
			work_start + datetime.timedelta(days=rng.randint(30, 900)), getdate(add_days(today(), -30))
		)
		status = weighted(rng, MEMBER_STATUS)
		planned.append(
			{
				"doctype": "Member",
				"full_name": f"{first} {family}",
				"nik": nik,
				"gender": "Female" if female else "Male",
				"date_of_birth": birth,
				"mobile_no": f"0812{rng.randint(10_000_000, 99_999_999)}",
				"email": f"{first.lower()}.{family.lower()}{i}@example.org" if rng.random() < 0.4 else None,
				"province": local["province"],
				"city": local["city"],
				"address": f"{rng.choice(STREETS)} No. {rng.randint(1, 200)}, {local['city']}",
				"local_union": local["name"],
				"employer": local["employer"],
				"employment_status": weighted(rng, EMPLOYMENT),
				"job_title": rng.choice(JOBS[local["sector"]]),
				"work_start_date": work_start,
				"join_date": join,
				"status": status,
				"leave_date": add_days(join, rng.randint(200, 700))
				if status in ("Resigned", "Deceased")
				else None,
				"bpjs_ketenagakerjaan_no": f"{rng.randint(10**10, 10**11 - 1)}",
				"bpjs_kesehatan_no": f"000{rng.randint(10**9, 10**10 - 1)}",
			}
		)
	existing = dict(
		frappe.get_all(
			"Member",
			filters={"nik": ("in", [m["nik"] for m in planned])},
			fields=["nik", "name"],
			as_list=True,
		)
	)
	members = []
	for row in planned:
		if row["leave_date"]:
			row["leave_date"] = not_after_today(row["leave_date"])
		name = existing.get(row["nik"]) or insert(row).name
		members.append(
			{
				"name": name,
				"local_union": row["local_union"],
				"employer": row["employer"],
				"status": row["status"],
				"city": row["city"],
			}
		)
	return members


def make_partners() -> list[str]:
	start = getdate(today()).replace(month=1, day=1)
	for index, (name, partner_type, region, services, current) in enumerate(PARTNERS):
		if frappe.db.exists("Referral Partner", name):
			continue
		insert(
			{
				"doctype": "Referral Partner",
				"partner_name": name,
				"partner_type": partner_type,
				"region": region,
				"services": services,
				"contact_person": f"Koordinator {index + 1}",
				"email": f"mitra{index + 1}@example.org",
				"agreement_start": add_days(start, -730),
				"agreement_end": add_days(start, 730) if current else add_days(start, -30),
			}
		)
	return [p[0] for p in PARTNERS]


def make_cases(size: int, members: list[dict], staff: dict, rng: random.Random) -> list[dict]:
	categories = list(CASE_STORIES)
	active = [m for m in members if m["status"] == "Active"]
	cases = []
	for i in range(60 * size):
		name = f"{CASE_PREFIX}{i + 1:05d}"
		member = active[(i * 7) % len(active)]
		category = categories[i % len(categories)]
		status = weighted(rng, CASE_STATUS)
		# finished cases spread over two years; cases still in progress were opened in recent weeks
		age = rng.randint(90, 700) if status in ("Resolved", "Closed", "Rejected") else rng.randint(2, 75)
		opening = add_days(today(), -age)
		incident = add_days(opening, -rng.randint(1, 15))
		cases.append({"name": name, "status": status, "opening_date": opening})
		story = CASE_STORIES[category].format(
			city=member["city"], months=rng.randint(2, 12), employer=member["employer"]
		)
		colleagues = []
		if rng.random() < 0.15:
			colleagues = [m for m in active if m["local_union"] == member["local_union"] and m != member][:3]
		closed = status in ("Resolved", "Closed")
		values = {
			"doctype": "Case",
			"title": f"{frappe._(category)}: {member['employer'].replace(' ' + DEMO, '')}",
			"category": category,
			"complainant": member["name"],
			"priority": rng.choice(("Low", "Medium", "Medium", "High", "Urgent")),
			"incident_date": incident,
			"opening_date": opening,
			"description": f"<p>{story}</p>",
			"members": [{"member": m["name"]} for m in colleagues],
			"stages": demo_stages(status, opening, rng),
			"resolution_type": rng.choice(RESOLUTIONS) if closed else None,
			"amount_recovered": rng.choice((0, 2_500_000, 7_800_000, 15_000_000, 42_000_000))
			if closed
			else 0,
			"reinstated": 1 if closed and category == "Dismissal and Severance" and rng.random() < 0.5 else 0,
		}
		if frappe.db.exists("Case", name):
			continue
		case = insert(values, name=name)
		if status != "New":
			move_demo_case(case, status, staff.get(case.federation, {}), rng)
	return cases


def demo_stages(status: str, opening, rng: random.Random) -> list[dict]:
	"""Bipartite talks under way or done, and for some a mediation after failed talks."""
	if status not in ("In Handling", "Resolved", "Closed"):
		return []
	start = not_after_today(add_days(opening, rng.randint(2, 10)))
	if status == "In Handling" and rng.random() < 0.5:
		return [{"stage": "Bipartite", "stage_status": "Ongoing", "start_date": start}]
	end = not_after_today(add_days(start, rng.randint(10, 40)))
	bipartite = {"stage": "Bipartite", "stage_status": "Completed", "start_date": start, "end_date": end}
	if status != "In Handling":
		return [{**bipartite, "result": "Agreement"}]
	mediation_start = not_after_today(add_days(end, rng.randint(5, 20)))
	hearing = add_days(mediation_start, rng.randint(3, 12))
	mediation = {"stage": "Mediation", "stage_status": "Ongoing", "start_date": mediation_start}
	if getdate(hearing) <= getdate(today()):
		mediation["first_hearing_date"] = hearing
	return [{**bipartite, "result": "Failed"}, mediation]


def move_demo_case(case, status: str, staff: dict, rng: random.Random):
	"""Put a demo case in its state the quick way: as if the workflow had been followed."""
	values = {"workflow_state": status}
	if status != "Rejected":
		values["handler"] = staff.get("Legal Advisor")
		frappe.db.set_value("Case Verification Check", {"parent": case.name}, "done", 1)
	else:
		values["rejection_reason"] = "Bukan anggota aktif pada tanggal kejadian."
	if status not in ("Under Verification", "Rejected"):
		values["verified_by"] = staff.get("Case Operator")
	values["verification_started_on"] = add_days(case.opening_date, rng.randint(0, 3))
	if status == "Closed":
		values["closing_date"] = not_after_today(add_days(case.opening_date, rng.randint(20, 120)))
	frappe.db.set_value("Case", case.name, values, update_modified=False)


PARTNER_USER = "mitra.lbh@example.org"
STAFF_NAMES = {"Case Operator": "Operator", "Legal Advisor": "Advokat", "Federation Officer": "Pengurus"}


def make_staff(password: str | None = None) -> dict[str, dict[str, str]]:
	"""One operator, legal advisor and officer per federation, scoped to it with a User Permission."""
	staff = {}
	for fed_name, fed_code, _sector, _places in FEDERATIONS:
		short = fed_code.split("-")[1].lower()
		staff[fed_name] = {}
		for role in CASEWORK_ROLES:
			email = staff_email(role, fed_code)
			staff[fed_name][role] = email
			make_user(email, f"{STAFF_NAMES[role]} {short.title()}", (role,), password)
			grant(email, "Federation", fed_name)
	make_user("admin.serikat@example.org", "Admin Serikat", ("Union Administrator",), password)
	# a person at the first legal-aid partner, who sees only the referrals sent to it
	make_user(PARTNER_USER, "Mitra LBH", ("Referral Partner",), password)
	grant(PARTNER_USER, "Referral Partner", PARTNERS[0][0])
	return staff


# members with a portal login, one in each situation the portal shows (tests/browser/portal_sweep.js)
PORTAL_MEMBERS = {
	"anggota.baru@example.org": "no case",
	"anggota.kasus@example.org": "In Handling",
	"anggota.selesai@example.org": "Closed",
}
DEMO_APPLICANT = "pelamar.demo@example.org"


def make_portal_people(password: str | None = None):
	"""Three members who log in to the portal (one without a case, one with a case in handling, one
	with a closed case to rate) and an application the operator has asked more information about."""
	# in the garment federation, whose operator (operator.garmen@example.org) the browser tests use
	federation = FEDERATIONS[0][0]
	taken = set(frappe.get_all("Member", filters={"user": ("is", "set")}, pluck="name"))
	with_cases = set(frappe.get_all("Case", pluck="complainant"))
	for email, situation in PORTAL_MEMBERS.items():
		if frappe.db.exists("Member", {"user": email}):
			continue
		if situation == "no case":
			candidates = frappe.get_all(
				"Member",
				filters={
					"status": "Active",
					"federation": federation,
					"name": ("not in", list(with_cases | taken)),
				},
				pluck="name",
			)
		else:
			candidates = frappe.get_all(
				"Case",
				filters={
					"workflow_state": situation,
					"federation": federation,
					"complainant": ("not in", list(taken) or [""]),
				},
				pluck="complainant",
				order_by="name",
			)
		if not candidates:
			continue
		member = frappe.get_doc("Member", candidates[0])
		make_user(email, member.full_name, ("Union Member",), password, user_type="Website User")
		member.db_set("user", email)
		taken.add(member.name)
	if not frappe.db.exists("Membership Application", {"email": DEMO_APPLICANT}):
		local_union = frappe.db.get_value("Member", {"federation": federation}, "local_union")
		application = insert(
			{
				"doctype": "Membership Application",
				"full_name": "Rina Pelamar",
				"nik": make_nik(32, 73, 5, datetime.date(1996, 5, 14), True, 9001),
				"gender": "Female",
				"date_of_birth": datetime.date(1996, 5, 14),
				"mobile_no": "+6281200009001",
				"email": DEMO_APPLICANT,
				"local_union": local_union,
				"employer_name": "PT Contoh Garmen (Demo)",
				"consent_personal_data": 1,
			}
		)
		application.db_set(
			{
				"workflow_state": "Needs Information",
				"review_note": "Mohon kirim foto e-KTP yang lebih jelas; nomor NIK tidak terbaca.",
			},
			update_modified=False,
		)


def demo_staff_emails() -> list[str]:
	emails = ["admin.serikat@example.org", PARTNER_USER]
	for _name, fed_code, _sector, _places in FEDERATIONS:
		emails += [staff_email(role, fed_code) for role in CASEWORK_ROLES]
	return emails


def staff_email(role: str, fed_code: str) -> str:
	return f"{STAFF_NAMES[role].lower()}.{fed_code.split('-')[1].lower()}@example.org"


def make_user(email: str, full_name: str, roles, password: str | None, user_type: str = "System User"):
	if frappe.db.exists("User", email):
		return
	first, _sep, last = full_name.partition(" ")
	user = frappe.get_doc(
		{
			"doctype": "User",
			"email": email,
			"first_name": first,
			"last_name": last,
			"send_welcome_email": 0,
			"language": "id",
			"user_type": user_type,
		}
	)
	user.append_roles(*roles)
	user.flags.no_welcome_mail = True
	user.insert(ignore_permissions=True)
	if password:
		update_password(email, password)


def make_referrals(size: int, cases: list[dict], partners: list[str], rng: random.Random):
	handled = [c for c in cases if c["status"] not in ("New", "Rejected")] or cases
	for i in range(15 * size):
		name = f"{REFERRAL_PREFIX}{i + 1:05d}"
		case = handled[(i * 3) % len(handled)]
		status = weighted(rng, REFERRAL_STATUS)
		referral_date = not_after_today(add_days(case["opening_date"], rng.randint(5, 30)))
		values = {
			"doctype": "Referral",
			"case": case["name"],
			"partner": partners[i % len(partners)],
			"referral_date": referral_date,
			"reason": "Membutuhkan pendampingan lanjutan dari mitra.",
			"outcome": "Kasus selesai dengan kesepakatan." if status == "Completed" else None,
			"decline_reason": "Di luar wilayah layanan kami." if status in ("Declined", "Returned") else None,
		}
		if frappe.db.exists("Referral", name):
			continue
		referral = insert(values, name=name)
		if status != "Draft":
			move_demo_referral(referral, status, referral_date, rng)


def move_demo_referral(referral, status: str, referral_date, rng: random.Random):
	"""Put a demo referral in its state with the dates of each step, as if the partner had answered."""
	sent = get_datetime(referral_date)
	steps = {"sent_on": sent}
	if status in ("Accepted", "In Progress", "Completed", "Returned"):
		steps["accepted_on"] = sent + datetime.timedelta(hours=rng.randint(4, 120))
	if status in ("In Progress", "Completed"):
		steps["started_on"] = steps["accepted_on"] + datetime.timedelta(hours=rng.randint(2, 48))
	if status == "Completed":
		steps["completed_on"] = steps["started_on"] + datetime.timedelta(days=rng.randint(5, 60))
	if status in ("Declined", "Returned"):
		steps["closed_on"] = sent + datetime.timedelta(days=rng.randint(1, 20))
	values = {"workflow_state": status, **steps}
	if "accepted_on" in steps:
		values["days_to_accept"] = round((steps["accepted_on"] - sent).total_seconds() / 86400, 1)
	if "completed_on" in steps:
		values["days_to_complete"] = round((steps["completed_on"] - sent).total_seconds() / 86400, 1)
	frappe.db.set_value("Referral", referral.name, values, update_modified=False)


def demo_local_unions() -> list[str]:
	confed = CONFEDERATION[0]
	if not frappe.db.exists("Federation", confed):
		return []
	lft, rgt = frappe.db.get_value("Federation", confed, ["lft", "rgt"])
	return frappe.get_all(
		"Federation", filters={"lft": (">", lft), "rgt": ("<", rgt), "level": "Local Union"}, pluck="name"
	)


def existing_counts() -> Counts:
	confed = CONFEDERATION[0]
	tree = {}
	if frappe.db.exists("Federation", confed):
		lft, rgt = frappe.db.get_value("Federation", confed, ["lft", "rgt"])
		for level in ("Confederation", "Federation", "Branch", "Local Union"):
			tree[level] = frappe.db.count(
				"Federation", {"lft": (">=", lft), "rgt": ("<=", rgt), "level": level}
			)
	locals_ = demo_local_unions()
	return Counts(
		confederations=tree.get("Confederation", 0),
		federations=tree.get("Federation", 0),
		branches=tree.get("Branch", 0),
		local_unions=tree.get("Local Union", 0),
		employers=frappe.db.count("Employer", {"name": ("like", f"%{DEMO}")}),
		members=frappe.db.count("Member", {"local_union": ("in", locals_)}) if locals_ else 0,
		cases=frappe.db.count("Case", {"name": ("like", f"{CASE_PREFIX}%")}),
		referral_partners=frappe.db.count("Referral Partner", {"name": ("like", f"%{DEMO}")}),
		referrals=frappe.db.count("Referral", {"name": ("like", f"{REFERRAL_PREFIX}%")}),
	)


def clear():
	"""Remove every demo record (and nothing else)."""
	locals_ = demo_local_unions()
	cases = frappe.get_all("Case", filters={"name": ("like", f"{CASE_PREFIX}%")}, pluck="name")
	members = (
		frappe.get_all("Member", filters={"local_union": ("in", locals_)}, pluck="name") if locals_ else []
	)
	frappe.db.delete("Referral", {"name": ("like", f"{REFERRAL_PREFIX}%")})
	for child in (
		"Case Member",
		"Case Evidence",
		"Case Stage",
		"Case Deadline",
		"Case Verification Check",
		"Case Link",
	):
		frappe.db.delete(child, {"parenttype": "Case", "parent": ("in", cases or [""])})
	frappe.db.delete("ToDo", {"reference_type": "Case", "reference_name": ("in", cases or [""])})
	frappe.db.delete("Case", {"name": ("in", cases or [""])})
	frappe.db.delete("Member", {"name": ("in", members or [""])})
	frappe.db.delete("Referral Partner", {"name": ("like", f"%{DEMO}")})
	frappe.db.delete("Employer", {"name": ("like", f"%{DEMO}")})
	frappe.db.delete("Membership Application", {"email": DEMO_APPLICANT})
	for email in [*demo_staff_emails(), *PORTAL_MEMBERS]:
		frappe.db.delete("User Permission", {"user": email})
		if frappe.db.exists("User", email):
			frappe.delete_doc("User", email, ignore_permissions=True, force=True)
	confed = CONFEDERATION[0]
	if frappe.db.exists("Federation", confed):
		lft, rgt = frappe.db.get_value("Federation", confed, ["lft", "rgt"])
		nodes = frappe.get_all(
			"Federation", filters={"lft": (">=", lft), "rgt": ("<=", rgt)}, pluck="name", order_by="lft desc"
		)
		for node in nodes:
			frappe.delete_doc("Federation", node, ignore_permissions=True, force=True)
	frappe.db.commit()
