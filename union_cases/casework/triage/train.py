"""Training a site's triage model: the seed corpus shipped with the app, plus every case whose category
an operator confirmed (or chose) on this site. A weekly job retrains it; an administrator can from Union
Cases Settings. A category an administrator adds is learnt as soon as confirmed cases of it exist."""

import json
import os

import frappe
from frappe import _
from frappe.utils import now_datetime

from union_cases.casework.triage.model import TriageModel, save

CORPUS = os.path.join(os.path.dirname(__file__), "corpus")
SEED_FILE = os.path.join(CORPUS, "seed.jsonl")
REALISTIC_FILE = os.path.join(CORPUS, "realistic_test.jsonl")
# the newest confirmed cases trained on (a national union's whole history is not needed to sort mail)
MAX_CONFIRMED = 200_000


def read_corpus(path: str = SEED_FILE) -> list[dict]:
	with open(path, encoding="utf-8") as f:
		return [json.loads(line) for line in f if line.strip()]


def held_out(rows: list[dict], every: int = 5) -> tuple[list[dict], list[dict]]:
	"""(training, held-out): every `every`-th row of the corpus held out, for measuring."""
	return (
		[row for i, row in enumerate(rows) if i % every],
		[row for i, row in enumerate(rows) if not i % every],
	)


def case_text(title: str | None, description: str | None) -> str:
	return f"{title or ''}\n{description or ''}"


def confirmed_cases(limit: int = MAX_CONFIRMED) -> list[dict]:
	"""The site's cases with an operator-confirmed category (the system's own read, for training)."""
	return frappe.get_all(
		"Case",
		filters={"category_confirmed": 1},
		fields=["title", "description", "category"],
		order_by="creation desc",
		limit_page_length=limit,
	)


def training_rows() -> list[tuple[str, str]]:
	"""(text, category) of the seed corpus (categories that still exist) and the confirmed cases."""
	categories = set(frappe.get_all("Case Category", pluck="name"))
	rows = [(row["text"], row["category"]) for row in read_corpus() if row["category"] in categories]
	rows += [
		(case_text(case.title, case.description), case.category)
		for case in confirmed_cases()
		if case.category in categories
	]
	return rows


def train_site() -> TriageModel:
	"""Train this site's model and save it in the site's private folder; record when in the settings."""
	rows = training_rows()
	if len({category for _text, category in rows}) < 2:
		frappe.throw(_("The triage model needs texts of at least two case categories to learn from."))
	model = TriageModel().fit([text for text, _category in rows], [category for _text, category in rows])
	save(model, frappe.get_site_path())
	settings = frappe.get_single("Union Cases Settings")
	settings.db_set(
		{
			"triage_trained_on": now_datetime(),
			"triage_training_texts": model.trained_on,
			"triage_categories_learnt": len(model.categories),
		}
	)
	return model


def scheduled_retrain():
	"""The weekly job (hooks.scheduler_events)."""
	if frappe.db.get_single_value("Union Cases Settings", "triage_disabled"):
		return
	train_site()
	frappe.db.commit()


def retrain_now():
	"""The administrator's button (`api.case.retrain_triage`), run as a background job."""
	train_site()
	frappe.db.commit()
