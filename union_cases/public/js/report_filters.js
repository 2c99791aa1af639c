// Copyright (c) 2026, union_cases contributors
// For license information, please see license.txt

// The filters the app's reports share; each report's script includes this file (Jinja include tag).
// `which` lists the filters a report offers, in this order.
window.union_cases_report_filters = function (which) {
	const all = {
		from_date: {
			fieldname: "from_date",
			label: __("From Date"),
			fieldtype: "Date",
			default: frappe.datetime.add_months(frappe.datetime.year_start(), -12),
		},
		to_date: {
			fieldname: "to_date",
			label: __("To Date"),
			fieldtype: "Date",
			default: frappe.datetime.get_today(),
		},
		federation: {
			fieldname: "federation",
			label: __("Federation Node"),
			fieldtype: "Link",
			options: "Federation",
		},
		employer: { fieldname: "employer", label: __("Employer"), fieldtype: "Link", options: "Employer" },
		category: {
			fieldname: "category",
			label: __("Category"),
			fieldtype: "Link",
			options: "Case Category",
		},
		gender: {
			fieldname: "gender",
			label: __("Gender"),
			fieldtype: "Select",
			options: [
				"",
				{ value: "Female", label: __("Female") },
				{ value: "Male", label: __("Male") },
			],
		},
		employment_status: {
			fieldname: "employment_status",
			label: __("Employment Status"),
			fieldtype: "Select",
			options: ["", "PKWTT", "PKWT", "Outsourced", "Daily / Casual", "Piece-rate", "Apprentice"].map(
				(value) => (value ? { value, label: __(value) } : value)
			),
		},
		membership: {
			fieldname: "membership",
			label: __("Member or Non-member"),
			fieldtype: "Select",
			options: [
				"",
				{ value: "Member", label: __("Member") },
				{ value: "Non-member", label: __("Non-member") },
			],
		},
		case_type: {
			fieldname: "case_type",
			label: __("Complaint or Aspiration"),
			fieldtype: "Select",
			options: [
				"",
				{ value: "Complaint", label: __("Complaint") },
				{ value: "Aspiration", label: __("Aspiration") },
			],
		},
	};
	return (
		which ||
		[
			"from_date",
			"to_date",
			"federation",
			"employer",
			"category",
			"gender",
			"employment_status",
			"membership",
			"case_type",
		]
	).map((name) => Object.assign({}, all[name]));
};
