"""Every route, as every outsider: the enumerative sweep of union_cases.tests.sweep over a world of secrets.

The personas are the people the data must be kept from: staff of another federation, staff of the same
federation who do not handle a confidential case, an officer who may not read members' NIK and date of
birth, a person at a referral partner, a member, and a guest. The secrets are tokens written into
records each of them must not read. The sweep prints the route x persona matrix (also saved to
test-artifacts/route-matrix.txt by scripts/test.sh) and the test fails on any leak.
"""

import datetime

import frappe
from frappe.desk.form import assign_to
from frappe.utils.password import update_password

from union_cases.demo.generate import grant
from union_cases.tests import sweep
from union_cases.tests.http import SiteClient
from union_cases.tests.utils import (
	LOCAL_UNION,
	UnionTestCase,
	make_case,
	make_member,
	make_user,
	unused_nik,
)

PASSWORD = "_Sweep-Pass-2026!"
PARTNER = "_Sweep Partner"
OTHER_PARTNER = "_Sweep Partner 2"
ADVISOR = "_sweep_advisor@example.com"
PERSONAS = {
	# label: (email, roles, federation node)
	"other federation": ("_sweep_operator_b@example.com", ("Case Operator",), "_Test Federation 2"),
	"same federation": ("_sweep_operator_a@example.com", ("Case Operator",), "_Test Federation"),
	"masked officer": ("_sweep_officer_a@example.com", ("Federation Officer",), "_Test Federation"),
	"partner": ("_sweep_partner@example.com", ("Referral Partner",), None),
	"member": ("_sweep_member@example.com", ("Union Member",), None),
	"guest": ("Guest", (), None),
}
EVERYONE = set(PERSONAS)
OUTSIDERS = {"other federation", "partner", "member", "guest"}


def token(label: str) -> str:
	"""A unique string for one secret; the search text is its first part, the leak is the whole of it."""
	return f"Zq{frappe.generate_hash(length=8)}{label}"


class TestRouteSweep(UnionTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.secrets, cls.targets, cls.masked, cls.pages = [], [], [], []
		cls.build_world()
		frappe.db.commit()

	# ---------------------------------------------------------------- the world

	@classmethod
	def secret(cls, label: str, forbidden: set[str]) -> str:
		value = token(label.replace(" ", "")[:12])
		cls.secrets.append(sweep.Secret(value, label, set(forbidden)))
		return value

	@classmethod
	def target(cls, doc, label: str, search: str = "", forbidden: set[str] = OUTSIDERS):
		parent_doctype = doc.get("parenttype") if doc.get("parent") else None
		cls.targets.append(
			sweep.Target(
				doc.doctype,
				doc.name,
				parent_doctype=parent_doctype,
				parent=doc.get("parent"),
				search=search[:10],
				label=label,
				forbidden=frozenset(forbidden),
			)
		)

	@classmethod
	def build_world(cls):
		for user, roles, node in PERSONAS.values():
			if user == "Guest":
				continue
			make_user(user, *roles)
			update_password(user, PASSWORD)
			if node:
				grant(user, "Federation", node)
		make_user(ADVISOR, "Legal Advisor")
		grant(ADVISOR, "Federation", "_Test Federation")
		for partner in (PARTNER, OTHER_PARTNER):
			if not frappe.db.exists("Referral Partner", partner):
				frappe.get_doc(
					{"doctype": "Referral Partner", "partner_name": partner, "partner_type": "Legal Aid"}
				).insert()
		grant(PERSONAS["partner"][0], "Referral Partner", PARTNER)

		# the member persona's own record and case: theirs to read
		own_name = frappe.db.get_value("Member", {"user": PERSONAS["member"][0]})
		own = (
			frappe.get_doc("Member", own_name)
			if own_name
			else make_member(full_name="_Sweep Own Member", user=PERSONAS["member"][0])
		)
		make_case(own, title="_Sweep own case")

		# member A of federation A: name for staff of A only; NIK and date of birth not for the officer
		birth = datetime.date(1961, 7, 23)
		nik = unused_nik(birth, True)
		cls.secrets.append(sweep.Secret(nik, "member A's NIK", OUTSIDERS | {"masked officer"}))
		cls.secrets.append(
			sweep.Secret("1961-07-23", "member A's date of birth", OUTSIDERS | {"masked officer"})
		)
		member_name = cls.secret("member A", OUTSIDERS)
		member_a = make_member(full_name=f"_Sweep {member_name}", nik=nik, date_of_birth=birth)
		cls.target(member_a, "member A", member_name, OUTSIDERS | {"masked officer"})
		cls.masked.append(
			(
				sweep.Target("Member", member_a.name, label="member A"),
				{"nik": nik},
				{"nik": unused_nik(birth, False)},
				OUTSIDERS | {"masked officer"},
			)
		)
		cls.masked.append(
			(
				sweep.Target("Member", member_a.name, label="member A"),
				{"date_of_birth": "1961-07-23"},
				{"date_of_birth": "1900-01-01"},
				OUTSIDERS | {"masked officer"},
			)
		)

		# an ordinary case of federation A, with a health note the officer may not read
		case_text = cls.secret("case A", OUTSIDERS)
		health = cls.secret("case A health details", OUTSIDERS | {"masked officer"})
		co_name = cls.secret("co-complainant", OUTSIDERS)
		co = make_member(full_name=f"_Sweep {co_name}")
		case_a = make_case(
			member_a,
			title=f"_Sweep {case_text}",
			description=f"<p>{case_text}</p>",
			health_details=health,
			members=[{"member": co.name, "note": case_text}],
			evidence=[{"description": case_text, "file": "/private/files/_sweep_a.txt"}],
		)
		cls.target(case_a, "case A", case_text, OUTSIDERS | {"masked officer"})
		for row in (*case_a.members, *case_a.evidence, *case_a.verification_checks, *case_a.stages):
			cls.target(row, f"case A: {row.doctype} row")
		cls.masked.append(
			(
				sweep.Target("Case", case_a.name, label="case A"),
				{"health_details": ["like", f"%{health[:10]}%"]},
				{"health_details": ["like", "%nothing-here%"]},
				OUTSIDERS | {"masked officer"},
			)
		)

		# a confidential case of federation A, handled by the advisor: nobody else of A may read it
		conf_text = cls.secret("confidential case", EVERYONE)
		conf = make_case(
			member_a,
			title=f"_Sweep {conf_text}",
			category="Gender-Based Violence and Harassment",
			description=f"<p>{conf_text}</p>",
			handler=ADVISOR,
			members=[{"member": co.name, "note": conf_text}],
			evidence=[{"description": conf_text, "file": "/private/files/_sweep_conf.txt"}],
			stages=[{"stage": "Bipartite", "stage_status": "Ongoing", "start_date": "2026-01-05"}],
			related_cases=[{"case": case_a.name}],
		)
		cls.target(conf, "confidential case", conf_text, EVERYONE)
		for row in (*conf.members, *conf.evidence, *conf.stages, *conf.deadlines, *conf.related_cases):
			cls.target(row, f"confidential case: {row.doctype} row", forbidden=EVERYONE)
		cls.leave_traces(conf, conf_text)

		# a confidential case deleted afterwards: its copy in Deleted Document is for administrators
		deleted_text = cls.secret("deleted confidential case", EVERYONE)
		deleted = make_case(
			member_a,
			title=f"_Sweep {deleted_text}",
			category="Gender-Based Violence and Harassment",
			description=f"<p>{deleted_text}</p>",
		)
		frappe.delete_doc("Case", deleted.name, ignore_permissions=True)

		# referrals: the partner sees what was sent to it, never a draft, nothing sent elsewhere
		ref_complainant = make_member(full_name="_Sweep referred member")
		ref_case = make_case(ref_complainant, title="_Sweep referred case")
		sent = frappe.get_doc(
			{"doctype": "Referral", "case": ref_case.name, "partner": PARTNER, "reason": "_Sweep sent"}
		).insert()
		sent.db_set("workflow_state", "Sent")
		draft_text = cls.secret("draft referral", OUTSIDERS)
		draft = frappe.get_doc(
			{
				"doctype": "Referral",
				"case": case_a.name,
				"partner": PARTNER,
				"reason": draft_text,
				"updates": [{"note": draft_text}],
			}
		).insert()
		cls.target(draft, "draft referral", draft_text)
		cls.target(draft.updates[0], "draft referral: update row")
		elsewhere_text = cls.secret("referral to another partner", OUTSIDERS)
		elsewhere = frappe.get_doc(
			{"doctype": "Referral", "case": case_a.name, "partner": OTHER_PARTNER, "reason": elsewhere_text}
		).insert()
		elsewhere.db_set("workflow_state", "Sent")
		cls.target(elsewhere, "referral to another partner", elsewhere_text)
		cls.masked.append(
			(
				sweep.Target("Referral", sent.name, label="referral sent to the partner"),
				{"case": ref_case.name},
				{"case": "CASE-NONE"},
				{"partner", "member", "guest"},
			)
		)

		# a membership application at A (its NIK is not for the officer) and a change request of member A
		appl_text = cls.secret("membership application", OUTSIDERS)
		appl_nik = unused_nik(datetime.date(1988, 2, 11), False)
		cls.secrets.append(sweep.Secret(appl_nik, "applicant's NIK", OUTSIDERS | {"masked officer"}))
		application = frappe.get_doc(
			{
				"doctype": "Membership Application",
				"full_name": f"_Sweep {appl_text}",
				"nik": appl_nik,
				"gender": "Male",
				"date_of_birth": "1988-02-11",
				"mobile_no": "0813 2222 3333",
				"email": "_sweep_applicant@example.com",
				"local_union": LOCAL_UNION,
				"consent_personal_data": 1,
			}
		).insert(ignore_permissions=True)
		cls.target(application, "membership application", appl_text, OUTSIDERS | {"masked officer"})
		change_text = cls.secret("member's change request", OUTSIDERS)
		change = frappe.get_doc(
			{
				"doctype": "Member Change Request",
				"member": member_a.name,
				"address": change_text,
				"note": change_text,
			}
		).insert(ignore_permissions=True)
		cls.target(change, "member's change request", change_text)

		# an internal knowledge-base article
		article_text = cls.secret("internal article", {"partner", "member", "guest"})
		category = frappe.db.get_value("Help Category", {}, "name")
		article = frappe.get_doc(
			{
				"doctype": "Help Article",
				"title": f"_Sweep {article_text}",
				"content": article_text,
				"category": category,
				"union_visibility": "Internal",
				"published": 1,
			}
		).insert(ignore_permissions=True)
		cls.target(article, "internal article", article_text, {"partner", "member", "guest"})

		cls.pages = [
			("/printview (Case)", f"/printview?doctype=Case&name={conf.name}&format=Standard"),
			("/printview (Member)", f"/printview?doctype=Member&name={member_a.name}&format=Standard"),
			(
				"/printview (Case, masked fields)",
				f"/printview?doctype=Case&name={case_a.name}&format=Standard",
			),
			("/my-cases/<case>", f"/my-cases/{conf.name}"),
			("/my-cases/<case> (other member)", f"/my-cases/{case_a.name}"),
			("/knowledge/<article>", f"/knowledge/{article.name}"),
			("/knowledge?q=", f"/knowledge?q={article_text[:10]}"),
			("/track?key=", "/track?key=" + "x" * 32),
		]
		cls.conf, cls.case_a, cls.member_a = conf.name, case_a.name, member_a.name

	@classmethod
	def leave_traces(cls, case, text: str):
		"""What the desk leaves around a case: a comment, a mail, a file, a version, an assignment with
		its notification and share, a follow, a like, a tag, an access log, a queued mail."""
		from frappe.core.doctype.access_log.access_log import make_access_log
		from frappe.desk.doctype.tag.tag import add_tag
		from frappe.desk.form.document_follow import follow_document

		case.add_comment("Comment", f"<p>{text}</p>")
		frappe.get_doc(
			{
				"doctype": "Communication",
				"communication_type": "Communication",
				"communication_medium": "Email",
				"sent_or_received": "Sent",
				"subject": text,
				"content": f"<p>{text}</p>",
				"recipients": "_sweep_employer@example.com",
				"reference_doctype": "Case",
				"reference_name": case.name,
			}
		).insert(ignore_permissions=True)
		file = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": f"{text}.txt",
				"content": text.encode(),
				"attached_to_doctype": "Case",
				"attached_to_name": case.name,
				"is_private": 1,
			}
		).insert(ignore_permissions=True)
		cls.pages.append(("/private/files/<file>", file.file_url))
		case.reload()
		case.outcome_notes = f"{text} noted"
		case.save(ignore_permissions=True)  # a Version with the text
		assign_to.add(
			{"assign_to": [ADVISOR], "doctype": "Case", "name": case.name, "description": text},
			ignore_permissions=True,
		)
		follow_document("Case", case.name, ADVISOR)
		add_tag(f"Tag{text[:10]}", "Case", case.name)
		frappe.set_user(ADVISOR)
		make_access_log(doctype="Case", document=case.name, method="Open")
		frappe.set_user("Administrator")
		frappe.sendmail(
			recipients=[ADVISOR],
			subject=text,
			message=f"<p>{text}</p>",
			reference_doctype="Case",
			reference_name=case.name,
			now=False,
		)

	# ---------------------------------------------------------------- the sweep

	def test_every_route_as_every_persona(self):
		routes = sweep.discover_routes()
		doctypes = sorted({*sweep.app_doctypes(), *sweep.referencing_doctypes()})
		self.assertGreater(len(routes), 300, "route discovery found too few whitelisted methods")
		self.assertIn("Case Stage", doctypes)
		self.assertIn("Comment", doctypes)
		# a referencing doctype the app's "*" rule cannot follow must be closed to every persona
		from union_cases.permissions import reference_pairs

		for doctype in sweep.referencing_doctypes():
			if reference_pairs(doctype):
				continue
			for persona, (user, _roles, _node) in PERSONAS.items():
				with self.subTest(doctype=doctype, persona=persona):
					self.assertFalse(frappe.has_permission(doctype, "read", user=user))
		clients = {
			label: SiteClient(user, PASSWORD) if user != "Guest" else SiteClient()
			for label, (user, _roles, _node) in PERSONAS.items()
		}
		results, calls, seconds = sweep.run(
			clients, routes, doctypes, self.targets, self.secrets, self.masked, self.pages
		)
		table = sweep.matrix(results, list(PERSONAS))
		print(
			f"\n==== route matrix: {len(results)} routes x {len(PERSONAS)} personas, {calls} calls in {seconds:.0f} s"
		)
		print(table)
		print("==== end of route matrix")
		found = sweep.leaks(results)
		print("\n".join(found))
		self.assertEqual(len(found), 0, f"{len(found)} leaks (listed above)")
