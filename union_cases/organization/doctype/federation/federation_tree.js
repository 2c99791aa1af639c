frappe.treeview_settings["Federation"] = {
	breadcrumb: "Union Cases",
	title: __("Organisation Tree"),
	get_tree_root: false,
	root_label: __("All Organisations"),
	get_tree_nodes: "frappe.desk.treeview.get_children",
	fields: [
		{ fieldtype: "Data", fieldname: "federation_name", label: __("Name"), reqd: true },
		{
			fieldtype: "Select",
			fieldname: "level",
			label: __("Level"),
			options: ["Federation", "Branch", "Local Union"],
			reqd: true,
		},
		{ fieldtype: "Data", fieldname: "code", label: __("Code") },
	],
	ignore_fields: ["parent_federation"],
};
