"""bench commands of the app."""

import sys

import click
from frappe.commands import get_site, pass_context


@click.command("union-cases-demo")
@click.option(
	"--size", default=1, type=int, show_default=True, help="Multiply members, cases and employers by this"
)
@click.option(
	"--bulk",
	is_flag=True,
	help="Write members, cases and referrals in bulk (fast, for large sizes; no controllers run)",
)
@click.option("--members", type=int, help="With --bulk: this many members instead of 300 x size")
@click.option("--cases", type=int, help="With --bulk: this many cases instead of 60 x size")
@click.option("--clear", is_flag=True, help="Remove the demo records instead of creating them")
@click.option(
	"--password",
	envvar="DEMO_PASSWORD",
	default="demo",
	show_default=True,
	help="Password of the demo staff users (a local default: change it anywhere else)",
)
@pass_context
def union_cases_demo(
	context, size: int, bulk: bool, members: int | None, cases: int | None, clear: bool, password: str
):
	"""Create (or with --clear remove) the generated demo data set on a site."""
	import frappe

	from union_cases.demo import bulk as demo_bulk
	from union_cases.demo import generate as demo

	site = get_site(context)
	frappe.init(site=site)
	frappe.connect()
	try:
		if clear:
			demo.clear()
			click.echo("Demo data removed.")
			return
		demo.complete_setup_wizard()
		if bulk:
			counts = demo_bulk.generate(size=size, password=password, members=members, cases=cases)
		else:
			counts = demo.generate(size=size, password=password)
		click.echo(", ".join(f"{key.replace('_', ' ')}: {value}" for key, value in counts.__dict__.items()))
	finally:
		frappe.destroy()


@click.command("union-cases-production")
@click.option(
	"--check-passwords", is_flag=True, help="Only list desk users with a documented default password"
)
@pass_context
def union_cases_production(context, check_passwords: bool):
	"""Production settings of a site (scripts/deploy.sh): no tracebacks to visitors, encrypted backups,
	the request limit of the portal's uploads; exits 1 while a documented default password is in use."""
	import frappe

	from union_cases.setup import production

	site = get_site(context)
	frappe.init(site=site)
	frappe.connect()
	try:
		if not check_passwords:
			applied = production.apply_settings()
			click.echo(", ".join(f"{key}: {value}" for key, value in applied.items()))
		users = production.default_passwords_in_use()
	finally:
		frappe.destroy()
	if users:
		click.echo("A documented default password is in use by: " + ", ".join(users), err=True)
		click.echo(f"Change it: bench --site {site} set-password <user> (or set-admin-password)", err=True)
		sys.exit(1)


commands = [union_cases_demo, union_cases_production]
