"""The names the app's code, its shipped records and its pages agree on: roles, workflow states, defaults.

Everything here is stored or shown as is (a role name, a workflow state) and translated where it is
shown; `N_` marks each for translation. The shipped records (`configuration/records/workflow.json`) hold the same states
and actions; a test checks that every one of them is listed here.
"""

from union_cases.utils.translation import N_

# ---- roles (role: desk access)

UNION_MEMBER = "Union Member"
CASE_OPERATOR = "Case Operator"
LEGAL_ADVISOR = "Legal Advisor"
FEDERATION_OFFICER = "Federation Officer"
UNION_ADMINISTRATOR = "Union Administrator"
# sees confidential cases (gender-based violence and harassment) of the federations it is given
GENDER_FOCAL_POINT = "Gender Focal Point"
# a person at a referral partner: sees only the referrals sent to their organisation
REFERRAL_PARTNER = "Referral Partner"

ROLES = {
	N_("Union Member"): 0,
	N_("Case Operator"): 1,
	N_("Legal Advisor"): 1,
	N_("Federation Officer"): 1,
	N_("Union Administrator"): 1,
	N_("Gender Focal Point"): 1,
	N_("Referral Partner"): 1,
}
# the union's own people who work on cases in the desk (demo users get one of each per federation)
CASEWORK_ROLES = (CASE_OPERATOR, LEGAL_ADVISOR, FEDERATION_OFFICER)
# whoever has one of these is staff, never "only a partner"
STAFF_ROLES = frozenset({*CASEWORK_ROLES, UNION_ADMINISTRATOR, "System Manager"})

# ---- workflow states and actions (configuration/records/workflow.json)

CASE_STATES = (
	N_("New"),
	N_("Under Verification"),
	N_("Accepted"),
	N_("Rejected"),
	N_("In Handling"),
	N_("Resolved"),
	N_("Closed"),
	N_("Reopened"),
)
REFERRAL_STATES = (
	N_("Draft"),
	N_("Sent"),
	N_("Declined"),
	N_("In Progress"),
	N_("Completed"),
	N_("Returned"),
)
# Membership Application and Member Change Request (and Rejected, above)
REVIEW_STATES = (N_("Pending"), N_("Needs Information"), N_("Approved"))
WORKFLOW_STATES = (*CASE_STATES, *REFERRAL_STATES, *REVIEW_STATES)
WORKFLOW_ACTIONS = (
	N_("Start Verification"),
	N_("Accept"),
	N_("Reject"),
	N_("Start Handling"),
	N_("Resolve"),
	N_("Close"),
	N_("Reopen"),
	N_("Resume Handling"),
	N_("Send"),
	N_("Decline"),
	N_("Start Work"),
	N_("Complete"),
	N_("Return"),
	N_("Approve"),
	N_("Request Information"),
	N_("Resume Review"),
)
# the shipped workflows' states and actions: the desk shows them through __(), so each is translated
WORKFLOW_TERMS = (*WORKFLOW_STATES, *WORKFLOW_ACTIONS)
WORKFLOWS = (
	"Case Workflow",
	"Referral Workflow",
	"Membership Application Workflow",
	"Member Change Request Workflow",
)

# a case in one of these no longer runs: no deadline, no warning, not "open" in any figure
CLOSED_STATES = ("Resolved", "Closed", "Rejected")
# a referral in one of these has ended: the partner's work on it is over
ENDED_REFERRAL_STATES = ("Declined", "Completed", "Returned")
# a case that reached an outcome (reports count these as resolved)
RESOLVED_STATES = ("Resolved", "Closed")

# ---- personal data (UU PDP 27/2022): the fields that name or identify the person, anonymised when
# they ask for deletion (hooks.user_data_fields, membership/personal_data.py)

PERSONAL_FIELDS = {
	"Member": (
		"full_name",
		"nik",
		"nik_masked",
		"date_of_birth",
		"mobile_no",
		"email",
		"address",
		"bpjs_ketenagakerjaan_no",
		"bpjs_kesehatan_no",
		"workplace_unit",
		"monthly_wage",
	),
	"Membership Application": (
		"full_name",
		"nik",
		"date_of_birth",
		"mobile_no",
		"email",
		"address",
		"workplace_unit",
		"applicant_reply",
		"submitted_from",
	),
}

# ---- defaults

# what a worker sends from the portal without choosing a category; the operator classifies it
UNCLASSIFIED_CATEGORY = N_("Other")
