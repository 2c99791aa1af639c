// Copyright (c) 2026, union_cases contributors
// For license information, please see license.txt

// The knowledge base on the case form: articles (guides, templates, precedents) of the case's category.
frappe.ui.form.on("Case", {
	refresh(frm) {
		if (frm.is_new() || !frm.doc.category) return;
		frappe
			.call({
				method: "union_cases.api.knowledge.articles_for_case",
				args: { case: frm.doc.name },
				type: "GET", // frappe.xcall always POSTs; the endpoint only answers GET
			})
			.then(({ message: articles }) => {
				if (!articles || !articles.length) return;
				const items = articles
					.map(
						(a) =>
							`<li><a href="/app/help-article/${encodeURIComponent(a.name)}">${frappe.utils.escape_html(
								a.title
							)}</a> <span class="text-muted">(${__(a.category)}, ${__(a.union_visibility)})</span></li>`
					)
					.join("");
				frm.dashboard.add_section(
					`<div class="small"><b>${__("Suggested articles")}</b><ul>${items}</ul></div>`,
					__("Knowledge Base")
				);
			});
		frm.add_custom_button(
			__("Knowledge Base"),
			() => frappe.set_route("List", "Help Article"),
			__("View")
		);
	},
});
