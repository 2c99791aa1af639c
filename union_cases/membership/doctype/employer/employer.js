// Copyright (c) 2026, union_cases contributors
// For license information, please see license.txt

frappe.ui.form.on("Employer", {
	setup(frm) {
		frm.set_query("parent_company", () => ({ filters: { name: ["!=", frm.doc.name] } }));
	},
});
