"""The desk as the union's people meet it: the sidebar of each role and Frappe's records shown translated.

- Operators, advisors, officers and partner users work with the app's modules only: the Module Profile
  "Union Staff" blocks every other module in their sidebar (Frappe's Users, Website, Tools,
  Integrations, Build; another app's workspaces). A blocked module leaves permissions as they are; it
  only hides the workspaces. The profile is created when missing (an administrator may change it) and
  given to every user with one of those roles and no module profile of their own; administrators keep
  the whole desk.
- The Case list shows what is due: status, next deadline, working days left, priority and category, in
  that order; the Referral list when a referral was made and since when it waits (List View Settings
  records, created when missing, so an administrator may change them).
- Workflow State and Help Category are marked "translated" (Frappe's translated_doctype, as a
  Property Setter on the core doctype), so their names, which the app ships in Indonesian, are shown
  in the user's language in lists and link fields.
"""

import frappe
from frappe.custom.doctype.property_setter.property_setter import make_property_setter

from union_cases.constants import (
	CASEWORK_ROLES,
	GENDER_FOCAL_POINT,
	REFERRAL_PARTNER,
	UNION_ADMINISTRATOR,
)

STAFF_MODULE_PROFILE = "Union Staff"
# the roles whose users get the profile; a user who also has an administrator's role keeps the whole desk
PROFILED_ROLES = frozenset({*CASEWORK_ROLES, GENDER_FOCAL_POINT, REFERRAL_PARTNER})
ADMIN_ROLES = frozenset({UNION_ADMINISTRATOR, "System Manager", "Administrator"})
TRANSLATED_CORE_DOCTYPES = ("Workflow State", "Help Category")
APP = "union_cases"


# list columns after the title (and the tags column Frappe counts), in order; Frappe fits 4 columns at 1280 px unless told more. A referral
# shows when it was made and since when it waits for the partner (sent on).
LIST_FIELDS = {
	"Case": ("status_field", "next_deadline", "next_deadline_days_left", "priority", "category"),
	"Referral": ("status_field", "referral_date", "sent_on", "case"),
}


def setup_desk():
	ensure_list_settings()
	ensure_staff_module_profile()
	give_staff_module_profile()
	translate_core_doctypes()


def remove_desk_setup():
	for doctype in TRANSLATED_CORE_DOCTYPES:
		frappe.db.delete(
			"Property Setter",
			{"doc_type": doctype, "property": "translated_doctype", "doctype_or_field": "DocType"},
		)
		frappe.clear_cache(doctype=doctype)


def ensure_list_settings():
	for doctype, names in LIST_FIELDS.items():
		if frappe.db.exists("List View Settings", doctype):
			continue
		meta = frappe.get_meta(doctype)
		fields = [
			{"fieldname": name, "label": "Status" if name == "status_field" else meta.get_label(name)}
			for name in names
		]
		settings = frappe.new_doc("List View Settings")
		settings.update({"total_fields": str(len(names) + 2), "fields": frappe.as_json(fields)})
		settings.insert(set_name=doctype, ignore_permissions=True)


def blocked_modules() -> list[str]:
	"""Every module but the app's own."""
	return frappe.get_all("Module Def", filters={"app_name": ("!=", APP)}, pluck="name", order_by="name")


def ensure_staff_module_profile():
	if frappe.db.exists("Module Profile", STAFF_MODULE_PROFILE):
		return
	profile = frappe.new_doc("Module Profile")
	profile.module_profile_name = STAFF_MODULE_PROFILE
	for module in blocked_modules():
		profile.append("block_modules", {"module": module})
	profile.insert(ignore_permissions=True)


def needs_staff_profile(user) -> bool:
	roles = {row.role for row in user.get("roles", [])}
	return (
		user.user_type == "System User"
		and not user.module_profile
		and bool(roles & PROFILED_ROLES)
		and not roles & ADMIN_ROLES
		and user.name not in ("Administrator", "Guest")
	)


def set_staff_module_profile(user, method=None):
	"""User.before_validate: a staff user without a module profile gets the app's."""
	if needs_staff_profile(user) and frappe.db.exists("Module Profile", STAFF_MODULE_PROFILE):
		user.module_profile = STAFF_MODULE_PROFILE


def give_staff_module_profile():
	users = frappe.get_all(
		"Has Role",
		filters={"parenttype": "User", "role": ("in", sorted(PROFILED_ROLES))},
		pluck="parent",
		distinct=True,
	)
	for name in users:
		user = frappe.get_doc("User", name)
		if needs_staff_profile(user):
			user.module_profile = STAFF_MODULE_PROFILE
			user.flags.ignore_permissions = True
			user.save()


def translate_core_doctypes():
	for doctype in TRANSLATED_CORE_DOCTYPES:
		if not frappe.get_meta(doctype).translated_doctype:
			make_property_setter(
				doctype,
				None,
				"translated_doctype",
				1,
				"Check",
				for_doctype=True,
				validate_fields_for_doctype=False,
			)
