"""Times the daily rights-alerts job (union_cases/casework/rights.py: refresh_rights_flags) on many members.

Writes N synthetic members in one set-based INSERT (names KTA-BENCH-…, spread over the site's local
unions and employers, with every employment status, start dates over 25 years, a third with a monthly
wage, a tenth without BPJS numbers), adds a Minimum Wage for each province they use, runs the job
once, prints its time and what it flagged, then deletes what it wrote. A developer tool: its output is
English. From the bench's `sites` folder, with the bench's Python:

    ../env/bin/python ../apps/union_cases/benchmarks/rights_job.py --site union-test.localhost --members 1000000
"""

import argparse
import time

import frappe

PREFIX = "KTA-BENCH-"
DECREE = "BENCHMARK (not a real decree)"
STATUSES = ("PKWTT", "PKWT", "Outsourced", "Daily / Casual", "Piece-rate", "Apprentice")


def write_members(count: int):
	locals_ = frappe.get_all("Federation", filters={"level": "Local Union"}, pluck="name") or [None]
	employers = frappe.get_all("Employer", pluck="name", limit_page_length=1000) or [None]
	status_sql = "elt(1 + s.seq %% 6, " + ", ".join(frappe.db.escape(s) for s in STATUSES) + ")"
	local_sql = "elt(1 + s.seq %% %(locals)s, " + ", ".join(frappe.db.escape(x or "") for x in locals_) + ")"
	employer_sql = (
		"elt(1 + s.seq %% %(employers)s, " + ", ".join(frappe.db.escape(x or "") for x in employers) + ")"
	)
	done = 0
	step = 200_000
	while done < count:
		n = min(step, count - done)
		frappe.db.sql(
			f"""insert into `tabMember` (name, full_name, nik, gender, date_of_birth, local_union, employer,
				employment_status, work_start_date, monthly_wage, bpjs_ketenagakerjaan_no, bpjs_kesehatan_no,
				status, join_date, province, city, creation, modified, owner, modified_by, naming_series)
			select concat(%(prefix)s, lpad(s.seq + %(offset)s, 8, '0')), 'Benchmark Member',
				concat('BENCH', s.seq + %(offset)s), if(s.seq %% 2, 'Female', 'Male'), '1990-01-01',
				{local_sql}, {employer_sql}, {status_sql},
				date_sub(curdate(), interval (s.seq %% 9000) day),
				if(s.seq %% 3 = 0, 2000000 + (s.seq %% 4000000), 0),
				if(s.seq %% 10 = 0, null, '12345678901'), '1234567890123', 'Active', curdate(),
				elt(1 + s.seq %% 4, 'DKI Jakarta', 'Jawa Barat', 'Jawa Tengah', 'Jawa Timur'), '',
				now(), now(), 'Administrator', 'Administrator', 'KTA-.YYYY.-'
			from seq_1_to_{n} s""",
			{"prefix": PREFIX, "offset": done, "locals": len(locals_), "employers": len(employers)},
		)
		done += n
	frappe.db.commit()


def write_minimums(year: int):
	for province in ("DKI Jakarta", "Jawa Barat", "Jawa Tengah", "Jawa Timur"):
		if not frappe.db.exists(
			"Minimum Wage", {"year": year, "province": province, "city": ("is", "not set")}
		):
			frappe.get_doc(
				{
					"doctype": "Minimum Wage",
					"year": year,
					"province": province,
					"amount": 4_000_000,
					"decree_number": DECREE,
					"source": DECREE,
				}
			).insert(ignore_permissions=True)
	frappe.db.commit()


def clean():
	frappe.db.sql("delete from `tabMember` where name like %s", f"{PREFIX}%")
	frappe.db.sql("delete from `tabMinimum Wage` where decree_number = %s", DECREE)
	frappe.db.commit()


def main():
	parser = argparse.ArgumentParser()
	parser.add_argument("--site", required=True)
	parser.add_argument("--members", type=int, default=1_000_000)
	args = parser.parse_args()
	frappe.init(site=args.site)
	frappe.connect()
	from union_cases.casework.rights import refresh_rights_flags

	try:
		clean()
		started = time.perf_counter()
		write_members(args.members)
		write_minimums(frappe.utils.getdate().year)
		print(f"wrote {args.members} members in {time.perf_counter() - started:.1f} s")
		total = frappe.db.count("Member")
		started = time.perf_counter()
		flagged = refresh_rights_flags()
		frappe.db.commit()
		elapsed = time.perf_counter() - started
		print(f"refresh_rights_flags: {total} members, {flagged} flagged, {elapsed:.1f} s (goal < 60 s)")
	finally:
		clean()
		frappe.destroy()


if __name__ == "__main__":
	main()
