// Copyright (c) 2026, union_cases contributors
// For license information, please see license.txt

frappe.query_reports["Deadlines"] = {
	filters: [
		{
			fieldname: "status",
			label: __("Show"),
			fieldtype: "Select",
			options: [
				{ value: "Open and Overdue", label: __("Open and Overdue") },
				{ value: "Upcoming", label: __("Upcoming") },
				{ value: "Overdue", label: __("Overdue") },
				{ value: "All", label: __("All") },
			],
			default: "Open and Overdue",
		},
		{ fieldname: "from_date", label: __("Due From"), fieldtype: "Date" },
		{ fieldname: "to_date", label: __("Due Until"), fieldtype: "Date" },
		{
			fieldname: "stage",
			label: __("Stage"),
			fieldtype: "Select",
			options: [
				"",
				...[
					"Bipartite",
					"Labour Office Registration",
					"Mediation",
					"Conciliation",
					"Arbitration",
					"Industrial Relations Court (PHI)",
					"Cassation",
				].map((value) => ({ value, label: __(value) })),
			],
		},
		// a node of the tree and everything under it, as in the app's other reports
		{
			fieldname: "federation",
			label: __("Federation Node"),
			fieldtype: "Link",
			options: "Federation",
		},
		{ fieldname: "category", label: __("Category"), fieldtype: "Link", options: "Case Category" },
		{ fieldname: "handler", label: __("Legal Advisor"), fieldtype: "Link", options: "User" },
	],
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (column.fieldname === "days_left" && data && data.days_left !== null) {
			// overdue from the calendar day after the due date (union_cases.casework.deadlines.compute.is_overdue)
			const overdue = data.due_date && data.due_date < frappe.datetime.get_today();
			const color = overdue ? "red" : data.days_left <= 3 ? "orange" : "green";
			value = `<span style="color: var(--${color}-600)">${value}</span>`;
		}
		return value;
	},
};
