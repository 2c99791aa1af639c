"""Keep an administrator's changes to the shipped workflows when the app is migrated.

The Case and Referral workflows ship as fixtures, and Frappe imports fixtures on every migrate,
overwriting the records. A workflow that was changed in the desk since it was shipped (its `modified`
differs from the fixture's) is set aside before the migrate and put back afterwards, so what an
administrator built without code survives an update of the app.
"""

import json

import frappe

STASH_KEY = "union_cases:changed_workflows"


def shipped_workflows() -> dict[str, str]:
	"""Name -> `modified` of each workflow in the app's fixture."""
	with open(frappe.get_app_path("union_cases", "fixtures", "workflow.json")) as f:
		return {doc["name"]: doc["modified"] for doc in json.load(f)}


def changed_workflows() -> list[dict]:
	changed = []
	for name, shipped in shipped_workflows().items():
		if not frappe.db.exists("Workflow", name):
			continue
		modified = frappe.db.get_value("Workflow", name, "modified")
		if frappe.utils.get_datetime(modified) != frappe.utils.get_datetime(shipped):
			changed.append(frappe.get_doc("Workflow", name).as_dict(convert_dates_to_str=True))
	return changed


def before_migrate():
	frappe.cache.set_value(STASH_KEY, json.dumps(changed_workflows()), expires_in_sec=3600)


def after_migrate():
	stash = frappe.cache.get_value(STASH_KEY)
	frappe.cache.delete_value(STASH_KEY)
	for data in json.loads(stash or "[]"):
		restore(data)


def restore(data: dict):
	doc = frappe.get_doc("Workflow", data["name"])
	for table in ("states", "transitions"):
		# rows go in afresh: the fixture import replaced the ones these names belonged to
		data[table] = [
			{k: v for k, v in row.items() if k not in ("name", "creation", "modified")} for row in data[table]
		]
	doc.update({key: value for key, value in data.items() if key not in ("modified", "creation")})
	doc.flags.ignore_permissions = True
	doc.save()
