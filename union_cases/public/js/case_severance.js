// Copyright (c) 2026, union_cases contributors
// For license information, please see license.txt

// The severance calculator on a dismissal case: a dialog of the inputs (from the case, else from the
// member), saved on the case, which itemises the claim (union_cases/casework/claims.py); and the claim
// statement to print for bipartite talks.
const SEVERANCE_INPUTS = [
	"dismissal_reason",
	"fixed_term_contract",
	"service_start_date",
	"service_end_date",
	"wage_type",
	"base_wage",
	"fixed_allowances",
	"daily_wage",
	"piece_rate_average",
	"regional_minimum_wage",
	"untaken_leave_days",
	"working_days_per_month",
	"travel_home_cost",
	"other_rights_amount",
	"separation_pay",
];

frappe.ui.form.on("Case", {
	refresh(frm) {
		if (frm.is_new() || frm.doc.dispute_type !== "Termination") return;
		if (frm.perm[0] && frm.perm[0].write) {
			frm.add_custom_button(__("Calculate Severance"), () => severance_dialog(frm), __("Claim"));
		}
		if ((frm.doc.severance_lines || []).length) {
			frm.add_custom_button(
				__("Print Claim Statement"),
				() => {
					const args = new URLSearchParams({
						doctype: frm.doc.doctype,
						name: frm.doc.name,
						format: "Claim Statement",
						no_letterhead: 0,
						trigger_print: 1,
					});
					window.open(`/printview?${args.toString()}`, "_blank");
				},
				__("Claim")
			);
		}
	},
});

function severance_dialog(frm) {
	const meta = frappe.get_meta("Case");
	const fields = SEVERANCE_INPUTS.map((fieldname) => {
		const df = meta.fields.find((f) => f.fieldname === fieldname);
		return {
			fieldname,
			fieldtype: df.fieldtype,
			label: __(df.label),
			options: df.options,
			description: df.description ? __(df.description) : "",
			depends_on: df.depends_on,
			default: frm.doc[fieldname],
			get_query: fieldname === "dismissal_reason" ? () => ({ filters: { is_active: 1 } }) : undefined,
		};
	});
	fields.splice(5, 0, { fieldtype: "Column Break" });
	fields.splice(12, 0, { fieldtype: "Section Break", label: __("Compensation of Rights (UPH)") });
	const dialog = new frappe.ui.Dialog({
		title: __("Calculate Severance"),
		size: "large",
		fields,
		primary_action_label: __("Calculate and Save"),
		primary_action(values) {
			SEVERANCE_INPUTS.forEach((fieldname) => (frm.doc[fieldname] = values[fieldname] ?? null));
			frm.dirty();
			frm.save().then(() => {
				dialog.hide();
				frappe.show_alert({
					message: __("Amount claimed: {0}", [format_currency(frm.doc.amount_claimed)]),
					indicator: "green",
				});
			});
		},
	});
	if (frm.doc.complainant && !frm.doc.service_start_date) {
		// what the member's record knows: the start of work, a fixed-term contract, the wage
		frappe.db
			.get_value("Member", frm.doc.complainant, ["work_start_date", "employment_status", "monthly_wage"])
			.then(({ message: member }) => {
				if (!member) return;
				if (member.work_start_date) dialog.set_value("service_start_date", member.work_start_date);
				if (member.employment_status === "PKWT") dialog.set_value("fixed_term_contract", 1);
				if (member.monthly_wage && !dialog.get_value("base_wage")) {
					dialog.set_value("base_wage", member.monthly_wage);
				}
			});
	}
	dialog.show();
}
