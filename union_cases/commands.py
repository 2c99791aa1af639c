"""bench commands of the app."""

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


commands = [union_cases_demo]
