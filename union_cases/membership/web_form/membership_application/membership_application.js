frappe.ready(function () {
	const form = frappe.web_form;
	form.set_value("language", frappe.boot.lang || "id");

	// Check NIK, phone and local union as they are typed, with the same rules as the server.
	const errors = {};
	const show_error = (fieldname, message) => {
		const field = form.fields_dict[fieldname];
		if (!field) return;
		field.$wrapper.find(".union-field-error").remove();
		field.$wrapper.toggleClass("has-error", !!message);
		if (message) {
			$(`<div class="union-field-error text-danger small mt-1"></div>`).text(message).appendTo(field.$wrapper);
			errors[fieldname] = message;
		} else {
			delete errors[fieldname];
		}
	};
	const check = frappe.utils.debounce(() => {
		const v = form.get_values(true) || {};
		frappe.call({
			method: "union_cases.api.portal.check_application",
			args: {
				nik: v.nik || "",
				gender: v.gender || "",
				date_of_birth: v.date_of_birth || "",
				mobile_no: v.mobile_no || "",
				local_union: v.local_union || "",
			},
			callback: (r) => {
				for (const fieldname of ["nik", "mobile_no", "local_union", "date_of_birth"]) {
					show_error(fieldname, (r.message || {})[fieldname]);
				}
			},
		});
	}, 400);
	for (const fieldname of ["nik", "gender", "date_of_birth", "mobile_no", "local_union"]) {
		form.on(fieldname, check);
	}
	// a field the server refused is cleared of its message once the person changes it
	for (const fieldname of Object.keys(form.fields_dict)) {
		if (["nik", "gender", "date_of_birth", "mobile_no", "local_union"].includes(fieldname)) continue;
		form.on(fieldname, () => show_error(fieldname, null));
	}
	// The server checks every field again; what it refuses is shown under the field (and in its dialog).
	$(document).ajaxComplete((_event, xhr, settings) => {
		if (!(settings.url || "").includes("web_form.web_form.accept")) return;
		const fields = (xhr.responseJSON || {}).field_errors || {};
		for (const [fieldname, message] of Object.entries(fields)) show_error(fieldname, message);
	});
	form.validate = () => {
		const messages = Object.values(errors);
		if (messages.length) {
			frappe.msgprint(messages.join("<br>"), __("Please check"));
			return false;
		}
		return true;
	};

	// A guest cannot use the upload dialog: read the photo in the browser and send it with the form.
	const photo = form.fields_dict.id_card_photo_upload;
	if (photo) {
		photo.on_attach_click = photo.on_attach_doc_image = () => {
			const input = document.createElement("input");
			input.type = "file";
			input.accept = "image/jpeg,image/png";
			input.onchange = () => {
				const file = input.files[0];
				if (!file) return;
				if (!["image/jpeg", "image/png"].includes(file.type)) {
					frappe.msgprint(__("Send the photo as a JPG or PNG picture."));
					return;
				}
				if (file.size > 5 * 1024 * 1024) {
					frappe.msgprint(__("The photo is larger than {0} MB.", [5]));
					return;
				}
				const reader = new FileReader();
				reader.onload = () => photo.set_value(`${file.name.replace(/,/g, " ")},${reader.result}`);
				reader.readAsDataURL(file);
			};
			input.click();
		};
	}

	// The employer is looked for as the worker types (a union has tens of thousands of employers: the
	// page never lists them all): at most ten matches, those of the chosen local union's sector first.
	const employer = form.fields_dict.employer;
	if (employer && employer.$input) {
		const input = employer.$input[0];
		const list = document.createElement("datalist");
		list.id = "union-employer-options";
		input.setAttribute("list", list.id);
		input.setAttribute("autocomplete", "off");
		input.setAttribute("maxlength", "140");
		input.after(list);
		let last = "";
		const search = frappe.utils.debounce(() => {
			const txt = input.value.trim();
			if (txt.length < 2 || txt === last) return;
			last = txt;
			frappe.call({
				method: "union_cases.api.portal.search_employers",
				type: "GET",
				args: { txt, federation: form.get_value("local_union") || "" },
				callback: (r) =>
					list.replaceChildren(
						...(r.message || []).map((name) => Object.assign(document.createElement("option"), { value: name }))
					),
			});
		}, 250);
		input.addEventListener("input", search);
	}

	// Show the tracking number and link on the page, as well as by email.
	const handle_success = form.handle_success.bind(form);
	form.handle_success = (data) => {
		handle_success(data);
		if (data && data.name) {
			const link = `${window.location.origin}/track?key=${encodeURIComponent(data.tracking_key || "")}`;
			$(".success-message").after(
				$(`<p class="union-tracking"></p>`)
					.append(document.createTextNode(__("Your tracking number:") + " "))
					.append($("<b></b>").text(data.name))
					.append("<br>")
					.append($("<a></a>").attr("href", link).text(__("Follow my application")))
			);
		}
	};
});
