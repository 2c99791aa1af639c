// Copyright (c) 2026, union_cases contributors
// For license information, please see license.txt

frappe.ui.form.on("Union Cases Settings", {
	refresh(frm) {
		if (!frm.perm[0] || !frm.perm[0].write) return;
		// the triage model relearns from the categories operators confirmed (also done every week)
		frm.add_custom_button(__("Retrain Triage Model"), () =>
			frappe.xcall("union_cases.api.case.retrain_triage").then(() =>
				frappe.show_alert({
					message: __("Retraining started; the model's date here changes when it is done."),
					indicator: "green",
				})
			)
		);
		frm.add_custom_button(__("Triage Accuracy"), () => frappe.set_route("query-report", "Triage Accuracy"));
	},
});
