// Copyright (c) 2026, union_cases contributors
// For license information, please see license.txt

// "Reset to Shipped Version" on the workflows (their states and actions) and email templates the app
// ships: an administrator's changes survive updates of the app, and this puts the original back.
const union_cases_shipped = {
	refresh(frm) {
		if (frm.is_new() || !frappe.user.has_role("System Manager")) return;
		frappe
			.call({
				method: "union_cases.api.configuration.shipped_status",
				args: { doctype: frm.doctype, name: frm.doc.name },
				type: "GET",
			})
			.then(({ message: status }) => {
				if (!status || !status.shipped) return;
				if (status.changed) {
					frm.dashboard.set_headline(
						__("Changed since the app shipped it. Updates of the app keep your changes.")
					);
				}
				frm.add_custom_button(__("Reset to Shipped Version"), () => {
					frappe.confirm(
						__(
							"Replace this {0} with the version shipped with the app? Your changes to it are lost.",
							[__(frm.doctype)]
						),
						() =>
							frappe
								.xcall("union_cases.api.configuration.reset_to_shipped", {
									doctype: frm.doctype,
									name: frm.doc.name,
								})
								.then(() => {
									frappe.show_alert({
										message: __("Reset to the shipped version"),
										indicator: "green",
									});
									frm.reload_doc();
								})
					);
				});
			});
	},
};
frappe.ui.form.on("Workflow", union_cases_shipped);
frappe.ui.form.on("Email Template", union_cases_shipped);
