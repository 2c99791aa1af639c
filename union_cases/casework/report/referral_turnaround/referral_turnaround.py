# Copyright (c) 2026, union_cases contributors
# For license information, please see license.txt

"""Per referral partner: referrals sent, how they were answered, and the days from Sent to Accepted and
to Completed (median and average). The period is the referral date."""

from frappe import _

from union_cases.reporting import (
	add_conditions,
	chart,
	column,
	in_subtree,
	permitted,
	script_report,
	share,
	sql,
)


def get_columns(filters=None):
	return [
		column("partner", _("Referral Partner"), "Link", 240, "Referral Partner"),
		column("partner_type", _("Partner Type"), "Data", 140),
		column("referrals", _("Referrals")),
		column("sent", _("Sent")),
		column("accepted", _("Accepted")),
		column("declined", _("Declined")),
		column("completed", _("Completed")),
		column("returned", _("Returned")),
		column("acceptance_rate", _("Accepted (%)"), "Percent", 110),
		column("median_days_to_accept", _("Median Days to Accept"), "Float", 150),
		column("average_days_to_accept", _("Average Days to Accept"), "Float", 150),
		column("median_days_to_complete", _("Median Days to Complete"), "Float", 160),
		column("average_days_to_complete", _("Average Days to Complete"), "Float", 160),
	]


def scope(filters) -> tuple[str, dict]:
	values = {}
	clauses = [permitted("Referral", "r")]
	in_subtree(filters, clauses, "r.local_union", "r.federation")
	add_conditions(
		filters,
		clauses,
		values,
		"r.referral_date",
		{
			"partner": "r.partner",
			"partner_type": "r.partner_type",
			"category": "c.category",
			"employer": "c.employer",
		},
	)
	return " and ".join(clauses), values


def get_data(filters):
	where, values = scope(filters)
	source = f"`tabReferral` r left join `tabCase` c on c.name = r.case where {where}"
	rows = sql(
		f"""select r.partner, max(r.partner_type) as partner_type, count(*) as referrals,
			sum(r.sent_on is not null) as sent, sum(r.accepted_on is not null) as accepted,
			sum(r.workflow_state = 'Declined') as declined, sum(r.workflow_state = 'Completed') as completed,
			sum(r.workflow_state = 'Returned') as returned,
			avg(if(r.accepted_on is null, null, r.days_to_accept)) as average_days_to_accept,
			avg(if(r.completed_on is null, null, r.days_to_complete)) as average_days_to_complete
		from {source}
		group by r.partner
		order by referrals desc, r.partner""",
		values,
	)
	medians = {
		row.partner: row
		for row in sql(
			f"""select distinct r.partner,
				median(if(r.accepted_on is null, null, r.days_to_accept)) over (partition by r.partner) as median_days_to_accept,
				median(if(r.completed_on is null, null, r.days_to_complete)) over (partition by r.partner) as median_days_to_complete
			from {source}""",
			values,
		)
	}
	for row in rows:
		for field in ("sent", "accepted", "declined", "completed", "returned"):
			row[field] = int(row[field] or 0)
		row.acceptance_rate = share(row.accepted, row.accepted + row.declined)
		for field in (
			"average_days_to_accept",
			"average_days_to_complete",
			"median_days_to_accept",
			"median_days_to_complete",
		):
			value = row.get(field) if field.startswith("average") else medians[row.partner][field]
			row[field] = round(float(value), 1) if value is not None else None
		row.partner_type = _(row.partner_type) if row.partner_type else None
	return rows


def get_chart(data):
	top = data[:15]
	return chart(
		[row.partner for row in top],
		{
			_("Median Days to Accept"): [row.median_days_to_accept or 0 for row in top],
			_("Median Days to Complete"): [row.median_days_to_complete or 0 for row in top],
		},
	)


execute = script_report(get_columns, get_data, get_chart)
