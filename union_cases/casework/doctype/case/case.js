// Copyright (c) 2026, union_cases contributors
// For license information, please see license.txt

frappe.ui.form.on("Case", {
	setup(frm) {
		frm.set_query("category", () => ({ filters: { is_active: 1 } }));
	},
	refresh(frm) {
		if (frm.doc.confidential) {
			frm.dashboard.set_headline_alert(
				`<div class="text-danger">${__("Confidential case: share nothing that identifies the complainant.")}</div>`
			);
		}
		if (!frm.is_new()) {
			frm.add_custom_button(
				__("Referral"),
				() => frappe.new_doc("Referral", { case: frm.doc.name }),
				__("Create")
			);
		}
	},
	category(frm) {
		if (!frm.doc.category) return;
		frappe.db
			.get_value("Case Category", frm.doc.category, [
				"default_dispute_type",
				"confidential_by_default",
			])
			.then(({ message }) => {
				if (!message) return;
				if (message.default_dispute_type && !frm.doc.dispute_type) {
					frm.set_value("dispute_type", message.default_dispute_type);
				}
				if (message.confidential_by_default) {
					frm.set_value("confidential", 1);
				}
			});
	},
});
