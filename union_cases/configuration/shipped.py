"""Records the app ships for administrators to shape, and what an update of the app does to them.

Three kinds, each remembered per site in a *Shipped Record* (what the app last wrote):

- **Shipped records** (`configuration/records/*.json`: the workflows, their states and actions, the
  email templates). Each migrate creates one that is missing; one that still holds what the app wrote
  is brought to the shipped version; one an administrator changed is left alone, and the Shipped
  Record says so. (Frappe's `fixtures` hook would re-import them over the administrator's version on
  every migrate, so the app does not use it.)
- **Standard records** (the notifications, web form, workspace, number cards, dashboard charts and
  print formats in the app's modules). Frappe's own sync imports these only when the app's file is
  newer than the record; before a migrate, one an administrator changed is marked as newer than the
  file, so the sync passes it over.
- **Seeds** (the case categories, help categories, deadline rules and national holidays): created
  once. What an administrator deletes afterwards stays deleted.

A later version that must change a shipped record does it in a patch with `merge_into_site`, which
applies the change to whatever the site has and says what it did.
"""

import hashlib
import json
import os
from collections.abc import Callable

import frappe
from frappe import _
from frappe.utils import get_datetime

REGISTRY = "Shipped Record"
APP = "union_cases"
# created in this order: a workflow names its states and actions
RECORD_FILES = ("workflow_state.json", "workflow_action_master.json", "workflow.json", "email_template.json")
# folder in a module -> the doctype of the standard records it holds
STANDARD_FOLDERS = {
	"notification": "Notification",
	"web_form": "Web Form",
	"workspace": "Workspace",
	"number_card": "Number Card",
	"dashboard_chart": "Dashboard Chart",
	"print_format": "Print Format",
}
# bookkeeping of a record, not what it says
META_KEYS = frozenset(
	(
		"name",
		"owner",
		"creation",
		"modified",
		"modified_by",
		"idx",
		"parent",
		"parentfield",
		"parenttype",
		"doctype",
		"docstatus",
		"migration_hash",
		"roles",  # a workspace's roles and a web form's are the site's own access settings
	)
)


# ---- reading --------------------------------------------------------------------------------------


def shipped_records() -> list[dict]:
	records = []
	for fname in RECORD_FILES:
		with open(frappe.get_app_path(APP, "configuration", "records", fname)) as f:
			records.extend(json.load(f))
	return records


def shipped_record(doctype: str, name: str) -> dict | None:
	return next((r for r in shipped_records() if r["doctype"] == doctype and r["name"] == name), None)


def standard_records():
	"""(doctype, the file's record) for each standard record in the app's modules."""
	for module in frappe.get_module_list(APP):
		module_path = frappe.get_module_path(module)
		for folder, doctype in STANDARD_FOLDERS.items():
			folder_path = os.path.join(module_path, folder)
			if not os.path.isdir(folder_path):
				continue
			for entry in sorted(os.listdir(folder_path)):
				path = os.path.join(folder_path, entry, f"{entry}.json")
				if os.path.isfile(path):
					with open(path) as f:
						yield doctype, json.load(f)


def _normal(value):
	if value is None:
		return ""
	if isinstance(value, bool | int | float):
		return str(int(value)) if float(value).is_integer() else str(value)
	return str(value)


def content(record: dict, like: dict) -> dict:
	"""What `record` says at the fields `like` has (tables row by row, at the fields of `like`'s rows),
	written the same way whether it was read from a file or from the database."""
	out = {}
	for key, value in like.items():
		if key in META_KEYS or key.startswith("_"):
			continue
		if isinstance(value, list):
			fields = sorted({k for row in value for k in row if k not in META_KEYS and not k.startswith("_")})
			out[key] = [{k: _normal(row.get(k)) for k in fields} for row in record.get(key) or []]
		else:
			out[key] = _normal(record.get(key))
	return out


def fingerprint(record: dict, like: dict) -> str:
	return hashlib.sha1(json.dumps(content(record, like), sort_keys=True).encode()).hexdigest()


def on_site(doctype: str, name: str) -> dict:
	return frappe.get_doc(doctype, name).as_dict(convert_dates_to_str=True)


def same(record: dict, other: dict) -> bool:
	"""Whether two versions of a record say the same, at the fields `other` has."""
	return fingerprint(record, other) == fingerprint(other, other)


def entry_of(doctype: str, name: str):
	key = f"{doctype}: {name}"
	return frappe.get_doc(REGISTRY, key) if frappe.db.exists(REGISTRY, key) else None


def written_by_app(doctype: str, name: str) -> dict | None:
	entry = entry_of(doctype, name)
	return json.loads(entry.installed_version) if entry and entry.installed_version else None


def changed_by_admin(doctype: str, name: str) -> bool:
	"""Whether the site's record differs from what the app last wrote of it."""
	written = written_by_app(doctype, name)
	if not frappe.db.exists(doctype, name):
		return False
	if written is None:
		shipped = shipped_record(doctype, name)
		return bool(shipped) and not same(on_site(doctype, name), shipped)
	return not same(on_site(doctype, name), written)


# ---- writing --------------------------------------------------------------------------------------


def remember(doctype: str, name: str, kind: str, written: dict | None = None, changed=False, note=""):
	entry = entry_of(doctype, name) or frappe.new_doc(REGISTRY)
	entry.update(
		{
			"record_type": doctype,
			"record_name": name,
			"kind": kind,
			"changed_by_admin": int(changed),
			"note": note,
			"app_version": frappe.get_attr(f"{APP}.__version__"),
		}
	)
	if written is not None:
		entry.installed_version = json.dumps(content(written, written), indent=1, sort_keys=True)
	entry.flags.ignore_permissions = True
	entry.save()


def write(data: dict):
	"""Make the site's record say what `data` says (creating it if it is missing)."""
	values = {k: v for k, v in data.items() if k not in ("modified", "creation", "owner", "modified_by")}
	for key, value in values.items():
		if isinstance(value, list):
			values[key] = [{k: v for k, v in row.items() if k not in META_KEYS} for row in value]
	if frappe.db.exists(data["doctype"], data["name"]):
		doc = frappe.get_doc(data["doctype"], data["name"])
		doc.update(values)
		doc.flags.ignore_permissions = True
		doc.save()
	else:
		doc = frappe.get_doc(values)
		doc.insert(ignore_permissions=True, set_name=data["name"])
	return doc


def log(message: str):
	print(f"{APP}: {message}")


def sync_shipped_records(installing: bool = False):
	"""After install and every migrate: create, update or leave each shipped record (see the module).
	On install, a record that is there already is Frappe's own of the same name (the workflow state
	"Pending"): the app's version replaces it."""
	for data in shipped_records():
		doctype, name = data["doctype"], data["name"]
		label = f"{doctype} '{name}'"
		if not frappe.db.exists(doctype, name):
			write(data)
			remember(doctype, name, "Shipped Record", data, note=_("Created from the shipped version."))
			continue
		current = on_site(doctype, name)
		if same(current, data):
			remember(doctype, name, "Shipped Record", data)
			continue
		written = written_by_app(doctype, name)
		if (written is not None and same(current, written)) or (installing and written is None):
			write(data)
			remember(doctype, name, "Shipped Record", data, note=_("Updated to the shipped version."))
			log(f"updated {label} to the shipped version")
		else:
			# changed since the app wrote it (or, on a site from before this registry, differs from
			# what is shipped): the administrator's version stays
			remember(
				doctype,
				name,
				"Shipped Record",
				written or data,
				changed=True,
				note=_("Kept the administrator's version; the shipped version differs from it."),
			)
			log(f"kept the administrator's version of {label}")


def protect_standard_records():
	"""Before a migrate: a standard record an administrator changed is marked as newer than the app's
	file, so Frappe's sync (which imports a file only when it is newer than the record) keeps it."""
	for doctype, data in standard_records():
		name = data["name"]
		if not frappe.db.exists(doctype, name):
			continue
		# with nothing noted yet (Frappe makes number cards and charts after the app's install hook),
		# the app's file is what the app wrote
		written = written_by_app(doctype, name)
		if same(on_site(doctype, name), data if written is None else written):
			continue
		modified = frappe.db.get_value(doctype, name, "modified")
		if data.get("modified") and get_datetime(data["modified"]) > get_datetime(modified):
			frappe.db.set_value(doctype, name, "modified", data["modified"], update_modified=False)
			log(f"kept the administrator's version of {doctype} '{name}' (the shipped file is newer)")
		remember(
			doctype,
			name,
			"Standard Record",
			changed=True,
			note=_("Kept the administrator's version; the update did not import the shipped file."),
		)


def remember_standard_records():
	"""After install and every migrate: note what the app's standard records say now."""
	for doctype, data in standard_records():
		name = data["name"]
		if not frappe.db.exists(doctype, name):
			continue
		current = on_site(doctype, name)
		written = written_by_app(doctype, name)
		if same(current, data):
			# what the app's file says is the app's, whatever the registry held
			remember(doctype, name, "Standard Record", content(current, data))
		elif written is None:
			# first noted when an administrator had changed it already: the file is what the app wrote
			remember(
				doctype,
				name,
				"Standard Record",
				content(data, data),
				changed=True,
				note=_("Kept the administrator's version; the shipped version differs from it."),
			)
		elif same(current, written):
			remember(doctype, name, "Standard Record", content(current, data))
		# else the administrator's version: what the app wrote stays the reference


def seed_once(key: str, seed: Callable[[], object]) -> bool:
	"""Run a seed the first time only; what an administrator deletes later is not brought back."""
	if frappe.db.exists(REGISTRY, f"Seed: {key}"):
		return False
	seed()
	remember("Seed", key, "Seed", note=_("Seeded."))
	return True


def reset_to_shipped(doctype: str, name: str):
	"""Put the shipped version of a workflow, its states and actions, or an email template back."""
	data = shipped_record(doctype, name)
	if not data:
		frappe.throw(
			_("{0} {1} is not shipped with the app, so there is no shipped version to go back to.").format(
				_(doctype), name
			),
			title=_("Not a Shipped Record"),
		)
	doc = write(data)
	remember(
		doctype,
		name,
		"Shipped Record",
		data,
		note=_("Reset to the shipped version by {0}.").format(frappe.session.user),
	)
	doc.add_comment("Info", _("Reset to the version shipped with the app."))
	return doc


def merge_into_site(doctype: str, name: str, change: Callable, description: str):
	"""For a patch of a later version: apply the app's change of a shipped record to what the site has
	(the administrator's version, if they changed it), and say so in the migrate's output and on the
	record. Update the record's file in `configuration/records/` in the same commit."""
	if not frappe.db.exists(doctype, name):
		return
	doc = frappe.get_doc(doctype, name)
	change(doc)
	doc.flags.ignore_permissions = True
	doc.save()
	doc.add_comment("Info", description)
	log(f"{doctype} '{name}': {description}")
