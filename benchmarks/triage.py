"""Triage benchmark: accuracy, harassment recall, suggestion latency, retraining at a national size.

Run with the bench's Python (no site needed; scikit-learn is in the bench env):

    <bench>/env/bin/python benchmarks/triage.py [--cases 300000] [--runs 200]

Prints, for the held-out fifth of the seed corpus (the model trained on the other four fifths) and for the
hand-written realistic set (`corpus/realistic_test.jsonl`, never trained on): top-1 and top-3 accuracy
overall and per category, and the recall of the safety rule (model + keywords) on every text marked
`violence`; then the latency of one suggestion (model ranking, reason words, safety and urgency rules:
what `triage.suggest.suggest` computes, without the settings read), and the time to retrain on
`--cases` synthetic cases made by recombining fragments of the corpus with chat typos.
"""

import argparse
import os
import random
import statistics
import sys
import time
import warnings

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
warnings.filterwarnings("ignore", category=UserWarning)

from union_cases.casework.triage import rules  # noqa: E402
from union_cases.casework.triage.model import TriageModel  # noqa: E402
from union_cases.casework.triage.train import REALISTIC_FILE, held_out, read_corpus  # noqa: E402

GOALS = {"top1": 80.0, "top3": 95.0, "recall": 100.0, "latency_ms": 50.0, "retrain_s": 300.0}


def evaluate(model: TriageModel, rows: list[dict]) -> dict:
	per_category: dict[str, list[int]] = {}
	top1 = top3 = caught = violent = false_alarms = 0
	missed = []
	for row in rows:
		probabilities = dict(zip(model.categories, model.probabilities([row["text"]])[0], strict=True))
		ranked = [name for name, _p in sorted(probabilities.items(), key=lambda pair: -pair[1])[:3]]
		hit1, hit3 = ranked[0] == row["category"], row["category"] in ranked
		top1 += hit1
		top3 += hit3
		counts = per_category.setdefault(row["category"], [0, 0, 0])
		counts[0] += 1
		counts[1] += hit1
		counts[2] += hit3
		safe = rules.is_safety_case(row["text"], probabilities.get(rules.HARASSMENT_CATEGORY, 0.0))
		if row.get("violence"):
			violent += 1
			caught += safe
			if not safe:
				missed.append(row["text"])
		elif safe:
			false_alarms += 1
	n = len(rows)
	return {
		"n": n,
		"top1": 100.0 * top1 / n,
		"top3": 100.0 * top3 / n,
		"violent": violent,
		"caught": caught,
		"recall": 100.0 * caught / violent if violent else 100.0,
		"false_alarms": false_alarms,
		"missed": missed,
		"per_category": per_category,
	}


def print_evaluation(title: str, result: dict):
	print(f"\n== {title}: {result['n']} texts")
	print(f"{'category':45} {'n':>4} {'top-1':>7} {'top-3':>7}")
	for category, (n, hit1, hit3) in sorted(result["per_category"].items()):
		print(f"{category:45} {n:>4} {100.0 * hit1 / n:>6.1f}% {100.0 * hit3 / n:>6.1f}%")
	print(
		f"{'all':45} {result['n']:>4} {result['top1']:>6.1f}% {result['top3']:>6.1f}%   "
		f"(goals: top-1 >= {GOALS['top1']:g}%, top-3 >= {GOALS['top3']:g}%)"
	)
	print(
		f"violence/harassment recall: {result['caught']}/{result['violent']} = {result['recall']:.1f}% "
		f"(goal {GOALS['recall']:g}%); other texts flagged as such: {result['false_alarms']}"
	)
	for text in result["missed"]:
		print(f"  missed: {text}")


def suggestion(model: TriageModel, text: str):
	probabilities = dict(zip(model.categories, model.probabilities([text])[0], strict=True))
	category = max(probabilities, key=probabilities.get)
	return (
		category,
		model.reasons(text, category),
		rules.is_safety_case(text, probabilities.get(rules.HARASSMENT_CATEGORY, 0.0)),
		rules.urgencies(text),
	)


def typo(text: str, rng: random.Random) -> str:
	"""A chat typo or two: a letter dropped, doubled or swapped with its neighbour."""
	chars = list(text)
	for _n in range(rng.randint(0, 2)):
		if len(chars) < 4:
			break
		i = rng.randrange(1, len(chars) - 1)
		kind = rng.random()
		if kind < 0.4:
			del chars[i]
		elif kind < 0.7:
			chars.insert(i, chars[i])
		else:
			chars[i], chars[i + 1] = chars[i + 1], chars[i]
	return "".join(chars)


OPENINGS = ("", "", "pak ", "min ", "kak ", "tolong ", "assalamualaikum, ", "selamat siang, ", "hi, ")
CLOSINGS = ("", "", " gmn ya", " tolong dibantu", " makasih", " mohon bantuannya", " please help", "!!")


def synthetic_cases(rows: list[dict], count: int, seed: int = 18) -> tuple[list[str], list[str]]:
	"""`count` texts of the corpus's categories: fragments (split at commas) of two or three texts of
	one category recombined, with an opening, a closing and typos."""
	rng = random.Random(seed)
	fragments: dict[str, list[str]] = {}
	for row in rows:
		fragments.setdefault(row["category"], []).extend(
			part.strip() for part in row["text"].split(",") if part.strip()
		)
	categories = sorted(fragments)
	texts, labels = [], []
	for _n in range(count):
		category = rng.choice(categories)
		parts = rng.sample(fragments[category], k=min(len(fragments[category]), rng.randint(1, 3)))
		texts.append(typo(rng.choice(OPENINGS) + ", ".join(parts) + rng.choice(CLOSINGS), rng))
		labels.append(category)
	return texts, labels


def main():
	parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
	parser.add_argument("--cases", type=int, default=300_000, help="synthetic cases to retrain on")
	parser.add_argument("--runs", type=int, default=200, help="suggestions timed")
	args = parser.parse_args()

	corpus = read_corpus()
	realistic = read_corpus(REALISTIC_FILE)
	training, held = held_out(corpus)
	print(
		f"seed corpus: {len(corpus)} texts, {len({row['category'] for row in corpus})} categories; "
		f"trained on {len(training)}, held out {len(held)}; realistic set {len(realistic)}"
	)
	model = TriageModel().fit([row["text"] for row in training], [row["category"] for row in training])
	print(f"training on {len(training)} texts: {model.seconds:.2f} s")
	held_result = evaluate(model, held)
	print_evaluation("held-out fifth of the seed corpus", held_result)
	realistic_result = evaluate(model, realistic)
	print_evaluation("realistic complaints (written separately, never trained on)", realistic_result)

	full = TriageModel().fit([row["text"] for row in corpus], [row["category"] for row in corpus])
	texts = [row["text"] for row in realistic]
	suggestion(full, texts[0])  # warm up
	timings = []
	for i in range(args.runs):
		started = time.perf_counter()
		suggestion(full, texts[i % len(texts)])
		timings.append((time.perf_counter() - started) * 1000)
	timings.sort()
	p95 = timings[int(0.95 * (len(timings) - 1))]
	print(
		f"\n== one suggestion (model trained on the whole seed corpus), {args.runs} runs: "
		f"median {statistics.median(timings):.1f} ms, p95 {p95:.1f} ms (goal < {GOALS['latency_ms']:g} ms)"
	)

	started = time.monotonic()
	synthetic, labels = synthetic_cases(corpus, args.cases)
	generated = time.monotonic() - started
	big = TriageModel().fit(synthetic, labels)
	print(
		f"\n== retraining on {len(synthetic):,} synthetic cases (generated in {generated:.1f} s): "
		f"{big.seconds:.1f} s (goal < {GOALS['retrain_s']:g} s), "
		f"{big.classifier.coef_.shape[1]:,} features, {len(big.categories)} categories"
	)
	big_timings = []
	for i in range(min(args.runs, 100)):
		started = time.perf_counter()
		suggestion(big, texts[i % len(texts)])
		big_timings.append((time.perf_counter() - started) * 1000)
	print(f"one suggestion with that model: median {statistics.median(big_timings):.1f} ms")
	big_result = evaluate(big, realistic)
	print(
		f"that model on the realistic set: top-1 {big_result['top1']:.1f}%, top-3 {big_result['top3']:.1f}%, "
		f"recall {big_result['recall']:.1f}%"
	)


if __name__ == "__main__":
	main()
