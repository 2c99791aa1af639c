"""Frappe's own strings that the app's users read, so that the app ships their Indonesian.

Frappe's Indonesian (its translations/id.csv) lacks some of these and mistranslates others ("Home" as
"Rumah", a house; "Discard" as "Membuang"; "Not Saved" as "Tidak Disimpan", "was not saved"). An app's
translation of a string overrides Frappe's on every page (desk and portal), so listing a string here puts
it in the app's main.pot and id.po. Each is Frappe's exact msgid.
"""

from union_cases.utils.translation import N_

FRAPPE_TERMS = (
	N_("Home"),
	N_("Discard"),
	N_("Attach"),
	N_("Move"),
	N_("Collapse"),
	N_("Expand"),
	N_("Editing Row"),
	N_("Insert Above"),
	N_("Insert Below"),
	N_("Missing Values Required"),
	N_("Not Saved"),
	N_("You changed the values for {0}"),
	N_("{0} changed the values for {1}"),
	N_("You changed the values for {0} {1}"),
	N_("{0} changed the values for {1} {2}"),
	N_("Login to {0}"),
	N_("Login with Email Link"),
	N_("Submit another response"),
	# the desk's own words on every page, which Frappe's Indonesian lacks
	N_("This form is not editable due to a Workflow."),
	N_("Edit Filters"),
	N_("Filter By"),
	N_("List View"),
	N_("Search or type a command ({0})"),
	N_("Type a reply / comment"),
	N_("You created this"),
	N_("You last edited this"),
	N_("{0} created this"),
	N_("{0} last edited this"),
	# Frappe's knowledge base as the app names it (Frappe's Indonesian reads "Bantuan Kategori")
	N_("Help Article"),
	N_("Help Category"),
)
