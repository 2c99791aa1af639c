"""Prints the load drill's figures (benchmarks/load_drill.sh writes them with benchmarks/locustfile.py):

    python benchmarks/load_report.py benchmarks/results/load-latest.json

Per stage: users, requests per second, p50/p95/p99 of each request type, the answers by status, where the
CPU went; then the app's throughput without think time as a ratio of Frappe's ping, and the goals of
issue 15 (no 5xx; portal and desk p95 under 500 ms at 100 users; throughput at least half of ping's; the
rate limit answers 429). A developer tool: its output is English.
"""

import json
import sys

PAGES = ("/my-cases", "/my-cases/<case>", "/complaint", "/join/new", "desk: Case list", "desk: Case form")


def fives(row) -> int:
	return sum(n for status, n in row["statuses"].items() if status.startswith("5"))


def main(path: str):
	data = json.load(open(path))
	print("Data: " + ", ".join(f"{k}: {v}" for k, v in data["fixtures"].items()))
	for stage in data["stages"]:
		cpu = stage["cpu"]
		print()
		print(
			f"== {stage['stage']}: {stage['rps']} requests/s over {stage['seconds']} s, "
			f"p50 {stage['p50']} ms, p95 {stage['p95']} ms, p99 {stage['p99']} ms; "
			f"machine busy {cpu['machine_busy']:.0%}"
		)
		print(
			"   cores used by: "
			+ ", ".join(f"{k} {v}" for k, v in sorted(cpu["cores_used_by"].items(), key=lambda kv: -kv[1]))
		)
		print(f"   {'request':<28}{'count':>7}{'rps':>8}{'p50':>7}{'p95':>7}{'p99':>7}{'max':>7}  statuses")
		for row in stage["rows"]:
			statuses = " ".join(f"{k}:{v}" for k, v in sorted(row["statuses"].items()))
			print(
				f"   {row['name'][:28]:<28}{row['requests']:>7}{row['rps']:>8}{row['p50']:>7}{row['p95']:>7}"
				f"{row['p99']:>7}{row['max']:>7}  {statuses}"
			)
	by_kind = {s["stage"].split(",")[0]: s for s in data["stages"]}  # ping floor, app capacity, mix
	print()
	print("Goals")
	all_rows = [row for s in data["stages"] for row in s["rows"]]
	print(f"  5xx answers in the whole run: {sum(fives(r) for r in all_rows)}")
	ping, capacity = by_kind.get("ping floor"), by_kind.get("app capacity")
	if ping and capacity:
		print(
			f"  throughput without think time: app {capacity['rps']} rps, ping {ping['rps']} rps, "
			f"ratio {capacity['rps'] / max(ping['rps'], 0.01):.2f} (goal >= 0.5)"
		)
	for kind, goal in (("guest pages", 100), ("member pages", 50)):
		if by_kind.get(kind):
			stage = by_kind[kind]
			worst = max(stage["rows"], key=lambda r: r["p95"]) if stage["rows"] else None
			print(
				f"  {kind}: {stage['rps']} rps (goal >= {goal}), worst p95 "
				f"{worst['p95'] if worst else '-'} ms ({worst['name'] if worst else ''})"
			)
	for stage in data["stages"]:
		if stage["stage"].startswith("mix"):
			pages = [r for r in stage["rows"] if r["name"] in PAGES]
			worst = max(pages, key=lambda r: r["p95"]) if pages else None
			floor = next((r for r in stage["rows"] if r["name"] == "ping"), None)
			print(
				f"  {stage['stage']}: worst page p95 {worst['p95'] if worst else '-'} ms ({worst['name'] if worst else ''}), "
				f"ping p95 {floor['p95'] if floor else '-'} ms, {stage['rps']} rps"
			)
	probes = [r for r in all_rows if r["name"] == "rate limit probe"]
	answered = {}
	for row in probes:
		for status, n in row["statuses"].items():
			answered[status] = answered.get(status, 0) + n
	print(f"  rate limit probe (one address, 20 posts a minute): {answered}")
	if data.get("samples"):
		print("Unexpected answers (first of each):")
		for key, texts in sorted(data["samples"].items()):
			print(f"  {key}: {texts[0][:160]!r}")


if __name__ == "__main__":
	main(sys.argv[1])
