from union_cases.constants import PERSONAL_FIELDS

app_name = "union_cases"
app_title = "Union Cases"
app_publisher = "union_cases contributors"
app_description = "Case management for trade unions: members, cases, referrals and federations"
app_email = "union-cases@example.org"
app_license = "mit"

export_python_type_annotations = True

add_to_apps_screen = [
	{
		"name": "union_cases",
		"logo": "/assets/frappe/images/frappe-framework-logo.svg",
		"title": "Union Cases",
		"route": "/app/union-cases",
		# members (website users) are not offered the desk: logging in sends them to role_home_page
		"has_permission": "union_cases.permissions.has_desk_app",
	}
]

# Installation
before_install = "union_cases.setup.install.before_install"
after_install = "union_cases.setup.install.after_install"
before_migrate = "union_cases.setup.install.before_migrate"
after_migrate = "union_cases.setup.install.after_migrate"
before_uninstall = "union_cases.setup.install.before_uninstall"
# ERPNext is optional: its arrival adds the dues links to it, its departure removes them (setup/dues.py)
after_app_install = "union_cases.setup.dues.after_app_install"
before_app_uninstall = "union_cases.setup.dues.before_app_uninstall"

# The workflows and email templates the app ships are not Frappe fixtures (which are re-imported over an
# administrator's changes on every migrate): union_cases/configuration/shipped.py creates them when
# missing and keeps what an administrator changed.

# Who sees what (union_cases/permissions.py): each query condition has its document-level twin
permission_query_conditions = {
	"Case": "union_cases.permissions.case_query",
	"Referral": "union_cases.permissions.referral_query",
	"Member": "union_cases.permissions.member_query",
	"Check-off Authorisation": "union_cases.permissions.dues_query",
	"Check-off Notice": "union_cases.permissions.dues_query",
	"Check-off Remittance": "union_cases.permissions.dues_query",
	"Dues Rule": "union_cases.permissions.dues_query",
	# whatever points at an app record (child rows, files, comments, tags, assignments, ...) follows it
	"*": "union_cases.permissions.reference_query",
}
has_permission = {
	"Case": "union_cases.permissions.case_has_permission",
	"Referral": "union_cases.permissions.referral_has_permission",
	"Member": "union_cases.permissions.member_has_permission",
	"Check-off Authorisation": "union_cases.permissions.dues_has_permission",
	"Check-off Notice": "union_cases.permissions.dues_has_permission",
	"Check-off Remittance": "union_cases.permissions.dues_has_permission",
	"Dues Rule": "union_cases.permissions.dues_has_permission",
	"*": "union_cases.permissions.reference_has_permission",
}
# Frappe routes that read beyond the user's rights, replaced (union_cases/api/overrides.py; the README's
# "Who sees what" says why for each)
override_whitelisted_methods = {
	"frappe.client.get_count": "union_cases.api.overrides.get_count",
	"frappe.client.get": "union_cases.api.overrides.get",
	"frappe.desk.search.get_link_title": "union_cases.api.overrides.get_link_title",
	"frappe.desk.search.search_link": "union_cases.api.overrides.search_link",
	"frappe.desk.search.search_widget": "union_cases.api.overrides.search_widget",
	"frappe.desk.listview.get_group_by_count": "union_cases.api.overrides.get_group_by_count",
	"frappe.desk.doctype.dashboard_chart.dashboard_chart.get": "union_cases.api.overrides.dashboard_chart",
	# the membership form's fields checked one by one before Frappe saves (README, Member portal)
	"frappe.website.doctype.web_form.web_form.accept": "union_cases.api.portal.accept_web_form",
}
# No filter, sort or grouping on a field above the reader's permission level, and no such field in
# any answer (union_cases/field_guard.py)
# Frappe's page cache keys by path and language: only guests' plain GETs use it (portal/page_cache.py)
# and pages render with templates compiled once per process, not once per request (utils/jinja_cache.py)
before_request = [
	"union_cases.field_guard.install",
	"union_cases.portal.page_cache.mark_uncacheable",
	"union_cases.utils.jinja_cache.use_for_pages",
]
before_job = ["union_cases.field_guard.install"]
after_request = ["union_cases.field_guard.mask_response"]
standard_queries = {
	"Member": "union_cases.api.member.search_members",
}

# Personal Data Download and Deletion Requests (UU PDP 27/2022): the rows whose field holds the person's
# email (a member without a portal user too); union_cases/membership/personal_data.py adds what hangs off the member
# and their cases (change requests, evidence, files, referrals) and leaves out internal columns
user_data_fields = [
	{
		"doctype": "Membership Application",
		"filter_by": "email",
		"redact_fields": list(PERSONAL_FIELDS["Membership Application"]),
	},
	{
		"doctype": "Member",
		"filter_by": "email",
		"redact_fields": list(PERSONAL_FIELDS["Member"]),
	},
	{
		"doctype": "Case",
		"filter_by": "complainant_email",
		"redact_fields": [
			"complainant_name",
			"contact_name",
			"contact_phone",
			"raised_by",
			"description",
			"health_details",
			"rating_comment",
		],
	},
]
override_doctype_class = {
	"Personal Data Download Request": "union_cases.membership.personal_data.PersonalDataDownloadRequest",
	"Personal Data Deletion Request": "union_cases.membership.personal_data.PersonalDataDeletionRequest",
	# uploads checked for what they contain before Frappe writes or parses them (union_cases/utils/files.py)
	"File": "union_cases.utils.files.UnionFile",
}

# Member portal and public forms (union_cases/www, union_cases/api/portal.py)
role_home_page = {"Union Member": "my-cases"}
# website pages without Frappe's inline icon sprites (320 KB of each page): portal/context.use_lean_base
update_website_context = ["union_cases.portal.context.use_lean_base"]
website_redirects = [
	# Frappe's "Edit Profile" (linked from /me): a member's details are changed through /my-profile (an
	# operator checks them); and Frappe serves /update-profile/<address ending in .org> as a download
	{"source": r"/update-profile/.*", "target": "/my-profile"},
]
standard_portal_menu_items = [
	{"title": "My Cases", "route": "/my-cases", "role": "Union Member"},
	{"title": "New Complaint", "route": "/complaint", "role": "Union Member"},
	{"title": "My Profile", "route": "/my-profile", "role": "Union Member"},
	{"title": "Membership Card", "route": "/my-card", "role": "Union Member"},
	{"title": "Knowledge Base", "route": "/knowledge", "role": "Union Member"},
]

# The case form suggests the knowledge-base articles of its category
doctype_js = {
	"Case": ["public/js/case_knowledge.js", "public/js/case_severance.js"],
	# "Reset to Shipped Version" on the workflows and email templates the app ships
	"Workflow": "public/js/shipped_configuration.js",
	"Email Template": "public/js/shipped_configuration.js",
}
# stored values, categories and date pickers in the user's language (union_cases/public/js/desk.js)
app_include_js = ["/assets/union_cases/js/desk.js", "/assets/union_cases/js/datepicker_id.js"]
# templates ask whether the member's dues page is offered (ERPNext on the site)
jinja = {"methods": ["union_cases.dues.erpnext.dues_enabled"]}
web_include_js = ["/assets/union_cases/js/datepicker_id.js"]

website_route_rules = [
	{"from_route": "/my-cases/<case>", "to_route": "my-cases/case"},
	# public articles of the knowledge base: /knowledge and /knowledge/<article>
	{"from_route": "/knowledge/<article>", "to_route": "knowledge/article"},
]

# Documents
PAGE_CACHE_CLEAR = "union_cases.portal.page_cache.clear"
doc_events = {
	"Help Article": {
		"validate": "union_cases.casework.knowledge.keep_internal_unpublished",
		"on_update": PAGE_CACHE_CLEAR,
		"on_trash": PAGE_CACHE_CLEAR,
	},
	# what the guest pages list (/complaint, /knowledge): the cached pages go when it changes
	**{
		doctype: {"on_update": PAGE_CACHE_CLEAR, "on_trash": PAGE_CACHE_CLEAR}
		for doctype in ("Case Category", "Federation", "Help Category", "Translation")
	},
	"File": {
		"before_insert": "union_cases.utils.files.keep_record_files_private",
	},
	"Communication": {
		# on_update too: a plain-text mail gets its content only when Frappe saves it a second time
		"after_insert": "union_cases.casework.email.fill_case_from_email",
		"on_update": "union_cases.casework.email.fill_case_from_email",
	},
	"Member": {
		# a member who leaves or moves employer has no check-off; with ERPNext their customer follows
		"on_update": [
			"union_cases.dues.checkoff.revoke_on_member_change",
			"union_cases.dues.members.sync_customer",
		],
	},
	"User Permission": {
		"after_insert": "union_cases.casework.assignment.sync_intake_rules",
		"on_update": "union_cases.casework.assignment.sync_intake_rules",
		"after_delete": "union_cases.casework.assignment.sync_intake_rules",
	},
	"User": {
		# staff see the app's modules in the sidebar, not Frappe's (union_cases/setup/desk.py)
		"before_validate": "union_cases.setup.desk.set_staff_module_profile",
		"on_update": "union_cases.casework.assignment.sync_intake_rules",
	},
	"ToDo": {
		# an assignment is a way into a confidential case: only from someone who may read the case
		"validate": "union_cases.permissions.check_todo_reference",
	},
	"Webhook Request Log": {
		"after_insert": "union_cases.casework.referrals.webhooks.record_delivery",
	},
}

scheduler_events = {
	"daily": [
		"union_cases.casework.deadlines.alerts.send_deadline_alerts",
		# members' rights alerts (PKWT over five years, wage below the minimum, ...) kept current
		"union_cases.casework.rights.refresh_rights_flags",
		# members in arrears warned, then suspended, as their Dues Rule says (with ERPNext only)
		"union_cases.dues.arrears.apply_arrears_rules",
	],
	# the triage model relearns from the categories operators confirmed (Union Cases Settings has a button)
	"weekly": ["union_cases.casework.triage.train.scheduled_retrain"],
	"monthly": ["union_cases.casework.doctype.public_holiday.public_holiday.seed_next_year"],
}

# Translations: English is the source language, Indonesian ships in locale/id.po.
