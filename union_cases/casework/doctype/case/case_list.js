frappe.listview_settings["Case"] = {
	// the status indicator comes from the Case Workflow's states and their styles
	add_fields: ["workflow_state", "confidential", "priority", "next_deadline", "next_deadline_days_left"],
	formatters: {
		next_deadline(value, df, doc) {
			if (!value) return "";
			// overdue from the calendar day after the due date (union_cases.casework.deadlines.compute.is_overdue)
			const left = doc.next_deadline_days_left;
			const color = value < frappe.datetime.get_today() ? "red" : left <= 3 ? "orange" : "green";
			return `<span class="indicator-pill ${color}">${frappe.datetime.str_to_user(value)}</span>`;
		},
	},
};
