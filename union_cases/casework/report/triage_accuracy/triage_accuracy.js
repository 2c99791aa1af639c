// Copyright (c) 2026, union_cases contributors
// For license information, please see license.txt

frappe.query_reports["Triage Accuracy"] = {
	filters: [
		{
			fieldname: "from_date",
			label: __("From Date"),
			fieldtype: "Date",
			default: frappe.datetime.add_months(frappe.datetime.get_today(), -6),
		},
		{ fieldname: "to_date", label: __("To Date"), fieldtype: "Date", default: frappe.datetime.get_today() },
		{ fieldname: "federation", label: __("Federation"), fieldtype: "Link", options: "Federation" },
	],
};
