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
from union_cases.permissions import grant
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
			"union_cases.api.case.get_similar_cases": {
				"employer": "_Test Employer",
				"category": "Wage Below Regional Minimum",
			},
			"union_cases.api.case.link_cases": {
				"case": case_a,
				"other": self.records["non-member case at A"][1],
			},
			"union_cases.api.case.set_rejection_reason": {"case": case_a, "reason": "x"},
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
			"union_cases.api.knowledge.articles_for_case": {"case": case_a},
			"union_cases.casework.doctype.case.case.Case.merge_into": {
				"target": self.records["non-member case at A"][1]
			},
			"union_cases.api.case.invite_to_join": {"case": self.records["non-member case at A"][1]},
			"union_cases.api.portal.check_application": {"nik": "1234"},
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
		self.assertEqual(len(workspace.number_cards), 5)
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


class TestPersonalDataRequests(UnionTestCase):
	def test_download_holds_the_members_records_only(self):
		from frappe.website.doctype.personal_data_download_request.personal_data_download_request import (
			get_user_data,
		)

		user = make_user(f"_pdp_member_{frappe.generate_hash(length=6)}@example.com", "Union Member")
		mine = make_member(full_name="_PDP Mine", user=user.name, email=user.name)
		other = make_member(full_name="_PDP Other", email="_pdp_other@example.com")
		case = make_case(mine, title="_PDP case")
		data = json.loads(get_user_data(user.name))
		self.assertEqual([row["name"] for row in data["Member"]], [mine.name])
		self.assertEqual([row["name"] for row in data["Case"]], [case.name])
		self.assertNotIn(other.name, json.dumps(data))
		self.assertEqual(data["Member"][0]["nik"], mine.nik)

	def test_deletion_anonymises_and_keeps_the_counts(self):
		user = make_user(f"_pdp_leaver_{frappe.generate_hash(length=6)}@example.com", "Union Member")
		member = make_member(full_name="_PDP Leaver", user=user.name, email=user.name)
		case = make_case(member, title="_PDP leaver case", category="Unpaid Overtime")
		counts = frappe.db.count("Member"), frappe.db.count("Case")
		nik = member.nik
		request = frappe.get_doc({"doctype": "Personal Data Deletion Request", "email": user.name}).insert(
			ignore_permissions=True
		)
		request._anonymize_data()
		member.reload()
		self.assertEqual(member.full_name, "[REDACTED]")
		self.assertNotEqual(member.nik, nik)
		self.assertNotIn("_PDP", json.dumps(frappe.get_doc("Member", member.name).as_dict(), default=str))
		self.assertEqual((frappe.db.count("Member"), frappe.db.count("Case")), counts)
		case.reload()
		self.assertEqual((case.category, case.workflow_state), ("Unpaid Overtime", "New"))
		self.assertEqual(case.complainant_name, "[REDACTED]")
		member.status = "Resigned"
		member.save()  # an anonymised record can still be closed
