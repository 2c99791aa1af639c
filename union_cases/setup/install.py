"""Install, migrate and uninstall steps: roles, seed records and settings the app needs."""

import frappe

from union_cases import knowledge
from union_cases.casework.doctype.public_holiday.public_holiday import seed_national_holidays
from union_cases.deadlines import seed_default_rules
from union_cases.translation import N_

ROLES = {
	# role: desk access
	N_("Union Member"): 0,
	N_("Case Operator"): 1,
	N_("Legal Advisor"): 1,
	N_("Federation Officer"): 1,
	N_("Union Administrator"): 1,
	# sees confidential cases (gender-based violence and harassment) of the federations it is given
	N_("Gender Focal Point"): 1,
	# a person at a referral partner: sees only the referrals sent to their organisation
	N_("Referral Partner"): 1,
}

BIPARTITE_TO_COURT = (
	"Bipartite",
	"Labour Office Registration",
	"Mediation",
	"Industrial Relations Court (PHI)",
)
# (category, default dispute type, confidential by default[, usual path, extra checks]): DOMAIN.md's categories.
CASE_CATEGORIES = (
	(
		N_("Wage Below Regional Minimum"),
		"Rights",
		0,
		BIPARTITE_TO_COURT,
		(N_("Payslips of the months claimed"),),
	),
	(N_("Unpaid Overtime"), "Rights", 0),
	(N_("Holiday Allowance (THR) Not Paid"), "Rights", 0),
	(N_("BPJS Not Registered or Not Paid"), "Rights", 0),
	(N_("Contract Status Abuse (PKWT)"), "Rights", 0),
	(N_("Outsourcing Abuse"), "Rights", 0),
	(
		N_("Dismissal and Severance"),
		"Termination",
		0,
		(*BIPARTITE_TO_COURT, "Cassation"),
		(N_("Dismissal letter or proof of the dismissal"), N_("Severance calculation")),
	),
	(N_("Union Busting"), "Rights", 0),
	(N_("Occupational Safety and Health"), "Rights", 0),
	(
		N_("Gender-Based Violence and Harassment"),
		"Rights",
		1,
		(),
		(
			N_("Consent of the complainant to act recorded"),
			N_("Referral to a women's protection service offered"),
		),
	),
	(N_("Discrimination"), "Rights", 0),
	(N_("Maternity Rights"), "Rights", 0),
	(
		N_("Collective Agreement (PKB) Negotiation"),
		"Interests",
		0,
		("Bipartite", "Labour Office Registration", "Mediation", "Arbitration"),
		(),
	),
	(N_("Dispute Between Unions"), "Between Unions", 0),
	# what a worker sends from the portal without choosing a category; the operator classifies it
	(N_("Other"), "", 0),
)
UNCLASSIFIED_CATEGORY = "Other"


def before_install():
	create_roles()


def after_install():
	create_roles()
	seed_case_categories()
	seed_default_rules()
	seed_national_holidays()
	knowledge.setup()
	add_report_indexes()
	frappe.db.commit()


def after_migrate():
	create_roles()
	seed_case_categories()
	seed_default_rules()
	if not frappe.db.count("Public Holiday"):
		seed_national_holidays()
	knowledge.setup()
	add_report_indexes()


def before_uninstall():
	"""Undo what install changed outside the app's own doctypes: the knowledge-base fields and rights."""
	knowledge.remove()


# (doctype, columns): what the reports and the desk lists filter, group and sort on, beyond the
# doctypes' own single-column indexes (benchmarks/ measures them at a national union's size)
REPORT_INDEXES = (
	("Case", ("closing_date",)),
	("Case", ("workflow_state", "opening_date")),
	("Member", ("join_date",)),
	("Member", ("leave_date",)),
	("Referral", ("referral_date",)),
	("Case Deadline", ("parent", "stage")),
	# a scoped list's count reads only this index: the federation, then Frappe's check on the local union
	("Member", ("federation", "local_union")),
	# the link search reads only this index: name, card number, mobile and what it shows, by name
	("Member", ("federation", "full_name", "mobile_no", "local_union", "nik_masked")),
	# Member Growth reads only these (by join or leave date, the reader's scope, what it counts)
	("Member", ("join_date", "federation", "local_union", "gender", "employment_status")),
	("Member", ("leave_date", "federation", "local_union", "gender")),
)


def add_report_indexes():
	for doctype, columns in REPORT_INDEXES:
		frappe.db.add_index(doctype, list(columns))


def create_roles():
	for role_name, desk_access in ROLES.items():
		if frappe.db.exists("Role", role_name):
			if frappe.db.get_value("Role", role_name, "desk_access") != desk_access:
				frappe.db.set_value("Role", role_name, "desk_access", desk_access)
			continue
		frappe.get_doc(
			{"doctype": "Role", "role_name": role_name, "desk_access": desk_access, "is_custom": 0}
		).insert(ignore_permissions=True)


def seed_case_categories():
	"""Create the common categories once; an administrator may edit or deactivate them afterwards."""
	for name, dispute_type, confidential, *rest in CASE_CATEGORIES:
		if frappe.db.exists("Case Category", name):
			continue
		path, checks = rest if rest else (("Bipartite", "Labour Office Registration", "Mediation"), ())
		frappe.get_doc(
			{
				"doctype": "Case Category",
				"category_name": name,
				"default_dispute_type": dispute_type,
				"confidential_by_default": confidential,
				"usual_path": [{"stage": stage} for stage in path],
				"verification_checks": [{"check": check} for check in checks],
			}
		).insert(ignore_permissions=True)
