"""From application to member: the Member record, the website user and the mails to the worker."""

import frappe
from frappe import _
from frappe.utils import escape_html, get_url, today

from union_cases.utils.files import save_private_file
from union_cases.utils.mail import send_paragraphs
from union_cases.utils.tracking import tracking_url

PORTAL_ROLE = "Union Member"


def enrol(application):
	"""Approved: create the Member (card number from its series), the website user, and send the welcome."""
	member = frappe.get_doc(
		{
			"doctype": "Member",
			"full_name": application.full_name,
			"nik": application.nik,
			"gender": application.gender,
			"date_of_birth": application.date_of_birth,
			"mobile_no": application.mobile_no,
			"email": application.email,
			"city": application.city,
			"address": application.address,
			"local_union": application.local_union,
			"employer": application.employer,
			"workplace_unit": application.workplace_unit,
			"job_title": application.job_title,
			"employment_status": application.employment_status,
			"work_start_date": application.work_start_date,
			"status": "Active",
			"join_date": today(),
			"language": application.language or "id",
		}
	)
	member.insert(ignore_permissions=True)
	if application.id_card_photo:
		copy_photo(application, member)
	user = portal_user(application, member.name)
	member.db_set("user", user.name)
	application.db_set({"member": member.name, "user": user.name})
	send_welcome(application, member, user)
	return member


def copy_photo(application, member):
	"""The ID-card photo goes with the member: a second File record on the same private file."""
	member.db_set("photo", save_private_file(member, "photo", file_url=application.id_card_photo))


def portal_user(application, member_name: str | None = None):
	"""A website user (no desk) with role Union Member; an existing user of that address is reused."""
	if frappe.db.exists("User", application.email):
		user = frappe.get_doc("User", application.email)
		if user.user_type == "System User" or user.name in ("Administrator", "Guest"):
			frappe.throw(
				_("{0} belongs to a staff account; ask the applicant for a personal email address.").format(
					application.email
				),
				title=_("Staff email address"),
			)
		# the address was typed by the applicant: it must not hand them another member's portal login
		other = frappe.db.get_value("Member", {"user": user.name, "name": ("!=", member_name)}, "name")
		if other:
			frappe.throw(
				_(
					"{0} is already the portal login of member {1}; ask the applicant for their own email address."
				).format(escape_html(application.email), other),
				title=_("Email address in use"),
			)
		user.add_roles(PORTAL_ROLE)
		return user
	first_name, _space, last_name = application.full_name.partition(" ")
	user = frappe.get_doc(
		{
			"doctype": "User",
			"email": application.email,
			"first_name": first_name,
			"last_name": last_name,
			"user_type": "Website User",
			"send_welcome_email": 0,
			"language": application.language or "id",
			# not the mobile number: Frappe keeps it unique per user, and families share phones
			"roles": [{"role": PORTAL_ROLE}],
		}
	)
	user.flags.ignore_permissions = True
	user.insert()
	return user


def _send(application, subject: str, paragraphs: list[str], link: str, label: str):
	send_paragraphs(application.email, subject, paragraphs, application, link, label)


def send_application_received(application):
	lang = application.language or "id"
	_send(
		application,
		_("Your membership application {0}", lang=lang).format(application.name),
		[
			_("Dear {0},", lang=lang).format(escape_html(application.full_name)),
			_(
				"We have received your application to join the union. Your tracking number is {0}. An operator of your local union will review it; you will hear from us by email.",
				lang=lang,
			).format(f"<b>{application.name}</b>"),
			_("You can follow your application with this link. Keep it to yourself:", lang=lang),
		],
		tracking_url(application.tracking_key),
		_("Follow my application", lang=lang),
	)


def send_review_outcome(application):
	lang = application.language or "id"
	note = escape_html(application.review_note or "")
	if application.workflow_state == "Rejected":
		paragraphs = [
			_("Dear {0},", lang=lang).format(escape_html(application.full_name)),
			_("We are sorry: your membership application {0} was not approved.", lang=lang).format(
				application.name
			),
			_("Reason: {0}", lang=lang).format(note),
		]
	else:
		paragraphs = [
			_("Dear {0},", lang=lang).format(escape_html(application.full_name)),
			_("To continue with your membership application {0} we need more information:", lang=lang).format(
				application.name
			),
			note,
			_("Please answer through your tracking link:", lang=lang),
		]
	_send(
		application,
		_("Your membership application {0}", lang=lang).format(application.name),
		paragraphs,
		tracking_url(application.tracking_key),
		_("Follow my application", lang=lang),
	)


def send_welcome(application, member, user):
	lang = application.language or "id"
	link = user.reset_password()
	_send(
		application,
		_("Welcome to the union, {0}", lang=lang).format(application.full_name),
		[
			_("Dear {0},", lang=lang).format(escape_html(application.full_name)),
			_(
				"Your membership application has been approved. Your membership card number is {0}, with the local union {1}.",
				lang=lang,
			).format(f"<b>{member.name}</b>", escape_html(member.local_union)),
			_(
				"Set a password with the link below, then log in at {0} to see your card, bring a complaint and follow your cases.",
				lang=lang,
			).format(get_url("/login")),
		],
		link,
		_("Set my password", lang=lang),
	)
