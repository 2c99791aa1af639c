"""Who sees what: a matrix of real users per role, checked on every route to the data.

The tables below are the specification. Read them as: for this doctype (or record) and this person,
the action is allowed (yes) or refused (no).
"""

import importlib
import json
import pkgutil
import re

import frappe
from frappe.utils.password import update_password

import union_cases
from union_cases.demo.generate import grant
from union_cases.permissions import ChildRow
from union_cases.tests.http import SiteClient
from union_cases.tests.utils import UnionTestCase, make_case, make_member, make_user

PASSWORD = "_Test-Pass-2026!"

# who: (email, roles, federation node they are given, or none)
PEOPLE = {
	"operator A": ("_perm_operator_a@example.com", ("Case Operator",), "_Test Federation"),
	"advisor A": ("_perm_advisor_a@example.com", ("Legal Advisor",), "_Test Federation"),
	"officer A": ("_perm_officer_a@example.com", ("Federation Officer",), "_Test Federation"),
	"focal point A": (
		"_perm_focal_a@example.com",
		("Legal Advisor", "Gender Focal Point"),
		"_Test Federation",
	),
	"operator B": ("_perm_operator_b@example.com", ("Case Operator",), "_Test Federation 2"),
	"administrator": ("_perm_union_admin@example.com", ("Union Administrator",), None),
	"member": ("_perm_member@example.com", ("Union Member",), None),
	"member 2": ("_perm_member_2@example.com", ("Union Member",), None),
	"guest": ("Guest", (), None),
}

# What each person may do with each kind of record (doctype level).
ACCESS = """
doctype           person          read  write  create  delete  export  report
Member            operator A      yes   yes    yes     no      yes     yes
Member            advisor A       yes   no     no      no      no      yes
Member            officer A       yes   yes    no      no      yes     yes
Member            administrator   yes   yes    yes     yes     yes     yes
Member            member          no    no     no      no      no      no
Member            guest           no    no     no      no      no      no
Case              operator A      yes   yes    yes     no      yes     yes
Case              advisor A       yes   yes    no      no      no      yes
Case              officer A       yes   yes    yes     no      yes     yes
Case              administrator   yes   yes    yes     yes     yes     yes
Case              member          no    no     no      no      no      no
Case              guest           no    no     no      no      no      no
Referral          operator A      yes   yes    yes     no      yes     yes
Referral          advisor A       yes   yes    yes     no      yes     yes
Referral          administrator   yes   yes    yes     yes     yes     yes
Referral          member          no    no     no      no      no      no
Federation        operator A      yes   no     no      no      no      yes
Federation        officer A       yes   no     no      no      no      yes
Federation        administrator   yes   yes    yes     yes     yes     yes
Federation        member          no    no     no      no      no      no
Employer          operator A      yes   yes    yes     no      yes     yes
Employer          advisor A       yes   no     no      no      no      yes
Employer          member          no    no     no      no      no      no
Case Category     operator A      yes   no     no      no      no      yes
Case Category     administrator   yes   yes    yes     yes     yes     yes
Referral Partner  operator A      yes   no     no      no      no      yes
Referral Partner  officer A       yes   yes    yes     no      yes     yes
Referral Partner  guest           no    no     no      no      no      no
"""

# Which records each person can open (and find in any list, count, search or report).
RECORDS = """
record                      operator A  advisor A  officer A  focal point A  operator B  administrator  member  member 2  guest
member A                    yes         yes        yes        yes            no          yes            no      no        no
member B                    no          no         no         no             yes         yes            no      no        no
case A                      yes         yes        yes        yes            no          yes            no      no        no
case B                      no          no         no         no             yes         yes            no      no        no
confidential case A         no          yes        no         yes            no          no             no      no        no
non-member case at A        yes         yes        yes        yes            no          yes            no      no        no
unplaced non-member case    no          no         no         no             no          yes            no      no        no
referral A                  yes         yes        yes        yes            no          yes            no      no        no
referral confidential A     no          yes        no         yes            no          no             no      no        no
federation A                yes         yes        yes        yes            no          yes            no      no        no
federation B                no          no         no         no             yes         yes            no      no        no
"""


def parse(table: str) -> list[list[str]]:
	"""Rows of a table whose columns are separated by two or more spaces."""
	return [re.split(r"\s{2,}", line.strip()) for line in table.strip().splitlines()]


def sweep_application() -> dict:
	"""A membership application a guest may send, with a NIK no application has yet."""
	from union_cases.tests.test_portal import application_data

	while True:
		data = application_data(email=f"_perm_sweep_{frappe.generate_hash(length=8)}@example.com")
		if not frappe.db.exists("Membership Application", {"nik": data["nik"]}):
			return data


def email(person: str) -> str:
	return PEOPLE[person][0]


class TestWhoSeesWhat(UnionTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		for user, roles, node in PEOPLE.values():
			if user == "Guest":
				continue
			make_user(user, *roles)
			update_password(user, PASSWORD)
			if node:
				grant(user, "Federation", node)
		records = {}
		records["member A"] = make_member(
			full_name="_Perm Member A", user=email("member"), email=email("member")
		)
		records["member B"] = make_member(
			full_name="_Perm Member B", local_union="_Test Local Union 2", user=email("member 2")
		)
		records["case A"] = make_case(records["member A"], title="_Perm case A")
		records["case B"] = make_case(records["member B"], title="_Perm case B")
		records["confidential case A"] = make_case(
			records["member A"],
			title="_Perm confidential",
			category="Gender-Based Violence and Harassment",
			handler=email("advisor A"),
		)
		records["non-member case at A"] = frappe.get_doc(
			{
				"doctype": "Case",
				"title": "_Perm non-member A",
				"category": "Unpaid Overtime",
				"description": "x",
				"is_non_member": 1,
				"federation": "_Test Federation",
			}
		).insert()
		records["unplaced non-member case"] = frappe.get_doc(
			{
				"doctype": "Case",
				"title": "_Perm non-member",
				"category": "Unpaid Overtime",
				"description": "x",
				"is_non_member": 1,
			}
		).insert()
		if not frappe.db.exists("Referral Partner", "_Test Perm Partner"):
			frappe.get_doc(
				{
					"doctype": "Referral Partner",
					"partner_name": "_Test Perm Partner",
					"partner_type": "Legal Aid",
				}
			).insert()
		for key, case in (("referral A", "case A"), ("referral confidential A", "confidential case A")):
			records[key] = frappe.get_doc(
				{
					"doctype": "Referral",
					"case": records[case].name,
					"partner": "_Test Perm Partner",
					"reason": "_Perm",
				}
			).insert()
		cls.records = {key: (doc.doctype, doc.name) for key, doc in records.items()}
		cls.records["federation A"] = ("Federation", "_Test Federation")
		cls.records["federation B"] = ("Federation", "_Test Federation 2")
		frappe.db.commit()

	def tearDown(self):
		frappe.set_user("Administrator")
		super().tearDown()

	def test_access_matrix(self):
		header, *rows = parse(ACCESS)
		actions = header[2:]
		for doctype, person, *expected in rows:
			user = email(person)
			frappe.set_user(user)
			for action, allowed in zip(actions, expected, strict=True):
				with self.subTest(doctype=doctype, person=person, action=action):
					if action == "export":
						result = frappe.permissions.can_export(doctype)
					else:
						result = frappe.has_permission(doctype, action)
					self.assertEqual(bool(result), allowed == "yes")
			frappe.set_user("Administrator")

	def test_record_matrix(self):
		"""Form, list, count and link search agree with the table for every person and record."""
		header, *rows = parse(RECORDS)
		people = header[1:]
		for record, *expected in rows:
			doctype, name = self.records[record]
			for person, allowed in zip(people, expected, strict=True):
				user = email(person)
				frappe.set_user(user)
				with self.subTest(record=record, person=person):
					visible = allowed == "yes"
					self.assertEqual(frappe.has_permission(doctype, "read", doc=name), visible, "form")
					if frappe.has_permission(doctype, "read"):
						in_list = frappe.get_list(doctype, filters={"name": name}, pluck="name")
						self.assertEqual(bool(in_list), visible, "list")
						count = frappe.get_list(doctype, filters={"name": name}, fields=["count(*) as n"])[
							0
						].n
						self.assertEqual(count, int(visible), "count")
				frappe.set_user("Administrator")

	def test_parity_of_list_and_form(self):
		"""For each doctype and person, get_list returns exactly the records has_permission allows."""
		for doctype in ("Case", "Referral", "Member", "Federation"):
			everything = frappe.get_all(doctype, pluck="name")
			for person, (user, _roles, _node) in PEOPLE.items():
				frappe.set_user(user)
				with self.subTest(doctype=doctype, person=person):
					listed = (
						set(frappe.get_list(doctype, pluck="name", limit_page_length=0))
						if frappe.has_permission(doctype, "read")
						else set()
					)
					allowed = {
						name for name in everything if frappe.has_permission(doctype, "read", doc=name)
					}
					self.assertEqual(listed, allowed)
				frappe.set_user("Administrator")

	def test_parity_of_child_rows(self):
		"""For each child table of a case or a referral and each person: the rows listed (with the parent
		named, as the desk and the API ask) are exactly the rows whose document check passes."""
		children = {
			"Case": ("Case Member", "Case Verification Check", "Case Stage"),
			"Referral": ("Referral Update",),
		}
		for parent, doctypes in children.items():
			for doctype in doctypes:
				everything = frappe.get_all(doctype, filters={"parenttype": parent}, pluck="name")
				for person, (user, _roles, _node) in PEOPLE.items():
					frappe.set_user(user)
					with self.subTest(doctype=doctype, person=person):
						try:
							listed = set(
								frappe.get_list(
									doctype, parent_doctype=parent, pluck="name", limit_page_length=0
								)
							)
						except frappe.PermissionError:
							frappe.clear_last_message()
							listed = set()
						allowed = {
							name
							for name in everything
							if frappe.get_doc(doctype, name).has_permission("read")
						}
						self.assertEqual(listed, allowed)
					frappe.set_user("Administrator")

	def test_parity_of_readable_and_filterable_fields(self):
		"""A person may filter a list on exactly the fields they may read."""
		from frappe.model import get_permitted_fields

		for doctype in ("Member", "Case", "Referral", "Membership Application"):
			meta = frappe.get_meta(doctype)
			fields = [
				df for df in meta.fields if df.fieldtype in ("Data", "Date", "Small Text", "Link", "Select")
			]
			for person in ("operator A", "officer A", "advisor A", "administrator"):
				frappe.set_user(email(person))
				if not frappe.has_permission(doctype, "read"):
					frappe.set_user("Administrator")
					continue
				readable = set(get_permitted_fields(doctype))
				for df in fields:
					with self.subTest(doctype=doctype, person=person, field=df.fieldname):
						try:
							frappe.get_list(
								doctype, filters={df.fieldname: ("is", "set")}, limit_page_length=1
							)
							filtered = True
						except frappe.PermissionError:
							frappe.clear_last_message()
							filtered = False
						self.assertEqual(filtered, df.fieldname in readable)
				frappe.set_user("Administrator")

	def test_member_scope_is_restated_on_the_federation(self):
		"""The Member condition repeats the local-union scope on the indexed federation column only."""
		from union_cases.permissions import member_condition

		self.assertEqual(
			member_condition(email("operator A")),
			"(`tabMember`.federation in ('_Test Federation') or `tabMember`.federation is null)",
		)
		self.assertEqual(member_condition(email("administrator")), "")
		self.assertEqual(member_condition("Administrator"), "")
		branch_user = make_user("_perm_branch_operator@example.com", "Case Operator").name
		grant(branch_user, "Federation", "_Test Branch 2")
		self.assertEqual(
			member_condition(branch_user),
			"(`tabMember`.federation in ('_Test Federation 2') or `tabMember`.federation is null)",
		)
		frappe.set_user(branch_user)
		self.assertIn(self.records["member B"][1], frappe.get_list("Member", pluck="name"))
		self.assertNotIn(self.records["member A"][1], frappe.get_list("Member", pluck="name"))

	def test_link_search_and_report_respect_scope(self):
		from frappe.desk.search import search_widget

		from union_cases.casework.report.deadlines.deadlines import execute

		frappe.set_user(email("operator B"))
		found = search_widget("Member", "_Perm Member", page_length=20)
		self.assertNotIn(self.records["member A"][1], [row[0] for row in found])
		self.assertIn(self.records["member B"][1], [row[0] for row in found])
		_columns, data = execute({"status": "All"})
		self.assertFalse({row.case_name for row in data} & {self.records["case A"][1]})

	def test_api_routes(self):
		"""The REST API and file URLs, over HTTP, for someone of the other federation and a guest."""
		case_a = self.records["case A"][1]
		file = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": "_perm_evidence.txt",
				"content": b"slip gaji",
				"attached_to_doctype": "Case",
				"attached_to_name": case_a,
				"is_private": 1,
			}
		).insert()
		frappe.db.commit()
		outsider = SiteClient(email("operator B"), PASSWORD)
		insider = SiteClient(email("operator A"), PASSWORD)
		guest = SiteClient()
		self.assertEqual(insider.get(f"/api/resource/Case/{case_a}").status_code, 200)
		self.assertEqual(outsider.get(f"/api/resource/Case/{case_a}").status_code, 403)
		self.assertEqual(guest.get(f"/api/resource/Case/{case_a}").status_code, 403)
		listed = outsider.get("/api/resource/Case", query_string={"limit_page_length": 0}).json["data"]
		self.assertNotIn(case_a, [row["name"] for row in listed])
		count = outsider.get(
			"/api/method/frappe.client.get_count",
			query_string={"doctype": "Case", "filters": json.dumps({"name": case_a})},
		).json["message"]
		self.assertEqual(count, 0)
		self.assertEqual(insider.get(file.file_url).status_code, 200)
		self.assertEqual(outsider.get(file.file_url).status_code, 403)
		self.assertIn(guest.get(file.file_url).status_code, (403, 404))
		confidential = self.records["confidential case A"][1]
		self.assertEqual(insider.get(f"/api/resource/Case/{confidential}").status_code, 403)
		advisor = SiteClient(email("advisor A"), PASSWORD)
		self.assertEqual(advisor.get(f"/api/resource/Case/{confidential}").status_code, 200)
		print_url = f"/printview?doctype=Case&name={confidential}"
		self.assertNotIn("_Perm confidential", insider.get(print_url).text)

	def test_sensitive_fields_masked(self):
		member_a = self.records["member A"][1]
		nik = frappe.db.get_value("Member", member_a, "nik")
		officer = (
			SiteClient(email("officer A"), PASSWORD).get(f"/api/resource/Member/{member_a}").json["data"]
		)
		self.assertNotIn("nik", officer)
		self.assertNotIn("date_of_birth", officer)
		self.assertEqual(officer["nik_masked"], "*" * 12 + nik[-4:])
		operator = (
			SiteClient(email("operator A"), PASSWORD).get(f"/api/resource/Member/{member_a}").json["data"]
		)
		self.assertEqual(operator["nik"], nik)

	def test_confidential_access_and_member_exports_are_logged(self):
		from frappe.desk.form.load import getdoc

		confidential = self.records["confidential case A"][1]
		frappe.set_user(email("advisor A"))
		getdoc("Case", confidential)
		frappe.set_user("Administrator")
		self.assertTrue(
			frappe.db.exists("Access Log", {"user": email("advisor A"), "reference_document": confidential})
		)
		response = SiteClient(email("officer A"), PASSWORD).post(
			"/api/method/frappe.desk.reportview.export_query",
			data={
				"doctype": "Member",
				"file_format_type": "CSV",
				"fields": json.dumps(["`tabMember`.`name`"]),
				"filters": json.dumps([]),
				"title": "Member",
			},
		)
		self.assertEqual(response.status_code, 200)
		frappe.db.commit()  # see what the request committed
		self.assertTrue(frappe.db.exists("Access Log", {"user": email("officer A"), "export_from": "Member"}))

	def test_every_whitelisted_method_refuses_strangers(self):
		"""Found automatically: each of the app's whitelisted methods, called over HTTP as a guest, a member
		and staff of the other federation, is refused or returns nothing of federation A."""
		for module in pkgutil.walk_packages(union_cases.__path__, "union_cases."):
			if ".tests" not in module.name and not module.name.endswith(".test"):
				importlib.import_module(module.name)
		methods = sorted(
			{
				f"{fn.__module__}.{fn.__qualname__}"
				for fn in frappe.whitelisted
				if fn.__module__.startswith("union_cases.")
			}
		)
		case_a = self.records["case A"][1]
		samples = {
			"union_cases.api.case.category_defaults": {"category": "Wage Below Regional Minimum"},
			"union_cases.api.case.get_similar_cases": {
				"employer": "_Test Employer",
				"category": "Wage Below Regional Minimum",
			},
			"union_cases.api.case.link_cases": {
				"case": case_a,
				"other": self.records["non-member case at A"][1],
			},
			"union_cases.api.case.set_rejection_reason": {"case": case_a, "reason": "x"},
			"union_cases.api.case.next_steps": {"case": case_a},
			"union_cases.api.case.confirm_category": {"case": case_a, "category": "Unpaid Overtime"},
			"union_cases.api.case.retrain_triage": {},
			"union_cases.api.case.set_handler": {"case": case_a, "handler": "Administrator"},
			"union_cases.api.member.open_rights_case": {
				"alert": "flag_no_bpjs",
				"employer": "_Test Employer",
				"local_union": "_Test Local Union",
			},
			"union_cases.api.member.search_members": {
				"doctype": "Member",
				"txt": "_Perm",
				"searchfield": "name",
				"start": 0,
				"page_len": 20,
				"filters": "{}",
			},
			"union_cases.api.referral.partner_update": {
				"referral": self.records["referral A"][1],
				"status": "Accepted",
			},
			"union_cases.api.case.search_handlers": {
				"doctype": "User",
				"txt": "",
				"searchfield": "name",
				"start": 0,
				"page_len": 20,
				"filters": json.dumps({"local_union": "_Test Local Union"}),
			},
			"union_cases.api.overrides.get_count": {
				"doctype": "Case",
				"filters": json.dumps({"name": case_a}),
			},
			"union_cases.api.overrides.get": {"doctype": "Case", "name": case_a},
			"union_cases.api.overrides.get_link_title": {"doctype": "Case", "docname": case_a},
			"union_cases.api.overrides.search_link": {
				"doctype": "Case",
				"txt": "_Perm",
				"ignore_user_permissions": 1,
			},
			"union_cases.api.overrides.search_widget": {
				"doctype": "Case",
				"txt": "_Perm",
				"ignore_user_permissions": 1,
			},
			"union_cases.api.overrides.get_group_by_count": {
				"doctype": "Case",
				"current_filters": "[]",
				"field": "assigned_to",
			},
			"union_cases.api.overrides.dashboard_chart": {"chart_name": "Open Cases by Status"},
			"union_cases.api.knowledge.articles_for_case": {"case": case_a},
			"union_cases.api.dues.generate_dues_invoices": {"posting_date": "2026-12-01"},
			"union_cases.casework.doctype.case.case.Case.merge_into": {
				"target": self.records["non-member case at A"][1]
			},
			"union_cases.api.case.invite_to_join": {"case": self.records["non-member case at A"][1]},
			"union_cases.api.configuration.shipped_status": {"doctype": "Workflow", "name": "Case Workflow"},
			"union_cases.api.configuration.reset_to_shipped": {
				"doctype": "Workflow",
				"name": "Case Workflow",
			},
			"union_cases.api.portal.check_application": {"nik": "1234"},
			"union_cases.api.portal.search_employers": {"txt": "Perm"},
			"union_cases.api.portal.submit_complaint": {
				"title": "_Perm sweep",
				"description": "x",
				"contact_name": "x",
				"email": "_perm_sweep@example.com",
			},
			"union_cases.api.portal.reply": {"case": case_a, "message": "x"},
			"union_cases.api.portal.rate_case": {"case": case_a, "rating": 5},
			"union_cases.api.portal.request_profile_change": {"mobile_no": "0812 0000 0000"},
			"union_cases.api.portal.download": {"file": "/private/files/none.pdf"},
			"union_cases.api.portal.answer_application": {"key": "x" * 32, "message": "x"},
			"union_cases.api.portal.confirm_complaint": {
				"case": case_a,
				"answer": "mine",
				"key": "x" * 32,
				"confirm": "0" * 32,
			},
			# the membership web form (Frappe's accept, checked first): a new application on each call
			"union_cases.api.portal.accept_web_form": lambda: {
				"web_form": "membership-application",
				"data": json.dumps(sweep_application()),
			},
		}
		# Meant for anyone (the public forms) or answering only about the caller's own record
		open_to_all = {
			"union_cases.api.portal.check_application",
			"union_cases.api.portal.search_employers",
			"union_cases.api.portal.submit_complaint",
			"union_cases.api.portal.request_profile_change",
			"union_cases.api.portal.accept_web_form",
		}
		self.assertEqual(set(methods) - set(samples), set(), "add sample arguments for the new method")
		from union_cases.tests.test_portal import clear_limits

		clear_limits()
		callers = {
			"guest": SiteClient(),
			# a member, but not the one whose records are tried
			"member": SiteClient(email("member 2"), PASSWORD),
			"operator B": SiteClient(email("operator B"), PASSWORD),
		}
		for method in methods:
			for who, client in callers.items():
				with self.subTest(method=method, caller=who):
					args = samples[method]() if callable(samples[method]) else samples[method]
					if ".Case." in method:
						response = client.post(
							"/api/method/run_doc_method",
							data={
								"method": method.rsplit(".", 1)[1],
								"dt": "Case",
								"dn": case_a,
								"args": json.dumps(args),
							},
						)
					else:
						response = client.post(f"/api/method/{method}", data=args)
					if response.status_code == 200:
						text = json.dumps(response.json.get("message"))
						self.assertNotIn(case_a, text)
						self.assertNotIn("_Perm Member A", text)
						if method not in open_to_all:
							self.assertEqual(who, "operator B", "only staff may call it at all")
					else:
						self.assertIn(response.status_code, (401, 403), response.text[:300])
		self.assertEqual(frappe.db.get_value("Case", case_a, "rejection_reason"), None)

	def test_workspace_cards_and_charts_are_scoped(self):
		from frappe.desk.doctype.dashboard_chart.dashboard_chart import get as chart_data
		from frappe.desk.doctype.number_card.number_card import get_result

		workspace = frappe.get_doc("Workspace", "Union Cases")
		self.assertEqual(len(workspace.number_cards), 6)
		self.assertEqual(len(workspace.charts), 4)
		open_cases = frappe.get_doc("Number Card", "Open Cases")
		members_chart = "Members by Status"
		for person in ("operator A", "operator B", "officer A"):
			frappe.set_user(email(person))
			with self.subTest(person=person):
				open_filter = [["Case", "workflow_state", "not in", ["Resolved", "Closed", "Rejected"]]]
				visible = len(frappe.get_list("Case", filters=open_filter, pluck="name", limit_page_length=0))
				self.assertEqual(get_result(open_cases.as_dict(), open_cases.filters_json), visible)
				members = len(frappe.get_list("Member", pluck="name", limit_page_length=0))
				data = chart_data(chart_name=members_chart)
				self.assertEqual(sum(data["datasets"][0]["values"]), members)
			frappe.set_user("Administrator")
		self.assertGreater(
			get_result(open_cases.as_dict(), open_cases.filters_json),
			0,
		)

	def test_handler_choice_is_scoped(self):
		from union_cases.api.case import search_handlers

		make_user("_perm_advisor_b@example.com", "Legal Advisor")
		grant("_perm_advisor_b@example.com", "Federation", "_Test Federation 2")
		make_user("_perm_advisor_all@example.com", "Legal Advisor")
		frappe.set_user(email("operator A"))
		found = [
			row[0]
			for row in search_handlers("User", "_perm", "name", 0, 50, {"local_union": "_Test Local Union"})
		]
		self.assertIn(email("advisor A"), found)
		self.assertIn("_perm_advisor_all@example.com", found)
		self.assertNotIn("_perm_advisor_b@example.com", found)
		self.assertNotIn(email("operator A"), found)  # not a Legal Advisor


class TestReadPaths(UnionTestCase):
	"""The read paths of issue 12, each named: what a user must not reach, and what still works."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		for user, roles, node in PEOPLE.values():
			if user == "Guest":
				continue
			make_user(user, *roles)
			update_password(user, PASSWORD)
			if node:
				grant(user, "Federation", node)
		cls.member_a = make_member(full_name="_Read Member A")
		cls.member_b = make_member(full_name="_Read Member B", local_union="_Test Local Union 2")
		cls.case_a = make_case(
			cls.member_a, title="_Read case A", members=[{"member": cls.member_b.name, "note": "_Read row A"}]
		)
		cls.case_b = make_case(
			cls.member_b, title="_Read case B", members=[{"member": cls.member_a.name, "note": "_Read row B"}]
		)
		cls.confidential = make_case(
			cls.member_a,
			title="_Read confidential",
			category="Gender-Based Violence and Harassment",
			handler=email("advisor A"),
			members=[{"member": cls.member_b.name, "note": "_Read row confidential"}],
		)
		frappe.db.commit()

	def client(self, person: str) -> SiteClient:
		user = email(person)
		return SiteClient(user, PASSWORD) if user != "Guest" else SiteClient()

	def test_a_self_made_assignment_is_no_way_in(self):
		operator = self.client("operator A")
		case = self.confidential.name
		response = operator.post(
			"/api/resource/ToDo",
			json={
				"allocated_to": email("operator A"),
				"assigned_by": email("focal point A"),
				"reference_type": "Case",
				"reference_name": case,
				"description": "mine",
			},
		)
		self.assertEqual(response.status_code, 403, response.text[:300])
		self.assertFalse(
			frappe.db.exists("ToDo", {"reference_name": case, "allocated_to": email("operator A")})
		)
		self.assertEqual(operator.get(f"/api/resource/Case/{case}").status_code, 403)
		# moving one's own ToDo onto the case is refused the same way
		own = operator.post(
			"/api/resource/ToDo", json={"description": "own", "allocated_to": email("operator A")}
		)
		self.assertEqual(own.status_code, 200, own.text[:300])
		moved = operator.put(
			f"/api/resource/ToDo/{own.json['data']['name']}",
			json={"reference_type": "Case", "reference_name": case},
		)
		self.assertEqual(moved.status_code, 403, moved.text[:300])
		# an assignment given by someone who may read the case does let the assignee in
		focal = self.client("focal point A")
		given = focal.post(
			"/api/method/frappe.desk.form.assign_to.add",
			data={"assign_to": json.dumps([email("operator A")]), "doctype": "Case", "name": case},
		)
		self.assertEqual(given.status_code, 200, given.text[:300])
		self.assertEqual(operator.get(f"/api/resource/Case/{case}").status_code, 200)
		frappe.db.delete("ToDo", {"reference_name": case, "allocated_to": email("operator A")})
		frappe.db.delete("DocShare", {"share_name": case, "user": email("operator A")})
		frappe.db.commit()
		self.assertEqual(operator.get(f"/api/resource/Case/{case}").status_code, 403)

	def test_link_search_ignoring_user_permissions(self):
		outsider = self.client("operator B")
		for method in ("frappe.desk.search.search_link", "frappe.desk.search.search_widget"):
			with self.subTest(method=method):
				response = outsider.post(
					f"/api/method/{method}",
					data={
						"doctype": "Case",
						"txt": "_Read",
						"ignore_user_permissions": 1,
						"filter_fields": json.dumps(["complainant_name", "description"]),
						"page_length": 50,
					},
				)
				text = response.text
				self.assertNotIn(self.case_a.name, text)
				self.assertNotIn(self.confidential.name, text)
				self.assertIn(self.case_b.name, text)
		same = self.client("operator A").post(
			"/api/method/frappe.desk.search.search_link",
			data={"doctype": "Case", "txt": "_Read", "ignore_user_permissions": 1, "page_length": 50},
		)
		self.assertIn(self.case_a.name, same.text)
		self.assertNotIn(self.confidential.name, same.text)

	def test_child_rows_follow_their_parent(self):
		"""Every child table of the app, listed and read by row name, as each person: exactly the rows of
		parents they may open."""
		child_doctypes = frappe.get_all(
			"DocType",
			filters={"istable": 1, "module": ("in", frappe.get_module_list("union_cases"))},
			pluck="name",
		)
		self.assertIn("Case Member", child_doctypes)
		rows = frappe.get_all(
			"Case Member",
			filters={"parent": ("in", [self.case_a.name, self.case_b.name, self.confidential.name])},
			fields=["name", "parent"],
		)
		for person in ("operator A", "operator B", "officer A", "advisor A", "member", "guest"):
			client = self.client(person)
			user = email(person)
			for row in rows:
				with self.subTest(person=person, parent=row.parent):
					allowed = user != "Guest" and frappe.has_permission(
						"Case", "read", doc=row.parent, user=user
					)
					listed = client.get(
						"/api/resource/Case Member",
						query_string={"parent": "Case", "fields": '["name", "note"]', "limit_page_length": 0},
					)
					names = (
						[r["name"] for r in listed.json.get("data", [])] if listed.status_code == 200 else []
					)
					self.assertEqual(row.name in names, allowed, "list")
					read = client.get(f"/api/resource/Case Member/{row.name}")
					self.assertEqual(read.status_code == 200, allowed, f"read: {read.status_code}")
					got = client.post(
						"/api/method/frappe.client.get",
						data={"doctype": "Case Member", "name": row.name, "parent": "Case"},
					)
					self.assertEqual(got.status_code == 200, allowed, f"frappe.client.get: {got.status_code}")
		for doctype in child_doctypes:
			parent = frappe.db.get_value(
				"DocField", {"options": doctype, "fieldtype": ("like", "Table%")}, "parent"
			) or frappe.db.get_value(
				"Custom Field", {"options": doctype, "fieldtype": ("like", "Table%")}, "dt"
			)
			with self.subTest(child=doctype):
				self.assertTrue(parent, f"{doctype} has no parent doctype")
				row_class = frappe.get_doc({"doctype": doctype, "parenttype": parent}).__class__
				self.assertTrue(
					issubclass(row_class, ChildRow), f"{doctype} must check its parent (ChildRow)"
				)

	def test_masked_fields_cannot_steer_a_query(self):
		officer, operator = self.client("officer A"), self.client("operator A")
		nik = self.member_a.nik
		attempts = {
			"filter": {"doctype": "Member", "filters": json.dumps({"nik": nik})},
			"like": {"doctype": "Member", "filters": json.dumps([["Member", "nik", "like", nik[:4] + "%"]])},
			"or": {
				"doctype": "Member",
				"or_filters": json.dumps({"date_of_birth": str(self.member_a.date_of_birth)}),
			},
			"sort": {"doctype": "Member", "order_by": "nik asc"},
			"sort by date": {"doctype": "Member", "order_by": "`tabMember`.`date_of_birth` desc"},
			"group": {"doctype": "Member", "group_by": "date_of_birth"},
		}
		for label, data in attempts.items():
			for method in ("frappe.client.get_list", "frappe.desk.reportview.get"):
				with self.subTest(attempt=label, method=method):
					refused = officer.post(f"/api/method/{method}", data={"fields": '["name"]', **data})
					self.assertEqual(refused.status_code, 403, refused.text[:200])
					self.assertIn("NIK" if "nik" in json.dumps(data) else "Date of Birth", refused.text)
					allowed = operator.post(f"/api/method/{method}", data={"fields": '["name"]', **data})
					self.assertEqual(allowed.status_code, 200, allowed.text[:200])
		for path in ("/api/resource/Member", "/api/v2/document/Member"):
			with self.subTest(path=path):
				response = officer.get(path, query_string={"filters": json.dumps({"nik": nik})})
				self.assertEqual(response.status_code, 403)
		counted = officer.post(
			"/api/method/frappe.desk.listview.get_group_by_count",
			data={"doctype": "Member", "current_filters": "[]", "field": "nik"},
		)
		self.assertEqual(counted.status_code, 403)
		# what the officer may read still filters, sorts and groups
		fine = officer.post(
			"/api/method/frappe.client.get_list",
			data={
				"doctype": "Member",
				"filters": json.dumps({"gender": "Female"}),
				"order_by": "full_name asc",
			},
		)
		self.assertEqual(fine.status_code, 200, fine.text[:200])

	def test_saving_returns_no_masked_field(self):
		"""An officer may change a member's address; the answer must not carry the NIK or the date of birth."""
		officer = self.client("officer A")
		name, nik = self.member_a.name, self.member_a.nik
		loaded = officer.post(
			"/api/method/frappe.desk.form.load.getdoc", data={"doctype": "Member", "name": name}
		)
		doc = loaded.json["docs"][0]
		self.assertNotIn(nik, loaded.text)
		doc["address"] = "_Read new address"
		saved = officer.post(
			"/api/method/frappe.desk.form.save.savedocs", data={"doc": json.dumps(doc), "action": "Save"}
		)
		self.assertEqual(saved.status_code, 200, saved.text[:300])
		self.assertNotIn(nik, saved.text)
		for response in (
			officer.post(
				"/api/method/frappe.client.set_value",
				data={"doctype": "Member", "name": name, "fieldname": "address", "value": "_Read again"},
			),
			officer.put(f"/api/resource/Member/{name}", json={"address": "_Read once more"}),
			officer.post(
				"/api/method/run_doc_method",
				data={
					"dt": "Member",
					"dn": name,
					"method": "add_comment",
					"args": json.dumps({"comment_type": "Comment", "text": "x"}),
				},
			),
		):
			with self.subTest(path=response.request.path):
				self.assertEqual(response.status_code, 200, response.text[:300])
				self.assertNotIn(nik, response.text)
				self.assertNotIn(str(self.member_a.date_of_birth), response.text)
		self.assertEqual(frappe.db.get_value("Member", name, "nik"), nik)

	def test_counts_follow_the_rows(self):
		"""Group-by counts (assigned to, owner, status), sidebar stats and the workspace's charts count only
		the rows the reader may list; a chart described in the request is not drawn for them."""
		from frappe.desk.form.assign_to import add as assign

		assign(
			{"assign_to": [email("operator B")], "doctype": "Case", "name": self.case_b.name},
			ignore_permissions=True,
		)
		assign(
			{"assign_to": [email("advisor A")], "doctype": "Case", "name": self.confidential.name},
			ignore_permissions=True,
		)
		frappe.db.commit()
		for person in ("operator A", "operator B", "officer A"):
			user = email(person)
			client = self.client(person)
			frappe.set_user(user)
			visible = frappe.get_list("Case", pluck="name", limit_page_length=0)
			assigned = frappe.get_all(
				"ToDo",
				filters={
					"reference_type": "Case",
					"reference_name": ("in", visible or [""]),
					"status": "Open",
				},
				fields=["allocated_to", "count(*) as count"],
				group_by="allocated_to",
			)
			frappe.set_user("Administrator")
			with self.subTest(person=person, count="assigned to"):
				response = client.post(
					"/api/method/frappe.desk.listview.get_group_by_count",
					data={"doctype": "Case", "current_filters": "[]", "field": "assigned_to"},
				)
				got = {row["name"]: row["count"] for row in response.json["message"]}
				expected = {
					row.allocated_to: row.count
					for row in assigned
					if frappe.db.get_value("User", row.allocated_to, "user_type") == "System User"
				}
				self.assertEqual(got, expected)
			for field in ("owner", "workflow_state"):
				with self.subTest(person=person, count=field):
					response = client.post(
						"/api/method/frappe.desk.listview.get_group_by_count",
						data={"doctype": "Case", "current_filters": "[]", "field": field},
					)
					self.assertEqual(sum(row["count"] for row in response.json["message"]), len(visible))
			with self.subTest(person=person, count="workspace chart"):
				for refresh in (0, 1, 0):
					response = client.post(
						"/api/method/frappe.desk.doctype.dashboard_chart.dashboard_chart.get",
						data={"chart_name": "Open Cases by Status", "refresh": refresh},
					)
					values = (
						sum(response.json["message"]["datasets"][0]["values"])
						if response.json["message"]
						else 0
					)
					frappe.set_user(user)
					open_cases = len(
						frappe.get_list(
							"Case",
							filters={"workflow_state": ("not in", ["Resolved", "Closed", "Rejected"])},
							pluck="name",
							limit_page_length=0,
						)
					)
					frappe.set_user("Administrator")
					self.assertEqual(values, open_cases)
			with self.subTest(person=person, count="chart from the request"):
				chart = {
					"name": "Open Cases by Status",
					"chart_type": "Group By",
					"document_type": "Case",
					"group_by_based_on": "workflow_state",
					"group_by_type": "Count",
					"type": "Donut",
				}
				response = client.post(
					"/api/method/frappe.desk.doctype.dashboard_chart.dashboard_chart.get",
					data={"chart": json.dumps(chart), "no_cache": 1},
				)
				self.assertEqual(response.status_code, 403)

	def test_files_follow_their_record(self):
		frappe.get_doc(
			{
				"doctype": "File",
				"file_name": "_read_confidential_statement.txt",
				"content": b"statement",
				"attached_to_doctype": "Case",
				"attached_to_name": self.confidential.name,
				"is_private": 1,
			}
		).insert()
		frappe.db.commit()
		for person, sees in (
			("operator A", False),
			("officer A", False),
			("operator B", False),
			("advisor A", True),
		):
			client = self.client(person)
			with self.subTest(person=person):
				for response in (
					client.get(
						"/api/resource/File",
						query_string={"fields": '["file_name", "owner"]', "limit_page_length": 0},
					),
					client.post(
						"/api/method/frappe.core.api.file.get_files_by_search_text",
						data={"text": "_read_confidential"},
					),
					client.post(
						"/api/method/frappe.core.api.file.get_attached_images",
						data={"doctype": "Case", "names": json.dumps([self.confidential.name])},
					),
				):
					self.assertEqual(
						"_read_confidential_statement" in response.text, sees, response.request.path
					)
