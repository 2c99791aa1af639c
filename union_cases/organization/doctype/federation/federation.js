// Copyright (c) 2026, union_cases contributors
// For license information, please see license.txt

const LEVELS = ["Confederation", "Federation", "Branch", "Local Union"];

frappe.ui.form.on("Federation", {
	setup(frm) {
		frm.set_query("parent_federation", () => {
			const index = LEVELS.indexOf(frm.doc.level);
			return index > 0 ? { filters: { level: LEVELS[index - 1] } } : { filters: { name: "" } };
		});
	},
	level(frm) {
		if (frm.doc.level === "Confederation") {
			frm.set_value("parent_federation", null);
		}
	},
});
