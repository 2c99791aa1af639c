"""Install, migrate and uninstall steps: roles, seed records and settings the app needs."""

import dataclasses

import frappe
from frappe.modules import load_doctype_module

from union_cases.casework.deadlines.rules import seed_default_rules
from union_cases.casework.doctype.dismissal_reason.dismissal_reason import seed_dismissal_reasons
from union_cases.casework.doctype.public_holiday.public_holiday import seed_national_holidays
from union_cases.configuration.shipped import (
	protect_standard_records,
	remember_standard_records,
	seed_once,
	sync_shipped_records,
)
from union_cases.constants import ROLES, UNCLASSIFIED_CATEGORY
from union_cases.setup.custom_fields import remove_knowledge_base, setup_knowledge_base
from union_cases.setup.desk import remove_desk_setup, setup_desk
from union_cases.setup.dues import remove_dues, setup_dues
from union_cases.utils.translation import N_

BIPARTITE_TO_COURT = (
	"Bipartite",
	"Labour Office Registration",
	"Mediation",
	"Industrial Relations Court (PHI)",
)


# DOMAIN.md's categories; an administrator may edit or deactivate them afterwards.
@dataclasses.dataclass(frozen=True)
class Category:
	name: str
	dispute_type: str  # the default dispute type of its cases
	confidential: bool = False  # its cases are confidential by default
	path: tuple[str, ...] = ("Bipartite", "Labour Office Registration", "Mediation")  # the usual stages
	checks: tuple[str, ...] = ()  # verification checks beyond the standard ones


CASE_CATEGORIES = (
	Category(
		N_("Wage Below Regional Minimum"),
		"Rights",
		path=BIPARTITE_TO_COURT,
		checks=(N_("Payslips of the months claimed"),),
	),
	Category(N_("Unpaid Overtime"), "Rights"),
	Category(N_("Holiday Allowance (THR) Not Paid"), "Rights"),
	Category(N_("BPJS Not Registered or Not Paid"), "Rights"),
	Category(N_("Contract Status Abuse (PKWT)"), "Rights"),
	Category(N_("Outsourcing Abuse"), "Rights"),
	Category(
		N_("Dismissal and Severance"),
		"Termination",
		path=(*BIPARTITE_TO_COURT, "Cassation"),
		checks=(N_("Dismissal letter or proof of the dismissal"), N_("Severance calculation")),
	),
	Category(N_("Union Busting"), "Rights"),
	Category(N_("Occupational Safety and Health"), "Rights"),
	Category(
		N_("Gender-Based Violence and Harassment"),
		"Rights",
		confidential=True,
		path=(),
		checks=(
			N_("Consent of the complainant to act recorded"),
			N_("Referral to a women's protection service offered"),
		),
	),
	Category(N_("Discrimination"), "Rights"),
	Category(N_("Maternity Rights"), "Rights"),
	Category(
		N_("Collective Agreement (PKB) Negotiation"),
		"Interests",
		path=("Bipartite", "Labour Office Registration", "Mediation", "Arbitration"),
	),
	Category(N_("Dispute Between Unions"), "Between Unions"),
	# what a worker sends from the portal without choosing a category; the operator classifies it
	Category(UNCLASSIFIED_CATEGORY, ""),
)


def before_install():
	create_roles()


def after_install():
	after_migrate(installing=True)
	frappe.db.commit()


def before_migrate():
	protect_standard_records()


def after_migrate(installing: bool = False):
	"""Also after install. What an administrator changed stays (configuration/shipped.py)."""
	create_roles()
	sync_shipped_records(installing)
	remember_standard_records()
	seed_case_categories()
	seed_once("Deadline Rules", seed_default_rules)
	seed_once("National Holidays", seed_national_holidays)
	seed_once("Dismissal Reasons", seed_dismissal_reasons)
	setup_knowledge_base()
	setup_desk()
	setup_dues()
	add_report_indexes()


def before_uninstall():
	"""Undo what install changed outside the app's own doctypes: the knowledge-base fields and rights."""
	remove_knowledge_base()
	remove_desk_setup()
	remove_dues()


# the doctypes whose controllers add indexes (`on_doctype_update`, as Frappe's ToDo does): Frappe runs
# it when a doctype changes; here also on every migrate, so a site that predates an index gets it
INDEXED_DOCTYPES = (
	"Case",
	"Case Deadline",
	"Member",
	"Referral",
	"Check-off Authorisation",
	"Check-off Remittance",
)


def add_report_indexes():
	for doctype in INDEXED_DOCTYPES:
		load_doctype_module(doctype).on_doctype_update()


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
	"""Create the common categories once (a category a later version adds, on its first migrate); an
	administrator may edit, deactivate or delete them afterwards."""
	for category in CASE_CATEGORIES:
		seed_once(f"Case Category: {category.name}", lambda category=category: create_category(category))


def create_category(category: Category):
	if not frappe.db.exists("Case Category", category.name):
		frappe.get_doc(
			{
				"doctype": "Case Category",
				"category_name": category.name,
				"default_dispute_type": category.dispute_type,
				"confidential_by_default": int(category.confidential),
				"usual_path": [{"stage": stage} for stage in category.path],
				"verification_checks": [{"check": check} for check in category.checks],
			}
		).insert(ignore_permissions=True)
