// Copyright (c) 2026, union_cases contributors
// For license information, please see license.txt

frappe.ui.form.on("Case", {
	setup(frm) {
		frm.set_query("category", () => ({ filters: { is_active: 1 } }));
		frm.set_query("handler", () => ({
			query: "union_cases.api.case.search_handlers",
			filters: { local_union: frm.doc.local_union || "", federation: frm.doc.federation || "" },
		}));
	},
	refresh(frm) {
		if (frm.doc.confidential) {
			frm.dashboard.set_headline_alert(
				`<div class="text-danger">${__(
					"Confidential case: share nothing that identifies the complainant."
				)}</div>`
			);
		}
		if (frm.doc.merged_into) {
			frm.dashboard.add_comment(
				__("Merged into collective case {0}", [frm.doc.merged_into.bold()]),
				"blue",
				true
			);
		}
		if (!frm.is_new()) {
			frm.add_custom_button(
				__("Referral"),
				() => frappe.new_doc("Referral", { case: frm.doc.name }),
				__("Create")
			);
			const email = frm.doc.complainant_email || frm.doc.raised_by;
			if (email) {
				// the member reads this on their case page; the worker in their tracking link
				frm.add_custom_button(__("Reply to Complainant"), () => {
					new frappe.views.CommunicationComposer({
						doc: frm.doc,
						frm: frm,
						recipients: email,
						subject: `${frm.doc.name}: ${frm.doc.title}`,
					});
				});
			}
			if (frm.doc.is_non_member && email) {
				frm.add_custom_button(__("Invite to Join"), () => {
					frappe
						.xcall("union_cases.api.case.invite_to_join", { case: frm.doc.name })
						.then(() =>
							frappe.show_alert({ message: __("Invitation sent to {0}", [email]), indicator: "green" })
						);
				});
			}
		}
		if (frm.doc.rated_on) {
			frm.dashboard.add_indicator(
				__("Member's rating: {0} of 5", [Math.round((frm.doc.handling_rating || 0) * 5)]),
				"green"
			);
		}
		frm.trigger("show_deadline");
		frm.trigger("suggest_similar_cases");
	},
	show_deadline(frm) {
		if (!frm.doc.next_deadline) return;
		// overdue from the calendar day after the due date (union_cases.casework.deadlines.compute.is_overdue)
		const overdue = frm.doc.next_deadline < frappe.datetime.get_today();
		const left = frm.doc.next_deadline_days_left;
		const color = overdue ? "red" : left <= 3 ? "orange" : "blue";
		let when = __("{0} working days left", [left]);
		if (overdue && left < 0) {
			when = __("overdue by {0} working days", [-left]);
		} else if (overdue) {
			// due on a Friday, seen at the weekend: no working day has passed yet
			const since = frappe.datetime.add_days(frm.doc.next_deadline, 1);
			when = __("overdue since {0}", [frappe.datetime.str_to_user(since)]);
		}
		frm.dashboard.add_indicator(
			__("Next deadline: {0} on {1} ({2})", [
				frm.doc.next_deadline_event,
				frappe.datetime.str_to_user(frm.doc.next_deadline),
				when,
			]),
			color
		);
	},
	employer(frm) {
		frm.trigger("suggest_similar_cases");
	},
	category(frm) {
		frm.trigger("suggest_similar_cases");
		if (!frm.doc.category) return;
		// the same rule the case is saved with (Case.set_category_defaults)
		frappe.call({
			method: "union_cases.api.case.category_defaults",
			type: "GET",
			args: { category: frm.doc.category, dispute_type: frm.doc.dispute_type || null },
			callback: ({ message }) => message && Object.keys(message).length && frm.set_value(message),
		});
	},
	suggest_similar_cases(frm) {
		if (!frm.doc.employer || !frm.doc.category || frm.doc.merged_into) return;
		frappe
			.call({
				method: "union_cases.api.case.get_similar_cases",
				args: { employer: frm.doc.employer, category: frm.doc.category, exclude: frm.doc.name },
				type: "GET",
			})
			.then(({ message: cases }) => {
				frm.__similar_cases = cases || [];
				if (!cases || !cases.length) return;
				const list = cases
					.map((c) => `<a href="/app/case/${c.name}">${c.name}</a> (${frappe.utils.escape_html(c.title)})`)
					.join(", ");
				frm.dashboard.set_headline_alert(
					`<div>${__(
						"Open cases with the same employer and category: {0}. Link them, or merge this case into a collective case.",
						[list]
					)}</div>`,
					"yellow"
				);
				if (frm.is_new()) return;
				frm.add_custom_button(__("Link Similar Case"), () => pick_case(frm, "link"), __("Collective"));
				frm.add_custom_button(__("Merge into Collective Case"), () => pick_case(frm, "merge"), __("Collective"));
			});
	},
	before_workflow_action(frm) {
		if (frm.selected_workflow_action !== "Reject" || frm.doc.rejection_reason) return;
		// Frappe froze the form before this event and unfreezes it when the action is done; closing
		// the dialog without a reason cancels the action
		return new Promise((resolve) => {
			frappe.dom.unfreeze(); // the freeze overlay would cover the dialog
			frappe.prompt(
				{
					fieldname: "reason",
					fieldtype: "Small Text",
					label: __("Rejection Reason"),
					reqd: 1,
					description: __("The member is told this reason."),
				},
				({ reason }) => {
					frappe.dom.freeze();
					frappe
						.xcall("union_cases.api.case.set_rejection_reason", {
							case: frm.doc.name,
							reason,
						})
						.then(resolve, () => frappe.dom.unfreeze());
				},
				__("Reject Case"),
				__("Reject")
			);
		});
	},
});

function pick_case(frm, mode) {
	const options = frm.__similar_cases.map((c) => ({ value: c.name, label: `${c.name}: ${c.title}` }));
	frappe.prompt(
		{ fieldname: "other", fieldtype: "Select", label: __("Case"), options, reqd: 1 },
		({ other }) => {
			const call =
				mode === "link"
					? frappe.xcall("union_cases.api.case.link_cases", { case: frm.doc.name, other })
					: frm.call("merge_into", { target: other });
			call.then(() => frm.reload_doc());
		},
		mode === "link" ? __("Link Similar Case") : __("Merge into Collective Case")
	);
}
