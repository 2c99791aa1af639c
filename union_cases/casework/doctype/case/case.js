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
		// one message above the form, line by line: Frappe's headline holds a single message, and the
		// workflow's banner, the confidentiality warning, similar cases and the deadline took turns in it
		frm.__headline = {};
		if (frm.doc.confidential) {
			set_line(frm, "confidential", __("Confidential case: share nothing that identifies the complainant."), "red");
		}
		if (frm.doc.merged_into) {
			set_line(frm, "merged", __("Merged into collective case {0}", [frm.doc.merged_into.bold()]), "blue");
		}
		if (!frm.is_new()) set_line(frm, "next_step", next_step(frm), "blue");
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
		frm.trigger("show_triage");
	},
	show_triage(frm) {
		// the triage of the worker's words (union_cases/casework/triage): category, urgency, next step
		if (frm.is_new() || !frm.doc.triage_status) return;
		const esc = frappe.utils.escape_html;
		if (frm.doc.urgency_note) {
			set_line(frm, "urgency", esc(frm.doc.urgency_note).replace(/\n/g, "<br>"), "red");
		}
		if (frm.doc.triage_status === "Unsure") {
			set_line(
				frm,
				"triage",
				__("The triage is unsure of the category. Most likely: {0}", [
					esc(frm.doc.suggestion_ranking || "").replace(/\n/g, "; "),
				]),
				"orange"
			);
		} else if (frm.doc.triage_status === "Suggested" && !frm.doc.category_confirmed) {
			set_line(
				frm,
				"triage",
				__("Suggested category: {0} ({1}% sure), from the words: {2}", [
					`<b>${esc(__(frm.doc.suggested_category))}</b>`,
					frm.doc.suggestion_confidence,
					esc(frm.doc.suggestion_words || "-"),
				]),
				"blue"
			);
		}
		if (!frm.doc.category_confirmed && frm.perm[0] && frm.perm[0].write) {
			const confirm = (category) =>
				frappe
					.xcall("union_cases.api.case.confirm_category", { case: frm.doc.name, category })
					.then(() => frm.reload_doc());
			if (frm.doc.triage_status === "Suggested" && frm.doc.suggested_category) {
				frm.add_custom_button(__("Confirm: {0}", [__(frm.doc.suggested_category)]), () =>
					confirm(frm.doc.suggested_category)
				).addClass("btn-primary");
			}
			frm.add_custom_button(__("Choose the Category"), () =>
				frappe.prompt(
					{ fieldname: "category", fieldtype: "Link", options: "Case Category", label: __("Category"), reqd: 1 },
					({ category }) => confirm(category),
					__("Choose the Category"),
					__("Confirm")
				)
			);
		}
		frappe
			.call({ method: "union_cases.api.case.next_steps", args: { case: frm.doc.name }, type: "GET" })
			.then(({ message }) => {
				if (!message || !message.similar || !message.similar.length) return;
				const items = message.similar
					.map(
						(c) =>
							`<li><a href="/app/case/${encodeURIComponent(c.name)}">${esc(c.name)}</a> ${esc(c.title)}: ${esc(
								__(c.resolution_type || "Not Set")
							)}${c.closing_date ? ` (${frappe.datetime.str_to_user(c.closing_date)})` : ""}</li>`
					)
					.join("");
				frm.dashboard.add_section(
					`<div class="small"><b>${__("How similar cases of this employer ended")}</b><ul>${items}</ul></div>`,
					__("Next Step")
				);
			});
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
		set_line(
			frm,
			"deadline",
			__("Next deadline: {0} on {1} ({2})", [
				__(frm.doc.next_deadline_event || ""),
				frappe.datetime.str_to_user(frm.doc.next_deadline),
				when,
			]),
			color
		);
	},
	complainant(frm) {
		// the member's employer and local union, before the case is saved (the server fills them too)
		if (!frm.doc.complainant) return;
		frappe.db.get_value("Member", frm.doc.complainant, ["employer", "local_union"]).then(({ message }) => {
			if (!message) return;
			if (message.local_union && !frm.doc.local_union) frm.set_value("local_union", message.local_union);
			if (message.employer && !frm.doc.employer) frm.set_value("employer", message.employer);
		});
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
		const asked = (frm.__similar_asked = (frm.__similar_asked || 0) + 1);
		frappe
			.call({
				method: "union_cases.api.case.get_similar_cases",
				args: { employer: frm.doc.employer, category: frm.doc.category, exclude: frm.doc.name },
				type: "GET",
			})
			.then(({ message: cases }) => {
				if (asked !== frm.__similar_asked) return; // a later question is under way
				frm.__similar_cases = cases || [];
				if (!cases || !cases.length) {
					set_line(frm, "similar", null);
					return;
				}
				const list = cases
					.map((c) => `<a href="/app/case/${c.name}">${c.name}</a> (${frappe.utils.escape_html(c.title)})`)
					.join(", ");
				set_line(
					frm,
					"similar",
					__(
						"Open cases with the same employer and category: {0}. Link them, or merge this case into a collective case.",
						[list]
					),
					"orange"
				);
				if (frm.is_new()) return;
				frm.add_custom_button(__("Link Similar Case"), () => pick_case(frm, "link"), __("Collective"));
				frm.add_custom_button(__("Merge into Collective Case"), () => pick_case(frm, "merge"), __("Collective"));
			});
	},
	before_workflow_action(frm) {
		// ask in the action's own dialog for what the step needs; closing the dialog cancels the action.
		// Frappe froze the form before this event and unfreezes it when the action is done.
		if (frm.selected_workflow_action === "Reject" && !frm.doc.rejection_reason) {
			return ask_before_action(
				{
					fieldname: "reason",
					fieldtype: "Small Text",
					label: __("Rejection Reason"),
					reqd: 1,
					description: __("The member is told this reason."),
				},
				({ reason }) =>
					frappe.xcall("union_cases.api.case.set_rejection_reason", { case: frm.doc.name, reason }),
				__("Reject Case"),
				__("Reject")
			);
		}
		if (frm.selected_workflow_action === "Accept" && !frm.doc.handler) {
			return ask_before_action(
				{
					fieldname: "handler",
					fieldtype: "Link",
					options: "User",
					label: __("Legal Advisor"),
					reqd: 1,
					description: __("The advisor who will handle the case; it is put on their list."),
					get_query: () => ({
						query: "union_cases.api.case.search_handlers",
						filters: { local_union: frm.doc.local_union || "", federation: frm.doc.federation || "" },
					}),
				},
				({ handler }) => frappe.xcall("union_cases.api.case.set_handler", { case: frm.doc.name, handler }),
				__("Accept Case"),
				__("Accept")
			);
		}
	},
});

function ask_before_action(field, save, title, primary_label) {
	// the action waits for the dialog; closed, or refused by the server (which says why), it never runs
	return new Promise((resolve) => {
		frappe.dom.unfreeze(); // the freeze overlay would cover the dialog
		const dialog = frappe.prompt(
			field,
			(values) => {
				frappe.dom.freeze();
				save(values).then(resolve, () => frappe.dom.unfreeze());
			},
			title,
			primary_label
		);
		dialog.onhide = () => frappe.dom.unfreeze();
	});
}

// what happens next to the case and who does it, in words
function next_step(frm) {
	const doc = frm.doc;
	const advisor = doc.handler ? frappe.user.full_name(doc.handler) : __("the Legal Advisor");
	const steps = {
		New: __("Next: an operator starts the verification (Actions > Start Verification)."),
		"Under Verification": __(
			"Next: the operator ticks the checks in the Verification section, then accepts the case (choosing its Legal Advisor) or rejects it. First response due on {0}.",
			[doc.first_response_due ? frappe.datetime.str_to_user(doc.first_response_due) : "-"]
		),
		Accepted: __("Accepted. Next: {0} starts handling the case (Actions > Start Handling).", [advisor]),
		"In Handling": __("In handling by {0}, who records each stage of the legal path in Stages and Deadlines.", [advisor]),
		Resolved: __("Resolved. Next: an operator closes the case once the outcome is recorded."),
		Reopened: __("Reopened. Next: {0} resumes handling.", [advisor]),
		Rejected: __("Rejected: nothing more is due. The member has been told the reason."),
		Closed: __("Closed: nothing more is due."),
	};
	const step = steps[doc.workflow_state];
	if (!step) return null;
	// Frappe's banner for a form its workflow keeps read-only, said with what to do
	return frm.read_only ? `${step} ${__("The form changes through the Actions button.")}` : step;
}

function set_line(frm, key, html, color) {
	frm.__headline = frm.__headline || {};
	if (html) frm.__headline[key] = { html, color };
	else delete frm.__headline[key];
	const lines = Object.values(frm.__headline);
	frm.layout.show_message(); // Frappe adds a message to those shown: clear them (its workflow banner too)
	if (!lines.length) return;
	const order = ["red", "orange", "blue", "green"];
	const worst = lines.map((l) => l.color).sort((a, b) => order.indexOf(a) - order.indexOf(b))[0];
	frm.layout.show_message(
		lines.map((l) => `<div><span class="indicator ${l.color}"></span>${l.html}</div>`).join(""),
		worst === "orange" ? "yellow" : worst
	);
}

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
