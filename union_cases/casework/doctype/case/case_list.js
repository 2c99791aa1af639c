frappe.listview_settings["Case"] = {
	add_fields: ["status", "confidential", "priority"],
	get_indicator(doc) {
		const colors = {
			New: "blue",
			"Under Verification": "orange",
			Accepted: "purple",
			Rejected: "red",
			"In Handling": "yellow",
			Resolved: "green",
			Closed: "gray",
			Reopened: "orange",
		};
		return [__(doc.status), colors[doc.status] || "gray", "status,=," + doc.status];
	},
};
