// Copyright (c) 2026, union_cases contributors
// For license information, please see license.txt

frappe.ui.form.on("Referral", {
	setup(frm) {
		frm.set_query("partner", () => ({ filters: { is_active: 1 } }));
	},
	partner(frm) {
		if (!frm.doc.partner) return;
		frappe.db.get_value("Referral Partner", frm.doc.partner, "agreement_end").then(({ message }) => {
			if (message && message.agreement_end && message.agreement_end < frappe.datetime.get_today()) {
				frappe.show_alert(
					{
						message: __("The partnership agreement with {0} ended on {1}.", [
							frm.doc.partner,
							frappe.datetime.str_to_user(message.agreement_end),
						]),
						indicator: "orange",
					},
					10
				);
			}
		});
	},
});
