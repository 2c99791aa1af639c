"""The deadline rules: what Law 2/2004 (and the court) give each stage, as admins can edit them.

The rules live in Union Cases Settings (Deadline Rule rows); `DEFAULT_RULES` seeds a new site.
"""

from __future__ import annotations

import dataclasses

import frappe

from union_cases.utils.translation import N_

# a rule met by the start of the next stage (the dismissal lawsuit: filed when the PHI stage starts)
NEXT_STAGE_START = "next_stage_start"


@dataclasses.dataclass(frozen=True)
class Rule:
	"""One seeded Deadline Rule row: `duration` `unit`s after the stage's `counted_from` date."""

	stage: str
	event: str
	duration: int
	unit: str  # Working Days, Calendar Days or Calendar Years
	counted_from: str  # a date field of Case Stage
	met_by: str  # a date field of Case Stage, or NEXT_STAGE_START
	dispute_types: str = ""  # comma-separated; empty: every dispute type
	max_extension_days: int = 0
	legal_basis: str = ""


def dismissal_lawsuit(stage: str) -> Rule:
	"""A dismissal dispute that mediation or conciliation did not settle goes to the PHI within a calendar
	year of the stage's end (Constitutional Court decision 132/PUU-XXIII/2025)."""
	return Rule(
		stage,
		N_("Dismissal lawsuit filed at the PHI"),
		1,
		"Calendar Years",
		counted_from="end_date",
		met_by=NEXT_STAGE_START,
		dispute_types="Termination",
		legal_basis="MK 132/PUU-XXIII/2025",
	)


DEFAULT_RULES = (
	Rule(
		"Bipartite",
		N_("Bipartite negotiation concluded"),
		30,
		"Working Days",
		counted_from="start_date",
		met_by="end_date",
		legal_basis="UU 2/2004 Art. 3",
	),
	Rule(
		"Labour Office Registration",
		N_("Choice of conciliation or arbitration"),
		7,
		"Working Days",
		counted_from="start_date",
		met_by="end_date",
		legal_basis="UU 2/2004 Art. 4",
	),
	Rule(
		"Mediation",
		N_("First mediation hearing"),
		7,
		"Working Days",
		counted_from="start_date",
		met_by="first_hearing_date",
		legal_basis="UU 2/2004 Art. 10",
	),
	Rule(
		"Mediation",
		N_("Written recommendation (anjuran)"),
		10,
		"Working Days",
		counted_from="first_hearing_date",
		met_by="recommendation_received_date",
		legal_basis="UU 2/2004 Art. 13",
	),
	Rule(
		"Mediation",
		N_("Parties' answer to the recommendation"),
		10,
		"Working Days",
		counted_from="recommendation_received_date",
		met_by="answer_date",
		legal_basis="UU 2/2004 Art. 13",
	),
	Rule(
		"Mediation",
		N_("Mediation completed"),
		30,
		"Working Days",
		counted_from="start_date",
		met_by="end_date",
		legal_basis="UU 2/2004 Art. 15",
	),
	dismissal_lawsuit("Mediation"),
	Rule(
		"Conciliation",
		N_("Conciliation completed"),
		30,
		"Working Days",
		counted_from="start_date",
		met_by="end_date",
		legal_basis="UU 2/2004 Art. 25",
	),
	dismissal_lawsuit("Conciliation"),
	Rule(
		"Arbitration",
		N_("Arbitration award"),
		30,
		"Working Days",
		counted_from="start_date",
		met_by="end_date",
		max_extension_days=14,
		legal_basis="UU 2/2004 Art. 40",
	),
	Rule(
		"Industrial Relations Court (PHI)",
		N_("PHI judgment"),
		50,
		"Working Days",
		counted_from="first_hearing_date",
		met_by="judgment_read_date",
		legal_basis="UU 2/2004 Art. 103",
	),
	Rule(
		"Cassation",
		N_("Cassation filed"),
		14,
		"Working Days",
		counted_from="start_date",
		met_by="filing_date",
		dispute_types="Rights, Termination",
		legal_basis="UU 2/2004 Art. 110",
	),
	Rule(
		"Cassation",
		N_("Supreme Court decision"),
		30,
		"Working Days",
		counted_from="file_received_date",
		met_by="judgment_read_date",
		legal_basis="UU 2/2004 Art. 115",
	),
)


def get_rules() -> list:
	return [rule for rule in frappe.get_cached_doc("Union Cases Settings").deadline_rules if rule.enabled]


def default_rule_rows() -> list[dict]:
	return [dict(dataclasses.asdict(rule), enabled=1) for rule in DEFAULT_RULES]


def seed_default_rules():
	settings = frappe.get_single("Union Cases Settings")
	if settings.deadline_rules:
		return
	for row in default_rule_rows():
		settings.append("deadline_rules", row)
	settings.flags.ignore_permissions = True
	settings.save()


def rule_applies(rule, dispute_type: str | None) -> bool:
	if not rule.dispute_types:
		return True
	return (dispute_type or "") in {t.strip() for t in rule.dispute_types.split(",")}
