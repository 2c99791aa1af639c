def get_context(context):
	"""The message is chosen by the complainant's language in the template."""
