// Copyright (c) 2026, union_cases contributors
// For license information, please see license.txt

{% include "union_cases/public/js/report_filters.js" %}

frappe.query_reports["Dues Arrears"] = {
	filters: [
		...union_cases_report_filters(["federation", "employer", "gender"]),
		{
			fieldname: "as_of",
			label: __("As Of"),
			fieldtype: "Date",
			default: frappe.datetime.get_today(),
		},
		{
			fieldname: "min_months",
			label: __("At Least Months in Arrears"),
			fieldtype: "Int",
			default: 1,
		},
	],
};
