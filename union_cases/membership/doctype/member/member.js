// Copyright (c) 2026, union_cases contributors
// For license information, please see license.txt

frappe.ui.form.on("Member", {
	setup(frm) {
		frm.set_query("local_union", () => ({ filters: { level: "Local Union", active: 1 } }));
	},
	refresh(frm) {
		if (!frm.is_new()) {
			frm.add_custom_button(__("New Case"), () => {
				frappe.new_doc("Case", { complainant: frm.doc.name, employer: frm.doc.employer });
			});
		}
	},
});
