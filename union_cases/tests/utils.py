"""Builders for test records: a small organisation tree, employers, members with valid NIKs, cases."""

import datetime
import email
import itertools
import os
from contextlib import contextmanager
from email.header import decode_header, make_header

import frappe
from frappe.tests.utils import FrappeTestCase

from union_cases.casework.deadlines.calendar import clear_holiday_cache
from union_cases.utils.identity import make_nik

# The day the tests run on, whatever the machine's date: each UnionTestCase class (its setUpClass
# included) runs under FrappeTestCase.freeze_time, the clock ticking from 09:00 of this day. A Wednesday,
# the day a deadline test first failed on a fresh machine. UNION_TEST_TODAY=YYYY-MM-DD runs the suite as
# if on another day (README, Development); tests of a date rule freeze their own days as well.
TEST_TODAY = os.environ.get("UNION_TEST_TODAY") or "2026-12-02"

TREE = (
	# name, level, parent
	("_Test Confederation", "Confederation", None),
	("_Test Federation", "Federation", "_Test Confederation"),
	("_Test Branch", "Branch", "_Test Federation"),
	("_Test Local Union", "Local Union", "_Test Branch"),
	("_Test Federation 2", "Federation", "_Test Confederation"),
	("_Test Branch 2", "Branch", "_Test Federation 2"),
	("_Test Local Union 2", "Local Union", "_Test Branch 2"),
)
LOCAL_UNION = "_Test Local Union"
OTHER_LOCAL_UNION = "_Test Local Union 2"
EMPLOYER = "_Test Employer"
CATEGORY = "Wage Below Regional Minimum"

_serials = itertools.count(9000)


def make_tree(tree=TREE):
	for name, level, parent in tree:
		if not frappe.db.exists("Federation", name):
			frappe.get_doc(
				{
					"doctype": "Federation",
					"federation_name": name,
					"level": level,
					"parent_federation": parent,
					"code": name.upper().replace(" ", "-"),
				}
			).insert()


def make_employer(name: str = EMPLOYER, **values):
	if frappe.db.exists("Employer", name):
		return frappe.get_doc("Employer", name)
	return frappe.get_doc({"doctype": "Employer", "employer_name": name, **values}).insert()


def unused_nik(birth: datetime.date, female: bool) -> str:
	while True:
		nik = make_nik(32, 73, 5, birth, female, next(_serials))
		if not frappe.db.exists("Member", {"nik": nik}):
			return nik


def member_values(**values) -> dict:
	birth = values.pop("date_of_birth", datetime.date(1990, 5, 17))
	gender = values.pop("gender", "Female")
	data = {
		"doctype": "Member",
		"full_name": "_Test Member",
		"gender": gender,
		"date_of_birth": birth,
		"nik": unused_nik(birth, gender == "Female"),
		"mobile_no": "0812-3456-7890",
		"local_union": LOCAL_UNION,
		"employer": EMPLOYER,
		"employment_status": "PKWTT",
		"join_date": datetime.date(2015, 1, 5),
	}
	data.update(values)
	return data


def make_member(**values):
	make_tree()
	make_employer()
	return frappe.get_doc(member_values(**values)).insert()


def make_case(member=None, **values):
	member = member or make_member()
	return frappe.get_doc(
		{
			"doctype": "Case",
			"title": "_Test Case",
			"category": CATEGORY,
			"complainant": member.name,
			"description": "<p>Upah dibayar di bawah UMK.</p>",
			**values,
		}
	).insert()


def freeze_class(cls, day: str | None = None):
	"""Run the rest of a test class's life on `day` (default TEST_TODAY), the clock ticking from 09:00.

	Frappe's own FrappeTestCase.freeze_time (it uses nothing of the instance), entered for the class and
	left by its class cleanup."""
	frozen = FrappeTestCase.freeze_time(cls, f"{day or TEST_TODAY} 09:00:00", tick=True)
	forget_new_doc_defaults()
	frozen.__enter__()
	cls.addClassCleanup(forget_new_doc_defaults)
	cls.addClassCleanup(frozen.__exit__, None, None, None)


@contextmanager
def on_day(test: FrappeTestCase, day: str, time: str = "09:00:00"):
	"""Within the block it is `time` on `day` (test.freeze_time, the clock ticking from there)."""
	forget_new_doc_defaults()
	try:
		with test.freeze_time(f"{day} {time}", tick=True):
			yield
	finally:
		forget_new_doc_defaults()


def forget_new_doc_defaults():
	"""Frappe keeps each doctype's new-document defaults for the request (a test run is one request): a
	"Today" default would stay the day of the first document made."""
	frappe.local.new_doc_templates = {}


class UnionTestCase(FrappeTestCase):
	"""Commits the shared _Test tree and employer once; each test's own writes are rolled back.

	The whole class runs on TEST_TODAY (or its own `frozen_on`), never on the machine's date."""

	frozen_on: str | None = None

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		freeze_class(cls, cls.frozen_on)
		make_tree()
		make_employer()
		frappe.db.commit()

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()
		clear_holiday_cache()  # a holiday a test added (or removed) is gone with the rollback
		frappe.local.lang = "en"


def make_user(email: str, *roles: str, language: str = "en"):
	"""A real user with the given roles (desk user unless only Union Member)."""
	if not frappe.db.exists("User", email):
		user = frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": email.split("@")[0].replace("_", " ").strip().title(),
				"send_welcome_email": 0,
				"language": language,
			}
		)
		user.flags.no_welcome_mail = True
		user.insert(ignore_permissions=True)
	user = frappe.get_doc("User", email)
	missing = [role for role in roles if role not in {r.role for r in user.roles}]
	if missing:
		user.add_roles(*missing)
	return user


OPERATOR = "_test_operator@example.com"
ADVISOR = "_test_advisor@example.com"
OFFICER = "_test_officer@example.com"


def make_portal_people(operator: str, member: str, password: str, full_name: str) -> str:
	"""An operator of _Test Federation and a member with a portal login, both with `password`; returns
	the member's record name."""
	from frappe.utils.password import update_password

	from union_cases.demo.generate import grant

	make_user(operator, "Case Operator")
	grant(operator, "Federation", "_Test Federation")
	make_user(member, "Union Member")
	for user in (operator, member):
		update_password(user, password)
	name = (
		frappe.db.get_value("Member", {"user": member})
		or make_member(full_name=full_name, user=member, email=member).name
	)
	frappe.db.commit()
	return name


def retire_staff(user: str, role: str = "Case Operator"):
	"""Leave no extra operator behind: other modules count who is assigned a new case, or told of it."""
	for name in frappe.get_all("User Permission", filters={"user": user}, pluck="name"):
		frappe.delete_doc("User Permission", name, ignore_permissions=True)
	frappe.get_doc("User", user).remove_roles(role)
	frappe.db.commit()


def make_staff():
	make_user(OPERATOR, "Case Operator")
	make_user(ADVISOR, "Legal Advisor")
	make_user(OFFICER, "Federation Officer", language="id")


def make_inbox(name: str, address: str):
	"""An incoming Email Account that files mail as Cases; it never connects (mail is handed to it)."""
	if not frappe.db.exists("Email Account", name):
		frappe.get_doc(
			{
				"doctype": "Email Account",
				"email_account_name": name,
				"email_id": address,
				"enable_incoming": 1,
				"append_to": "Case",
				"email_server": "imap.example.com",
				"use_imap": 0,
				"enable_outgoing": 0,
				"awaiting_password": 1,
			}
		).insert(ignore_permissions=True)
	return frappe.get_doc("Email Account", name)


def decoded(raw: str) -> str:
	"""Subject and text parts of a queued MIME message, decoded."""
	message = email.message_from_string(raw)
	parts = [str(make_header(decode_header(message.get("Subject", ""))))]
	for part in message.walk():
		if part.get_content_maintype() == "text":
			parts.append(part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8"))
	return "\n".join(parts)


def queued_to(name: str, recipient: str, doctype: str = "Case") -> list[str]:
	"""The decoded mails queued about a document for one recipient."""
	queue = frappe.qb.DocType("Email Queue")
	to = frappe.qb.DocType("Email Queue Recipient")
	messages = (
		frappe.qb.from_(queue)
		.join(to)
		.on(to.parent == queue.name)
		.select(queue.message)
		.where(
			(queue.reference_doctype == doctype)
			& (queue.reference_name == name)
			& (to.recipient == recipient)
		)
		.run(pluck=True)
	)
	return [decoded(message) for message in messages]


# the one expression a number card of the app asks the desk to evaluate (Overdue Deadlines)
TODAY_IN_THE_DESK = "frappe.datetime.get_today()"


def card_filters(card) -> list:
	"""A number card's filters as the desk sends them: its dynamic filters evaluated to today's date."""
	filters = frappe.parse_json(card.filters_json or "[]")
	for row in frappe.parse_json(card.dynamic_filters_json or "[]"):
		assert row[3] == TODAY_IN_THE_DESK, row  # anything else needs a browser to evaluate it
		filters.append([*row[:3], frappe.utils.today(), *row[4:]])
	return filters
