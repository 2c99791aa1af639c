// Copyright (c) 2026, union_cases contributors
// For license information, please see license.txt

{% include "union_cases/public/js/report_filters.js" %}

frappe.query_reports["Case Breakdown"] = {
	filters: [
		{
			fieldname: "group_by",
			label: __("Group By"),
			fieldtype: "Select",
			options: [
				{ value: "Category", label: __("Category") },
				{ value: "Employer", label: __("Employer") },
				{ value: "Federation", label: __("Federation") },
				{ value: "Branch", label: __("Branch") },
				{ value: "Local Union", label: __("Local Union") },
			],
			default: "Category",
		},
		...union_cases_report_filters(),
	],
};
