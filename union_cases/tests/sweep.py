"""The route sweep: every route Frappe and the app expose, tried as each kind of outsider.

Nothing here is a list of the routes someone thought of. At run time the sweep discovers
- the doctypes to attack: every doctype of the app (child tables included) and every core doctype that
  points at a document (a Dynamic Link, or `reference_*` / `ref_*` / `attached_to_*` fields);
- the routes: every whitelisted method of the Frappe packages that read data (`frappe.client`,
  `frappe.desk`, `frappe.model`, `frappe.utils`, `frappe.website`, `frappe.core`, `frappe.email`,
  `frappe.printing`, `frappe.share`) and of the app, the REST routes (`/api/resource`, `/api/v2`) of each
  doctype, print views and private file URLs.

It builds a world of records with secrets in them (a unique token written into their text: titles,
descriptions, child rows, comments, mails, file names, versions, deleted copies), calls each route with
arguments made up from the parameter names (the doctype and name of each secret record, filters on its
name, filters on masked fields, search texts), as each persona, and looks for the tokens the persona may
not see anywhere in the answer. The result is a route x persona matrix that reads as plain words.
"""

from __future__ import annotations

import importlib
import inspect
import json
import pkgutil
import re
import time
from collections import defaultdict
from dataclasses import dataclass, field

import frappe

# Packages whose whitelisted methods are swept (besides the app's own).
FRAPPE_PACKAGES = (
	"frappe.client",
	"frappe.desk",
	"frappe.model",
	"frappe.utils",
	"frappe.website",
	"frappe.core",
	"frappe.email",
	"frappe.printing",
	"frappe.share",
)
# Routes that end the caller's session or rebuild the whole site: calling them would stop the sweep
# itself, and none returns data. Everything else is called.
SKIPPED = ("logout", "clear_cache", "setup_complete", "rebuild_tree", "execute_code", "start_import")
# Routes that render a PDF (about a second each): tried on one record only.
HEAVY = ("pdf", "print_by_server")
# Core doctypes that point at a document, named by the issue; discovery adds the rest.
REFERENCING_DOCTYPES = (
	"Comment",
	"Version",
	"File",
	"Communication",
	"ToDo",
	"Access Log",
	"Notification Log",
	"Email Queue",
	"DocShare",
	"Document Follow",
	"Webhook Request Log",
	"Deleted Document",
)

DOCTYPE_PARAMS = {
	"doctype",
	"dt",
	"doc_type",
	"ref_doctype",
	"reference_doctype",
	"document_type",
	"link_doctype",
	"from_doctype",
}
NAME_PARAMS = {
	"name",
	"docname",
	"dn",
	"reference_name",
	"ref_docname",
	"doc_name",
	"document_name",
	"source_name",
	"value",
	"item",
}
LIST_NAME_PARAMS = {"names", "docnames", "items"}
EXCEPTION_ID = re.compile(r"__frappe_exc_id[^0-9a-f]+[0-9a-f]+")
TEXT_PARAMS = {"txt", "text", "search_text", "keyword", "q", "query_string", "search_term"}


@dataclass
class Target:
	"""A record the sweep attacks: its doctype and name, its parent for a child row, and its search text."""

	doctype: str
	name: str
	parent_doctype: str | None = None
	parent: str | None = None
	search: str = ""
	label: str = ""
	forbidden: frozenset = frozenset()  # the personas that must not read it (calls as others tell nothing)


@dataclass
class Secret:
	"""A token written into forbidden records, and the personas that must never read it."""

	token: str
	label: str
	forbidden: set[str]


@dataclass
class Route:
	path: str  # dotted method path, or a REST pattern
	kind: str  # "method", "doc method", "rest", "page"
	http_methods: tuple[str, ...] = ("POST",)
	fn: object = None
	params: dict = field(default_factory=dict)


@dataclass
class Outcome:
	route: str
	persona: str
	calls: int = 0
	allowed: int = 0  # answered 200 without a forbidden token
	refused: int = 0  # 401/403/404/417 and the like
	errors: int = 0  # 5xx
	leaks: list = field(default_factory=list)  # (secret label, variant)
	ended_session: bool = False  # the persona had to log in again after this route

	@property
	def cell(self) -> str:
		if self.leaks:
			labels = sorted({label for label, _variant in self.leaks})
			return "LEAK: " + "; ".join(labels)
		if self.ended_session:
			return "ended the session"
		if self.allowed:
			return "answered, nothing forbidden"
		if self.errors and not self.refused:
			return "error (5xx), nothing forbidden"
		return "refused"


# ---------------------------------------------------------------- discovery


def import_all(package: str):
	"""Import every module of a package so that its whitelisted functions are registered."""
	try:
		module = importlib.import_module(package)
	except ImportError:
		return
	if not hasattr(module, "__path__"):
		return
	for info in pkgutil.walk_packages(module.__path__, package + "."):
		if ".test" in info.name or ".tests" in info.name or "test_" in info.name:
			continue
		try:
			importlib.import_module(info.name)
		except Exception:
			# modules of optional integrations that cannot be imported here hold no route of ours
			continue


def discover_routes(app: str = "union_cases") -> list[Route]:
	for package in (*FRAPPE_PACKAGES, app):
		import_all(package)
	prefixes = tuple(p + "." for p in (*FRAPPE_PACKAGES, app)) + tuple(FRAPPE_PACKAGES)
	routes = {}
	for fn in frappe.whitelisted:
		module = fn.__module__
		if not (module in FRAPPE_PACKAGES or module.startswith(prefixes)):
			continue
		path = f"{module}.{fn.__qualname__}"
		if any(word in path for word in SKIPPED):
			continue
		methods = tuple(frappe.allowed_http_methods_for_whitelisted_func.get(fn) or ("POST",))
		kind = "doc method" if "." in fn.__qualname__ else "method"
		try:
			params = dict(inspect.signature(inspect.unwrap(fn)).parameters)
		except (TypeError, ValueError):
			params = {}
		routes[path] = Route(path=path, kind=kind, http_methods=methods, fn=fn, params=params)
	return sorted(routes.values(), key=lambda r: r.path)


def app_doctypes(app: str = "union_cases") -> list[str]:
	modules = frappe.get_all("Module Def", filters={"app_name": app}, pluck="name")
	return frappe.get_all(
		"DocType", filters={"module": ("in", modules), "issingle": 0}, pluck="name", order_by="name"
	)


def referencing_doctypes() -> list[str]:
	"""Core doctypes that point at another document: a Dynamic Link, or reference/attached-to fields."""
	found = set(REFERENCING_DOCTYPES)
	fields = frappe.get_all(
		"DocField",
		filters={"parenttype": "DocType"},
		or_filters=[
			["fieldtype", "=", "Dynamic Link"],
			["fieldname", "like", "reference\\_%"],
			["fieldname", "like", "ref\\_%"],
			["fieldname", "like", "attached\\_to\\_%"],
		],
		fields=["parent"],
	)
	found |= {f.parent for f in fields}
	real = frappe.get_all(
		"DocType",
		filters={"name": ("in", list(found)), "issingle": 0, "istable": 0, "is_virtual": 0},
		pluck="name",
	)
	return sorted(real)


# ---------------------------------------------------------------- arguments


def parent_of(child: str) -> str | None:
	return frappe.db.get_value(
		"DocField", {"options": child, "fieldtype": ("in", ("Table", "Table MultiSelect"))}, "parent"
	)


def linkinfo(doctype: str) -> str:
	from frappe.desk.form.linked_with import get_linked_doctypes

	try:
		return json.dumps(get_linked_doctypes(doctype))
	except Exception:
		return "{}"


def reports() -> list[str]:
	"""The reports to run: the app's, and Frappe's own reports on the doctypes the sweep attacks."""
	modules = frappe.get_all("Module Def", filters={"app_name": "union_cases"}, pluck="name")
	doctypes = set(app_doctypes()) | set(referencing_doctypes())
	found = frappe.get_all(
		"Report",
		filters={"disabled": 0, "report_type": ("in", ("Script Report", "Query Report", "Report Builder"))},
		fields=["name", "module", "ref_doctype"],
	)
	return sorted(r.name for r in found if r.module in modules or r.ref_doctype in doctypes)


def document_json(target: Target | None) -> str:
	"""The record as a form would send it back on save: its fields, without those above level 0."""
	if not target:
		return "{}"
	try:
		doc = frappe.get_doc(target.doctype, target.name)
	except frappe.DoesNotExistError:
		frappe.clear_last_message()
		return json.dumps({"doctype": target.doctype, "name": target.name})
	data = doc.as_dict(convert_dates_to_str=True)
	for df in doc.meta.fields:
		if df.permlevel:
			data.pop(df.fieldname, None)
	return json.dumps(data, default=str)


def text_fields(doctype: str) -> list[str]:
	meta = frappe.get_meta(doctype)
	return [
		df.fieldname
		for df in meta.fields
		if df.fieldtype in ("Data", "Small Text", "Text", "Text Editor", "Long Text")
	]


def value_for(param: str, target: Target | None, masked_filter: dict | None) -> object:
	"""A plausible value for a parameter, by its name, aimed at the target record (None: leave it out)."""
	t = target
	if param in DOCTYPE_PARAMS:
		return t.doctype if t else "Case"
	if param in NAME_PARAMS:
		return t.name if t else ""
	if param in LIST_NAME_PARAMS:
		return json.dumps([t.name] if t else [])
	if param in TEXT_PARAMS or param == "query":
		return t.search if t else ""
	if param in ("filters", "current_filters", "filters_json"):
		if masked_filter:
			return json.dumps(masked_filter)
		if t and t.parent:
			return json.dumps({"parent": t.parent})
		return json.dumps({"name": t.name} if t else {})
	if param in ("fields", "fieldname"):
		return json.dumps(["*"])
	if param == "filter_fields":
		return json.dumps(text_fields(t.doctype) if t else [])
	if param == "field":
		return "assigned_to"
	if param in ("parent", "parent_doctype", "parenttype"):
		return (t.parent_doctype if t else None) or ""
	if param in ("doc", "document"):
		return document_json(t)
	if param == "docs":
		return f"[{document_json(t)}]" if t else "[]"
	if param == "args":
		return json.dumps({"doctype": t.doctype, "name": t.name, "docname": t.name} if t else {})
	if param == "linkinfo":
		return linkinfo(t.doctype) if t else "{}"
	if param == "stats":
		return json.dumps(["owner", "_assign", "_user_tags", "workflow_state"])
	if param == "chart":
		return json.dumps(
			{
				"name": "_sweep chart",
				"chart_type": "Count",
				"type": "Heatmap",
				"document_type": t.doctype if t else "Case",
				"based_on": "creation",
				"timespan": "Last Year",
				"time_interval": "Daily",
				"filters_json": json.dumps({"name": t.name} if t else {}),
			}
		)
	if param == "ignore_user_permissions":
		return 1
	if param == "action":
		return "Save"
	if param in ("start_date", "from_date", "start"):
		return "2020-01-01" if param != "start" else 0
	if param in ("end_date", "to_date", "end"):
		return "2030-12-31"
	if param in ("limit", "limit_page_length", "page_length", "page_len"):
		return 500
	if param == "limit_start":
		return 0
	if param in ("with_parent", "as_dict"):
		return 1
	return None


def arguments(params: dict, target: Target | None, masked_filter: dict | None) -> dict:
	"""Keyword arguments for a call: a value for each parameter the sweep can name; an empty string for
	a required one it cannot (so the route runs and answers, rather than failing on a missing argument)."""
	kwargs = {}
	for param, spec in params.items():
		value = value_for(param, target, masked_filter)
		if value is None and spec is not None and spec.default is inspect.Parameter.empty:
			value = ""
		if value is not None:
			kwargs[param] = value
	return kwargs


def variants(route: Route, targets: list[Target]) -> list[tuple]:
	"""(label, target, kwargs) for each call of the route: one per target when it takes a doctype, a name
	or a search text, one call otherwise."""
	params = route_params(route)
	if "report_name" in params:
		return [
			(
				f"report {report}",
				None,
				{**arguments(params, None, None), "report_name": report, "filters": "{}"},
			)
			for report in reports()
		]
	takes_doctype = any(p in DOCTYPE_PARAMS for p in params)
	takes_name = any(p in NAME_PARAMS | LIST_NAME_PARAMS for p in params)
	takes_text = any(p in TEXT_PARAMS or p == "query" for p in params)
	if route.kind == "doc method":
		chosen = [t for t in targets if not t.parent]
	elif takes_doctype or takes_name or takes_text:
		chosen = targets
	else:
		chosen = [None]
	if any(word in route.path for word in HEAVY):
		chosen = chosen[:1]
	return [(t.label if t else "-", t, arguments(params, t, None)) for t in chosen]


def route_params(route: Route) -> dict:
	return {
		name: spec
		for name, spec in route.params.items()
		if name not in ("self", "args_", "kwargs")
		and spec.kind not in (spec.VAR_POSITIONAL, spec.VAR_KEYWORD)
	}


def takes_filters(route: Route) -> bool:
	params = route_params(route)
	return any(p in DOCTYPE_PARAMS for p in params) and any(
		p in ("filters", "current_filters") for p in params
	)


# ---------------------------------------------------------------- calling


def call(client, route: Route, target: Target | None, kwargs: dict):
	if route.kind == "doc method":
		method = route.path.rsplit(".", 1)[1]
		data = {"dt": target.doctype, "dn": target.name, "method": method, "args": json.dumps(kwargs)}
		return client.post("/api/method/run_doc_method", data=data)
	path = f"/api/method/{route.path}"
	if "POST" in route.http_methods or not route.http_methods:
		return client.post(path, data=kwargs)
	return client.get(path, query_string=kwargs)


def rest_calls(doctype: str, targets: list[Target]):
	"""(route label, variant label, target, path, query) for the REST list and read routes of one doctype."""
	calls = []
	for t in [t for t in targets if t.doctype == doctype] or [None]:
		query = {"fields": json.dumps(["*"]), "filters": json.dumps(name_filter(t)), "limit_page_length": 500}
		if t and t.parent_doctype:
			query["parent"] = t.parent_doctype
		label = t.label if t else "all rows"
		calls.append(("/api/resource/<doctype>", label, t, f"/api/resource/{doctype}", query))
		calls.append(("/api/v2/document/<doctype>", label, t, f"/api/v2/document/{doctype}", query))
		if t:
			calls.append(
				("/api/resource/<doctype>/<name>", label, t, f"/api/resource/{doctype}/{t.name}", {})
			)
			calls.append(
				("/api/v2/document/<doctype>/<name>", label, t, f"/api/v2/document/{doctype}/{t.name}/", {})
			)
	return calls


def name_filter(target: Target | None) -> dict:
	if not target:
		return {}
	return {"parent": target.parent} if target.parent else {"name": target.name}


def oracle_calls(routes: list[Route], masked: list[tuple]):
	"""Pairs of calls that differ only in a filter on a masked field, one true and one false for a
	record: (route label, variant, call of the true filter, call of the false filter). A route that
	answers the two differently tells the caller something about the masked value."""
	pairs = []
	for target, true_filter, false_filter, forbidden in masked:
		field_name = next(iter(true_filter))
		variant = f"{target.label}, filtered on {field_name}"
		for route in routes:
			if not takes_filters(route):
				continue
			params = route_params(route)
			pairs.append(
				(
					route.path,
					variant,
					forbidden,
					(true_filter, false_filter),
					(route, target, arguments(params, target, true_filter)),
					(route, target, arguments(params, target, false_filter)),
				)
			)
		for label, path in (
			("/api/resource/<doctype>", f"/api/resource/{target.doctype}"),
			("/api/v2/document/<doctype>", f"/api/v2/document/{target.doctype}"),
		):
			pairs.append(
				(
					f"{label} ({target.doctype})",
					variant,
					forbidden,
					(true_filter, false_filter),
					("rest", path, {"filters": json.dumps(true_filter)}),
					("rest", path, {"filters": json.dumps(false_filter)}),
				)
			)
	return pairs


def answer(response, filters: tuple[dict, dict]) -> tuple[int, str]:
	"""What a caller learns from a response: its status and its body, without the echo of the caller's
	own filter values (an error message quoting the request tells nothing new)."""
	text = body_of(response)
	for one in filters:
		for value in one.values():
			for part in value if isinstance(value, list) else [value]:
				for form in {
					str(part),
					json.dumps(part),
					json.dumps(part)[1:-1],
					json.dumps(json.dumps(one)),
				}:
					if len(form) > 3:
						text = text.replace(form, "<filter>")
	text = EXCEPTION_ID.sub("", text)
	try:
		text = json.dumps(canonical(json.loads(text)), sort_keys=True)
	except ValueError:
		pass
	return response.status_code, text


def canonical(value):
	"""JSON with every list in a fixed order: rows an unordered query returns in any order are the same answer."""
	if isinstance(value, dict):
		return {key: canonical(item) for key, item in value.items()}
	if isinstance(value, list):
		return sorted((canonical(item) for item in value), key=lambda item: json.dumps(item, sort_keys=True))
	return value


def difference(one: tuple[int, str], other: tuple[int, str]) -> str:
	"""Where two answers part, for the report: the statuses and the text around the first difference."""
	(status, text), (other_status, other_text) = one, other
	at = next(
		(i for i, (a, b) in enumerate(zip(text, other_text, strict=False)) if a != b),
		min(len(text), len(other_text)),
	)
	return f"{status} vs {other_status}: ...{text[max(0, at - 60) : at + 60]}... / ...{other_text[max(0, at - 60) : at + 60]}..."


def body_of(response) -> str:
	try:
		return response.get_data(as_text=True)
	except Exception:
		return ""


def classify(outcome: Outcome, response, persona: str, secrets: list[Secret], variant: str):
	outcome.calls += 1
	text = body_of(response)
	found = [s.label for s in secrets if persona in s.forbidden and s.token in text]
	for label in found:
		outcome.leaks.append((label, variant))
	status = response.status_code
	if found:
		return
	if status >= 500:
		outcome.errors += 1
	elif status == 200 and not is_refusal(text):
		outcome.allowed += 1
	else:
		outcome.refused += 1


def is_refusal(text: str) -> bool:
	"""A 200 that carries an error page or an empty answer (web pages answer 200 with a 'not permitted')."""
	return '"exc_type"' in text or "exc_type" in text[:200]


def run(
	clients: dict,
	routes: list[Route],
	doctypes: list[str],
	targets: list[Target],
	secrets: list[Secret],
	masked: list[tuple[Target, dict, dict]],
	pages: list[tuple[str, str]],
):
	"""Call everything as everyone. Returns ({route label: {persona: Outcome}}, calls made, seconds)."""
	results: dict[str, dict[str, Outcome]] = defaultdict(dict)
	started = time.monotonic()
	calls = 0

	def outcome(label, persona):
		if persona not in results[label]:
			results[label][persona] = Outcome(label, persona)
		return results[label][persona]

	def send(client, spec):
		if spec[0] == "rest":
			return client.get(spec[1], query_string=spec[2])
		return call(client, *spec)

	def attackers(target):
		return [
			(p, c) for p, c in clients.items() if not target or not target.forbidden or p in target.forbidden
		]

	for route in routes:
		calls_of_route = variants(route, targets)
		# the arguments were read in this connection: end its transaction, so that a route which alters
		# a table (Frappe adds a `_user_tags` column on the first tag) does not wait for our metadata lock
		frappe.db.commit()
		for variant, target, kwargs in calls_of_route:
			for persona, client in attackers(target):
				classify(
					outcome(route.path, persona),
					call(client, route, target, kwargs),
					persona,
					secrets,
					variant,
				)
				calls += 1
		for persona, client in clients.items():
			# a route that ended the session (a wrong password does) would make every later call a guest's
			if client.user and not client.logged_in():
				outcome(route.path, persona).ended_session = True
				client.login()
	for doctype in doctypes:
		for label, variant, target, path, query in rest_calls(doctype, targets):
			for persona, client in attackers(target):
				classify(
					outcome(f"{label} ({doctype})", persona),
					client.get(path, query_string=query),
					persona,
					secrets,
					variant,
				)
				calls += 1
	for label, path in pages:
		for persona, client in clients.items():
			classify(outcome(label, persona), client.get(path), persona, secrets, path)
			calls += 1
	pairs = oracle_calls(routes, masked)
	frappe.db.commit()
	for label, variant, forbidden, filters, true_call, false_call in pairs:
		for persona, client in clients.items():
			if persona not in forbidden:
				continue
			first, second = send(client, true_call), send(client, false_call)
			calls += 2
			result = outcome(label, persona)
			classify(result, first, persona, secrets, variant)
			result.calls += 1
			one, other = answer(first, filters), answer(second, filters)
			if one != other:
				result.leaks.append((f"answers by a masked field ({variant})", difference(one, other)))
	return results, calls, time.monotonic() - started


def matrix(results: dict[str, dict[str, Outcome]], personas: list[str]) -> str:
	"""The route x persona table, in words."""
	width = max(len(r) for r in results) if results else 10
	header = "route".ljust(width) + " | " + " | ".join(personas)
	lines = [header, "-" * len(header)]
	for route in sorted(results):
		cells = [results[route].get(p, Outcome(route, p)).cell for p in personas]
		lines.append(route.ljust(width) + " | " + " | ".join(cells))
	return "\n".join(lines)


def leaks(results: dict[str, dict[str, Outcome]]) -> list[str]:
	found = []
	for route, by_persona in sorted(results.items()):
		for persona, outcome in by_persona.items():
			for label, variant in outcome.leaks:
				found.append(f"{route} as {persona}: {label} ({variant})")
	return found
