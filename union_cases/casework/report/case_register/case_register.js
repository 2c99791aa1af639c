// Copyright (c) 2026, union_cases contributors
// For license information, please see license.txt

{% include "union_cases/public/js/report_filters.js" %}

frappe.query_reports["Case Register"] = {
	filters: union_cases_report_filters(),
};
