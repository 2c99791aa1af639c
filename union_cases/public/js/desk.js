// The desk in the user's language where Frappe shows a stored value as it is (app_include_js).
//
// The app stores its states, stages, events and types in English (they are keys: filters, rules and
// reports read them) and ships their Indonesian in locale/id.po. Frappe translates a Select value and
// the badge of a workflow state, but shows as stored: a read-only Link (the Workflow State field when
// the user may not read Workflow State), a Data field, the names of a list's records, and a Select value
// with an apostrophe in a list. Each is handed to __() here through Frappe's own hooks for it.
(function () {
	const translate = (value) => (value ? __(String(value)) : value);

	// Link values of doctypes whose names are words in the user's language
	for (const doctype of [
		"Workflow State",
		"Case Category",
		"Help Category",
		"Dismissal Reason",
		"DocType",
	]) {
		frappe.form.link_formatters[doctype] = translate;
	}

	// Data fields marked "Translatable" in the app's doctypes (current stage, next deadline's event, ...)
	for (const fieldtype of ["Data", "SmallText", "Text"]) {
		const format = frappe.form.formatters[fieldtype];
		frappe.form.formatters[fieldtype] = function (value, df, ...rest) {
			if (df && df.translatable && typeof value === "string") value = translate(value);
			return format.call(this, value, df, ...rest);
		};
	}

	// the names of records that are themselves words (categories), and Select values with an
	// apostrophe, which Frappe's list escapes before translating ("Women's Protection")
	const list_formatters = {
		"Case Category": { name: translate, category_name: translate },
		"Help Category": { name: translate, category_name: translate },
		"Dismissal Reason": { name: translate, reason_name: translate },
		"Referral Partner": { partner_type: translate },
		// what an update did to the records the app ships: their doctypes and names are words too
		"Shipped Record": { record_type: translate, record_name: translate },
		Referral: {
			partner_type: translate,
			workflow_state: translate,
			// since when the referral waits for the partner ("3 days ago")
			sent_on: (value) => (value ? frappe.datetime.comment_when(value, true) : ""),
		},
	};
	for (const [doctype, formatters] of Object.entries(list_formatters)) {
		const settings = (frappe.listview_settings[doctype] = frappe.listview_settings[doctype] || {});
		settings.formatters = Object.assign({}, formatters, settings.formatters || {});
	}

	// a record sent from a public form is "created by Guest": the name of nobody, in the user's language
	const user_info = frappe.user_info;
	frappe.user_info = function (uid, ...rest) {
		const info = user_info.call(this, uid, ...rest);
		if (uid === "Guest" && info) info.fullname = __("Guest");
		return info;
	};

	// A refused call (a workflow action the case is not ready for) has had its reason shown by Frappe in
	// the user's language; frappe.xcall then rejects with the answer's empty message, which Frappe's
	// workflow buttons leave unhandled. That empty rejection is not an error of the page.
	window.addEventListener("unhandledrejection", (event) => {
		if (event.reason === undefined || event.reason === null) event.preventDefault();
	});
})();
