// Copyright (c) 2026, union_cases contributors
// For license information, please see license.txt

{% include "union_cases/public/js/report_filters.js" %}

frappe.query_reports["Referral Turnaround"] = {
	filters: [
		...union_cases_report_filters(["from_date", "to_date", "federation", "employer", "category"]),
		{
			fieldname: "partner",
			label: __("Referral Partner"),
			fieldtype: "Link",
			options: "Referral Partner",
		},
	],
};
