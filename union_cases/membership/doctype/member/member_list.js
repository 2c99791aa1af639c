frappe.listview_settings["Member"] = {
	add_fields: ["status"],
	get_indicator(doc) {
		const colors = {
			Applicant: "orange",
			Active: "green",
			Suspended: "red",
			Resigned: "gray",
			Deceased: "gray",
		};
		return [__(doc.status), colors[doc.status] || "gray", "status,=," + doc.status];
	},
};
