"""What a site holds, written so that two sites can be compared: the backup and restore drill
(benchmarks/backup_drill.sh) takes one of the site backed up and one of the site restored from it.

Run with the bench's Python from the bench's `sites` folder:

    ../env/bin/python ../apps/union_cases/benchmarks/site_snapshot.py --site S --output s.json
    ../env/bin/python ../apps/union_cases/benchmarks/site_snapshot.py --compare a.json b.json

The snapshot holds: the row count of every table of the site's database; the SHA-256 of every file
under public/files and private/files (backups left out) and of the file behind every File record; a
sample of records of every app doctype and of User, field by field with their child rows (the first,
the last and a seeded random choice of names); every user with their type, enabled flag, roles and User
Permissions; a digest of every password hash and of every encrypted secret decrypted (so the values are
compared, never written). A developer tool: its output is English.
"""

import argparse
import hashlib
import json
import os
import random
import sys

import frappe
import frappe.utils.password

SAMPLE = 12  # records per doctype beside the first and the last


def digest(value) -> str:
	return hashlib.sha256(value if isinstance(value, bytes) else str(value).encode()).hexdigest()


def file_digest(path: str) -> str | None:
	if not os.path.isfile(path):
		return None
	h = hashlib.sha256()
	with open(path, "rb") as f:
		for block in iter(lambda: f.read(1 << 20), b""):
			h.update(block)
	return h.hexdigest()


def table_counts() -> dict:
	tables = frappe.db.sql_list("show tables")
	return {table: frappe.db.sql(f"select count(*) from `{table}`")[0][0] for table in tables}


def files_on_disk() -> dict:
	site_path = frappe.get_site_path()
	found = {}
	for folder in ("public/files", "private/files"):
		root = os.path.join(site_path, folder)
		for directory, _dirs, names in os.walk(root):
			for name in names:
				path = os.path.join(directory, name)
				found[os.path.relpath(path, site_path)] = file_digest(path)
	return found


def file_records() -> dict:
	records = {}
	for f in frappe.get_all("File", filters={"is_folder": 0}, fields=["name", "file_url", "is_private"]):
		url = f.file_url or ""
		if url.startswith("/private/files/") or url.startswith("/files/"):
			path = frappe.get_site_path(url.lstrip("/") if url.startswith("/private") else "public" + url)
			records[f.name] = {"url": url, "sha256": file_digest(path)}
		else:
			records[f.name] = {"url": url, "sha256": None}  # an external link
	return records


def sample_names(doctype: str) -> list[str]:
	names = frappe.get_all(doctype, pluck="name", order_by="name asc")
	if len(names) <= SAMPLE + 2:
		return names
	rng = random.Random(doctype)
	return sorted({names[0], names[-1], *rng.sample(names, SAMPLE)})


def records_field_by_field() -> dict:
	doctypes = frappe.get_all(
		"DocType",
		filters={"module": ("in", frappe.get_module_list("union_cases")), "istable": 0, "issingle": 0},
		pluck="name",
	)
	doctypes += ["User", "Workflow", "Assignment Rule", "Webhook"]
	sample = {}
	for doctype in sorted(set(doctypes)):
		if frappe.get_meta(doctype).is_virtual:
			continue
		for name in sample_names(doctype):
			doc = frappe.get_doc(doctype, name).as_dict(convert_dates_to_str=True)
			sample[f"{doctype}/{name}"] = json.loads(json.dumps(doc, default=str, sort_keys=True))
	# Singles: every field of every single doctype (settings)
	for row in frappe.db.sql("select doctype, field, value from tabSingles order by doctype, field"):
		sample.setdefault(f"Singles/{row[0]}", {})[row[1]] = row[2]
	return sample


def users_and_roles() -> dict:
	users = {}
	for u in frappe.get_all("User", fields=["name", "enabled", "user_type"], order_by="name"):
		users[u.name] = {
			"enabled": u.enabled,
			"user_type": u.user_type,
			"roles": sorted(
				frappe.get_all("Has Role", filters={"parent": u.name, "parenttype": "User"}, pluck="role")
			),
			"user_permissions": sorted(
				f"{p.allow}={p.for_value} all={p.apply_to_all_doctypes} hide={p.hide_descendants}"
				for p in frappe.get_all(
					"User Permission",
					filters={"user": u.name},
					fields=["allow", "for_value", "apply_to_all_doctypes", "hide_descendants"],
				)
			),
		}
	return users


def secrets() -> dict:
	"""Password hashes and encrypted secrets, as digests: equal digests mean equal values."""
	out = {}
	for row in frappe.db.sql(
		"select doctype, name, fieldname, password, encrypted from __Auth", as_dict=True
	):
		key = f"{row.doctype}/{row.name}/{row.fieldname}"
		if row.encrypted:
			try:
				value = frappe.utils.password.decrypt(row.password)
			except Exception as e:  # the site's encryption_key does not open it
				value = f"UNREADABLE {type(e).__name__}"
			out[key] = digest(value)
		else:
			out[key] = digest(row.password)
	return out


def snapshot(site: str) -> dict:
	frappe.init(site=site)
	frappe.connect()
	try:
		return {
			"site": site,
			"tables": table_counts(),
			"files_on_disk": files_on_disk(),
			"file_records": file_records(),
			"records": records_field_by_field(),
			"users": users_and_roles(),
			"secrets": secrets(),
		}
	finally:
		frappe.destroy()


# Differences a restore makes on purpose: Frappe disables the scheduler of a restored site (so that a copy
# sends no mail and runs no job until someone turns it on: bench --site S enable-scheduler).
EXPECTED = {"Singles/System Settings": {"enable_scheduler", "modified"}}


def compare(a: dict, b: dict) -> int:
	"""Prints the figures and every difference; returns the number of differences not EXPECTED."""
	differences = 0
	print(f"{'part':<34}{'items':>10}{'identical':>11}{'different':>11}")
	for part in ("tables", "files_on_disk", "file_records", "records", "users", "secrets"):
		left, right = a[part], b[part]
		keys = sorted(set(left) | set(right))
		different = [k for k in keys if left.get(k, "<missing>") != right.get(k, "<missing>")]
		expected = [
			k for k in different if k in EXPECTED and differing_fields(left[k], right[k]) <= EXPECTED[k]
		]
		different = [k for k in different if k not in expected]
		differences += len(different)
		print(f"{part:<34}{len(keys):>10}{len(keys) - len(different):>11}{len(different):>11}")
		for key in expected:
			fields = ", ".join(sorted(differing_fields(left[key], right[key])))
			print(f"    as expected (a restored site's scheduler is off): {key}: {fields}")
		for key in different[:20]:
			lv, rv = left.get(key, "<missing>"), right.get(key, "<missing>")
			if isinstance(lv, dict) and isinstance(rv, dict):
				fields = sorted(differing_fields(lv, rv))
				print(f"    {key}: fields differ: {', '.join(fields[:10])}")
			else:
				print(f"    {key}: {str(lv)[:60]} != {str(rv)[:60]}")
	rows = sum(a["tables"].values())
	size = sum(1 for v in a["files_on_disk"].values() if v)
	print(
		f"{len(a['tables'])} tables, {rows} rows; {size} files on disk; {len(a['records'])} records compared "
		f"field by field; {len(a['users'])} users; {len(a['secrets'])} passwords and secrets"
	)
	return differences


def differing_fields(left: dict, right: dict) -> set:
	return {f for f in set(left) | set(right) if left.get(f) != right.get(f)}


def main():
	parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
	parser.add_argument("--site")
	parser.add_argument("--output")
	parser.add_argument("--compare", nargs=2, metavar=("BEFORE", "AFTER"))
	args = parser.parse_args()
	if args.compare:
		with open(args.compare[0]) as f1, open(args.compare[1]) as f2:
			sys.exit(1 if compare(json.load(f1), json.load(f2)) else 0)
	data = snapshot(args.site)
	with open(args.output, "w") as f:
		json.dump(data, f, sort_keys=True, default=str)
	print(
		f"{args.site}: {len(data['tables'])} tables, {sum(data['tables'].values())} rows, {len(data['files_on_disk'])} files"
	)


if __name__ == "__main__":
	main()
