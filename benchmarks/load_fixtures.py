"""Portal users for the drills: active members who can log in (a member who left has their portal user
disabled), each the complainant of at least one case, and
what the simulated users need to know (their cases, the operators, the sectors and categories).

Run with the bench's Python from the bench's `sites` folder:

    ../env/bin/python ../apps/union_cases/benchmarks/load_fixtures.py --site S --members 50 \
        --password P --output fixtures.json

The members get portal users `anggota.drill.<n>@example.org` (role Union Member) with the password given;
running it again reuses them. The demo's staff (operators) are listed with the cases each may open. The
password is not written to the output. A developer tool: its output is English.
"""

import argparse
import json

import frappe
from frappe.utils.password import update_password

DRILL_USER = "anggota.drill.{}@example.org"
OPERATORS = ("operator.garmen@example.org", "operator.sawit@example.org", "operator.konstruksi@example.org")


def ensure_members(count: int, password: str) -> list[dict]:
	complainants = frappe.db.sql_list(
		"""select c.complainant from tabCase c join tabMember m on m.name = c.complainant
		where ifnull(c.confidential, 0) = 0 and m.status = 'Active'
		group by c.complainant order by count(*) desc, c.complainant limit %s""",
		count,
	)
	members = []
	for i, member in enumerate(complainants, start=1):
		user = frappe.db.get_value("Member", member, "user")
		if not user:
			user = DRILL_USER.format(i)
			if not frappe.db.exists("User", user):
				doc = frappe.get_doc(
					{
						"doctype": "User",
						"email": user,
						"first_name": "Anggota",
						"last_name": f"Drill {i}",
						"send_welcome_email": 0,
						"user_type": "Website User",
						"language": "id",
					}
				)
				doc.append("roles", {"role": "Union Member"})
				doc.flags.no_welcome_mail = True
				frappe.flags.in_import = True  # past Frappe's 60 new users an hour (a data import's way)
				try:
					doc.insert(ignore_permissions=True)
				finally:
					frappe.flags.in_import = False
			frappe.db.set_value("Member", member, "user", user, update_modified=False)
		if not frappe.db.get_value("User", user, "enabled"):
			# a drill user of an earlier run whose member had left then (the app disabled it); active now
			frappe.db.set_value("User", user, "enabled", 1)
		update_password(user, password)
		cases = frappe.get_all(
			"Case", filters={"complainant": member, "confidential": 0}, pluck="name", order_by="name"
		)
		members.append({"user": user, "member": member, "cases": cases})
	frappe.db.commit()
	return members


def operators() -> list[dict]:
	found = []
	for user in OPERATORS:
		if not frappe.db.exists("User", user):
			continue
		federation = frappe.db.get_value(
			"User Permission", {"user": user, "allow": "Federation"}, "for_value"
		)
		cases = frappe.get_all(
			"Case",
			filters={"federation": federation, "confidential": 0},
			pluck="name",
			order_by="modified desc",
			limit=50,
		)
		found.append({"user": user, "federation": federation, "cases": cases})
	return found


def main():
	parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
	parser.add_argument("--site", required=True)
	parser.add_argument("--members", type=int, default=50)
	parser.add_argument("--password", required=True)
	parser.add_argument("--output", required=True)
	args = parser.parse_args()
	frappe.init(site=args.site)
	frappe.connect()
	try:
		data = {
			"site": args.site,
			"members": ensure_members(args.members, args.password),
			"operators": operators(),
			"federations": frappe.get_all(
				"Federation", filters={"level": "Federation", "active": 1}, pluck="name"
			),
			"categories": frappe.get_all("Case Category", filters={"is_active": 1}, pluck="name"),
			"counts": {
				dt: frappe.db.count(dt) for dt in ("Member", "Case", "Case Deadline", "Employer", "User")
			},
		}
	finally:
		frappe.destroy()
	with open(args.output, "w") as f:
		json.dump(data, f, indent=1)
	print(
		f"{len(data['members'])} members with portal users, {len(data['operators'])} operators; "
		+ ", ".join(f"{k}: {v}" for k, v in data["counts"].items())
	)


if __name__ == "__main__":
	main()
