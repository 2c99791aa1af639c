// Copyright (c) 2026, union_cases contributors
// For license information, please see license.txt

frappe.query_reports["Target against Actual"] = {
	filters: [
		{
			fieldname: "year",
			label: __("Year"),
			fieldtype: "Int",
			default: new Date().getFullYear(),
			reqd: 1,
		},
		{
			fieldname: "federation",
			label: __("Federation Node"),
			fieldtype: "Link",
			options: "Federation",
		},
		{
			fieldname: "indicator",
			label: __("Indicator"),
			fieldtype: "Select",
			options: [
				"",
				{ value: "New Members", label: __("New Members") },
				{ value: "Cases Resolved", label: __("Cases Resolved") },
				{ value: "Share of Deadlines Met (%)", label: __("Share of Deadlines Met (%)") },
				{ value: "Referrals Completed", label: __("Referrals Completed") },
				{ value: "Organiser Trainings Held", label: __("Organiser Trainings Held") },
				{ value: "Custom", label: __("Custom") },
			],
		},
	],
	tree: true,
	name_field: "id",
	parent_field: "parent_id",
	initial_depth: 4,
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (data && data.is_node && column.fieldname === "label") {
			value = `<b>${value}</b>`;
		}
		return value;
	},
};
