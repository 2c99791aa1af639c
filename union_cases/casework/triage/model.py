"""The triage model: a linear classifier over the features of `triage.features`, one per site.

It is trained inside the bench (scikit-learn, no download, no hosted model) and kept in the site's
private folder (`<site>/private/triage/model.joblib`, never committed, not served by the web server).
A worker process loads it once and again only when the file changes (a retrain on another worker).
"""

import os
import time

import numpy as np
from sklearn.linear_model import SGDClassifier

from union_cases.casework.triage.features import make_vectorizer, normalise, tokens

MODEL_FILE = "model.joblib"
# words too common to explain a category
STOPWORDS = frozenset(
	"""saya tidak yang dan di ke dari ini itu ada sudah belum tapi karena kami kita mau apa juga sama
	cuma saja lagi kalau untuk dengan atau bisa harus akan pak bu kak min mas mbak tolong gimana the and
	was were are for our this that not with has have been they you from but after because there""".split()
)


class TriageModel:
	"""Categories with their probability for a text, and the words that weighed most for one."""

	def __init__(self, max_features: int | None = None, epochs: int | None = None):
		self.vectorizer = make_vectorizer(max_features)
		self.epochs = epochs
		self.trained_on = 0
		self.trained_at = None
		self.seconds = None
		self.classifier = None

	@property
	def categories(self) -> list[str]:
		return list(self.classifier.classes_)

	def fit(self, texts: list[str], categories: list[str]) -> "TriageModel":
		started = time.monotonic()
		matrix = self.vectorizer.fit_transform([normalise(text) for text in texts])
		self.classifier = SGDClassifier(
			loss="log_loss",
			alpha=1e-4,
			# passes over the data: many for the small seed corpus, few for a national union's cases
			max_iter=self.epochs or max(3, min(30, 1_000_000 // max(len(texts), 1))),
			tol=None,
			class_weight="balanced",
			random_state=7,
			n_jobs=2,  # one binary classifier per category: two at a time
		)
		self.classifier.fit(matrix, categories)
		self.trained_on = len(texts)
		self.trained_at = time.time()
		self.seconds = round(time.monotonic() - started, 2)
		return self

	def probabilities(self, texts: list[str]) -> np.ndarray:
		return self.classifier.predict_proba(self.vectorizer.transform([normalise(text) for text in texts]))

	def rank(self, text: str, top: int = 3) -> list[tuple[str, float]]:
		"""The `top` most likely categories, with their probability (0 to 1)."""
		row = self.probabilities([text])[0]
		order = np.argsort(row)[::-1][:top]
		return [(self.classifier.classes_[i], float(row[i])) for i in order]

	def reasons(self, text: str, category: str, limit: int = 5) -> list[str]:
		"""The words of the text that pushed most towards `category` (each word scored on its own)."""
		words = list(dict.fromkeys(word for word in tokens(text) if len(word) > 2 and word not in STOPWORDS))
		if not words or category not in self.categories:
			return []
		index = self.categories.index(category)
		matrix = self.vectorizer.transform(words)
		coef = (
			self.classifier.coef_[index] if self.classifier.coef_.shape[0] > 1 else self.classifier.coef_[0]
		)
		scores = matrix @ coef
		ranked = sorted(zip(scores, words, strict=True), key=lambda pair: -pair[0])
		return [word for score, word in ranked[:limit] if score > 0]


def model_dir(site_path: str) -> str:
	return os.path.join(site_path, "private", "triage")


def save(model: TriageModel, site_path: str) -> str:
	import joblib

	folder = model_dir(site_path)
	os.makedirs(folder, exist_ok=True)
	path = os.path.join(folder, MODEL_FILE)
	temporary = f"{path}.{os.getpid()}.tmp"
	joblib.dump(model, temporary, compress=3)
	os.replace(temporary, path)  # a worker loading it meanwhile reads the old file or the new, whole
	return path


def load(site_path: str) -> TriageModel | None:
	import joblib

	path = os.path.join(model_dir(site_path), MODEL_FILE)
	if not os.path.exists(path):
		return None
	return joblib.load(path)


def modified(site_path: str) -> float | None:
	path = os.path.join(model_dir(site_path), MODEL_FILE)
	return os.path.getmtime(path) if os.path.exists(path) else None
