import json

from frappe import _

from union_cases.organization.tree import local_union_options


def get_context(context):
	"""Local unions labelled with their federation, branch and place, so a worker can search by any."""
	context.introduction_text = _(
		"Join the union online. Fill in your details as on your e-KTP; an operator of the local union you choose checks them and you receive your membership card number by email."
	)
	for field in context.web_form_doc.web_form_fields:
		if field.fieldname == "local_union":
			field.options = json.dumps(local_union_options())
	return context
