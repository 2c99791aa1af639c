"""The direction of imports (docs/ARCHITECTURE.md), checked over the app's own import graph.

Every `import` and `from ... import` of the app's modules is read with `ast` (imports inside functions
too), each module is placed in its layer, and an import against the direction fails with the file, the
line and the rule it breaks. No site is needed: it reads the source.
"""

import ast
import pathlib
import unittest

APP = "union_cases"
ROOT = pathlib.Path(__file__).resolve().parents[1]

# layer -> the layers it may import (besides itself, Frappe, ERPNext and the standard library)
ALLOWED = {
	"base": set(),  # utils, constants, exceptions: depend on nothing of the app
	"model": {"base"},  # doctypes and their services: casework, membership, organization, reports
	"portal": {"base", "model"},
	"api": {"base", "model", "portal"},
	"www": {"base", "model", "portal"},
	"setup": {"base", "model"},
	"demo": {"base", "model", "setup"},
	"patches": {"base", "model"},
	"commands": {"base", "model", "setup", "demo"},
	"hooks": {"base"},
	"tests": {"base", "model", "portal", "api", "www", "setup", "demo", "patches", "tests"},
}
MODEL = {
	"casework",
	"dues",
	"membership",
	"organization",
	"configuration",
	"reporting",
	"permissions",
	"field_guard",
}
BASE = {"utils", "constants", "exceptions"}


def layer_of(module: str) -> str | None:
	"""The layer of a dotted module name of the app (None for the package itself)."""
	parts = module.split(".")
	if parts[0] != APP or len(parts) < 2:
		return None
	top = parts[1]
	if top in BASE:
		return "base"
	if top in MODEL:
		return "model"
	if top == "templates":  # the portal's page templates
		return "www"
	if top in ALLOWED:
		return top
	raise AssertionError(f"{module}: a top-level module with no layer; add it to test_architecture.py")


def module_name(path: pathlib.Path) -> str:
	parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
	if parts[-1] == "__init__":
		parts.pop()
	return ".".join(parts)


def imports_of(path: pathlib.Path):
	"""(line, imported module) for every import of an app module in the file."""
	tree = ast.parse(path.read_text(), str(path))
	package = module_name(path).rsplit(".", 0 if path.name == "__init__.py" else 1)[0]
	for node in ast.walk(tree):
		if isinstance(node, ast.Import):
			for alias in node.names:
				yield node.lineno, alias.name
		elif isinstance(node, ast.ImportFrom):
			if node.level:
				base = package.split(".")
				base = base[: len(base) - node.level + 1]
				target = ".".join([*base, node.module] if node.module else base)
			else:
				target = node.module or ""
			if target == APP:  # from union_cases import demo: the names are modules
				for alias in node.names:
					yield node.lineno, f"{APP}.{alias.name}"
			else:
				yield node.lineno, target


def violations() -> list[str]:
	found = []
	for path in sorted(ROOT.rglob("*.py")):
		if "node_modules" in path.parts:
			continue
		module = module_name(path)
		here = layer_of(module)
		if here is None:
			continue
		# a doctype's own test module sits beside it and tests it: it belongs to the tests
		if path.name.startswith("test_"):
			here = "tests"
		for line, target in imports_of(path):
			there = layer_of(target) if target.startswith(APP + ".") else None
			if there and there != here and there not in ALLOWED[here]:
				found.append(f"{path.relative_to(ROOT.parent)}:{line}: {here} imports {there} ({target})")
	return found


class TestLayering(unittest.TestCase):
	def test_imports_run_one_way(self):
		self.assertEqual(violations(), [])

	def test_the_check_sees_a_wrong_import(self):
		"""The check itself: an endpoint importing the installer and a controller importing the portal are
		both reported."""
		self.assertEqual(layer_of("union_cases.casework.doctype.case.case"), "model")
		self.assertNotIn(layer_of("union_cases.portal.context"), ALLOWED["model"])
		self.assertNotIn(layer_of("union_cases.setup.install"), ALLOWED["api"])
		self.assertNotIn(layer_of("union_cases.demo.generate"), ALLOWED["www"])
		source = ROOT / "casework" / "doctype" / "case" / "case.py"
		self.assertIn((4, "frappe"), list(imports_of(source)))
