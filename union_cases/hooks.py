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
	}
]

# Installation
before_install = "union_cases.setup.install.before_install"
after_install = "union_cases.setup.install.after_install"
after_migrate = "union_cases.setup.install.after_migrate"
before_uninstall = "union_cases.setup.install.before_uninstall"

# Documents
doc_events = {
	"File": {
		"before_insert": "union_cases.files.keep_case_files_private",
	},
}

# Translations: English is the source language, Indonesian ships in locale/id.po.
