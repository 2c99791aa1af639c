// Copyright (c) 2026, union_cases contributors
// For license information, please see license.txt

{% include "union_cases/public/js/report_filters.js" %}

const RIGHTS_ALERTS = [
	{ value: "flag_pkwt_over_limit", label: __("Fixed-Term Contract (PKWT) over Five Years") },
	{ value: "below_minimum_wage", label: __("Paid Below the Minimum Wage") },
	{ value: "flag_no_bpjs", label: __("No BPJS Number Recorded") },
	{ value: "flag_long_casual", label: __("Daily or Outsourced Work for a Long Period") },
];

frappe.query_reports["Rights Alerts"] = {
	filters: [
		...union_cases_report_filters(["federation", "employer", "employment_status"]),
		{ fieldname: "alert", label: __("Alert"), fieldtype: "Select", options: ["", ...RIGHTS_ALERTS] },
	],
	tree: true,
	name_field: "group",
	parent_field: "parent_group",
	initial_depth: 1,
	onload(report) {
		report.page.add_inner_button(__("Open a Case"), () => open_case(report));
	},
};

// one case for a group (employer and local union) and one alert: collective when several members have it
function open_case(report) {
	const groups = (report.data || []).filter((row) => row.indent === 0);
	if (!groups.length) {
		frappe.msgprint(__("No member you may see has a rights alert."));
		return;
	}
	const dialog = new frappe.ui.Dialog({
		title: __("Open a Case"),
		fields: [
			{
				fieldname: "group",
				label: __("Employer and Local Union"),
				fieldtype: "Select",
				reqd: 1,
				options: groups.map((row, i) => ({
					value: String(i),
					label: `${row.group}: ${row.members}`,
				})),
			},
			{
				fieldname: "alert",
				label: __("Alert"),
				fieldtype: "Select",
				reqd: 1,
				options: RIGHTS_ALERTS,
				default: report.get_filter_value("alert") || RIGHTS_ALERTS[0].value,
			},
		],
		primary_action_label: __("Open a Case"),
		primary_action(values) {
			const row = groups[Number(values.group)];
			frappe
				.xcall("union_cases.api.member.open_rights_case", {
					alert: values.alert,
					employer: row.employer,
					local_union: row.local_union,
				})
				.then((name) => {
					dialog.hide();
					frappe.set_route("Form", "Case", name);
				});
		},
	});
	dialog.show();
}
