// Copyright (c) 2026, union_cases contributors
// For license information, please see license.txt

{% include "union_cases/public/js/report_filters.js" %}

frappe.query_reports["Member Growth"] = {
	filters: union_cases_report_filters([
		"from_date",
		"to_date",
		"federation",
		"employer",
		"gender",
		"employment_status",
	]),
};
