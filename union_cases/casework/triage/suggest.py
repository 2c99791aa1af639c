"""Triage of a new case, whatever its channel (portal, public form, email, desk): the suggested category
with its confidence and the words behind it, the safety rule, the urgency and the next step.

- The category is only suggested: the operator confirms it or chooses another on the Case form
  (`confirm_category`); below the threshold of Union Cases Settings the case says the model is unsure.
- Safety: a text that reads like violence or harassment (`rules.is_safety_case`) makes the case
  confidential at once, whatever category it has or is suggested, so no operator's queue shows it
  (confidential cases go to no intake rule, `casework.assignment.INTAKE`); the Gender Focal Points who
  may open it are told.
- Urgency raises the priority and notes the legal clock that may be running (`rules.URGENCIES`).
"""

import frappe
from frappe import _

from union_cases.casework.triage import model as triage_model
from union_cases.casework.triage import rules
from union_cases.casework.triage.train import case_text, train_site
from union_cases.constants import GENDER_FOCAL_POINT, RESOLVED_STATES

# what the triage said at intake (kept after the operator confirms a category: the report measures it)
SUGGESTED, UNSURE = "Suggested", "Unsure"
DEFAULT_THRESHOLD = 50  # percent
# loaded models, per site: (file's modification time, model)
_models: dict[str, tuple[float, triage_model.TriageModel]] = {}


def site_model() -> triage_model.TriageModel:
	"""This site's model, loaded once per process and again when a retrain replaced the file; trained
	from the seed corpus the first time a site needs it."""
	path = frappe.get_site_path()
	mtime = triage_model.modified(path)
	if mtime is None:
		train_site()
		mtime = triage_model.modified(path)
	cached = _models.get(path)
	if cached and cached[0] == mtime:
		return cached[1]
	loaded = triage_model.load(path)
	_models[path] = (mtime, loaded)
	return loaded


def threshold() -> float:
	value = frappe.db.get_single_value("Union Cases Settings", "triage_threshold")
	return float(DEFAULT_THRESHOLD if value in (None, "") else value)


def suggest(text: str) -> dict:
	"""What the triage says of a text: the ranked categories, the confidence of the first, whether it is
	sure enough, the words behind it, whether it reads like violence or harassment, and what is urgent."""
	model = site_model()
	probabilities = dict(zip(model.categories, model.probabilities([text])[0], strict=True))
	ranked = sorted(probabilities.items(), key=lambda pair: -pair[1])[:3]
	category, probability = ranked[0]
	confidence = round(100 * float(probability), 1)
	violence_words = rules.reads_like_violence(text)
	safety = rules.is_safety_case(text, float(probabilities.get(rules.HARASSMENT_CATEGORY, 0.0)))
	return {
		"category": str(category),
		"confidence": confidence,
		"status": SUGGESTED if confidence >= threshold() else UNSURE,
		"ranked": [(str(name), round(100 * float(p), 1)) for name, p in ranked],
		"words": list(dict.fromkeys(violence_words + model.reasons(text, category)))[:6],
		"safety": safety,
		"urgencies": rules.urgencies(text),
	}


def apply_to_case(case, text: str | None = None) -> dict | None:
	"""Fill a case's triage fields from its text (title and description); returns the suggestion."""
	if frappe.db.get_single_value("Union Cases Settings", "triage_disabled"):
		return None
	text = text if text is not None else case_text(case.title, case.description)
	if not text.strip():
		return None
	found = suggest(text)
	case.suggested_category = found["category"]
	case.suggestion_confidence = found["confidence"]
	case.triage_status = found["status"]
	case.suggestion_words = ", ".join(found["words"])
	case.suggestion_ranking = "\n".join(f"{_(name)}: {confidence:g}%" for name, confidence in found["ranked"])
	if found["safety"]:
		case.reads_like_violence = 1
		case.confidential = 1
	if found["urgencies"]:
		case.priority = rules.raised_priority(case.priority, found["urgencies"])
		case.urgency_note = "\n".join(
			f"{_(urgency.name)}: {_(urgency.clock)}" for urgency in found["urgencies"]
		)
	return found


def after_case_insert(case):
	"""Case after_insert: a case the triage made confidential is announced to its Gender Focal Points."""
	if case.reads_like_violence:
		route_to_gender_focal_points(case)


def route_to_gender_focal_points(case):
	"""A desk notification to every Gender Focal Point who may open the case (their federation's)."""
	from frappe.desk.doctype.notification_log.notification_log import enqueue_create_notification

	holders = frappe.get_all(
		"Has Role", filters={"role": GENDER_FOCAL_POINT, "parenttype": "User"}, pluck="parent"
	)
	users = sorted(
		user
		for user in set(holders)
		if frappe.db.get_value("User", user, "enabled")
		and frappe.has_permission("Case", "read", doc=case.name, user=user)
	)
	case.add_comment(
		"Info",
		_(
			"Marked confidential on intake: the text reads like violence or harassment. Sent to the Gender Focal Point."
		),
	)
	if users:
		enqueue_create_notification(
			users,
			{
				"type": "Alert",
				"document_type": "Case",
				"document_name": case.name,
				"subject": _("Confidential case {0}: reads like violence or harassment").format(case.name),
				"from_user": "Administrator",
			},
		)
	return users


def triage_mailed_case(case_name: str):
	"""A case opened by email gets its text after it was inserted (the mail's body): triage it then; a
	case that turns confidential leaves the operators' intake queue at once."""
	case = frappe.get_doc("Case", case_name)
	was_confidential = case.confidential
	if not apply_to_case(case):
		return
	fields = (
		"suggested_category",
		"suggestion_confidence",
		"triage_status",
		"suggestion_words",
		"suggestion_ranking",
		"reads_like_violence",
		"confidential",
		"priority",
		"urgency_note",
	)
	case.db_set({field: case.get(field) for field in fields}, update_modified=False)
	if case.confidential and not was_confidential:
		from union_cases.casework.assignment import cancel_intake_assignments

		cancel_intake_assignments(case)
		route_to_gender_focal_points(case)


def confirm_category(case, category: str):
	"""The operator's one click: the case takes `category` (the suggested one, or the one chosen) as
	confirmed, which the next retraining learns from."""
	if not frappe.db.exists("Case Category", category):
		frappe.throw(
			_("Case Category {0} does not exist.").format(frappe.bold(category)), frappe.DoesNotExistError
		)
	case.category = category
	case.category_confirmed = 1
	case.save()
	return case


def similar_closed_cases(case, limit: int = 5) -> list[dict]:
	"""Resolved or closed cases of the same category and employer, with how they ended: only those the
	session user may open (frappe.get_list applies the roles, User Permissions and confidentiality)."""
	category = case.category if case.category_confirmed else (case.suggested_category or case.category)
	if not category or not case.employer:
		return []
	return frappe.get_list(
		"Case",
		filters={
			"category": category,
			"employer": case.employer,
			"workflow_state": ("in", RESOLVED_STATES),
			"name": ("!=", case.name),
		},
		fields=["name", "title", "resolution_type", "closing_date", "amount_recovered", "reinstated"],
		order_by="closing_date desc",
		limit_page_length=limit,
	)
