// Copyright (c) 2026, union_cases contributors
// For license information, please see license.txt

frappe.ui.form.on("Referral Partner", {
	refresh(frm) {
		if (frm.doc.agreement_end && frm.doc.agreement_end < frappe.datetime.get_today()) {
			frm.dashboard.set_headline_alert(
				`<div class="text-warning">${__("The partnership agreement ended on {0}.", [
					frappe.datetime.str_to_user(frm.doc.agreement_end),
				])}</div>`
			);
		}
	},
});
