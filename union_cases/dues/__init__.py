"""Dues and check-off: authorisations, notices to the employer, remittances, dues rules.

The doctypes work on every site; what touches accounting (customers, invoices, journal entries,
subscriptions) runs only where ERPNext is installed (`erpnext.installed()`), and the fields linking to
ERPNext's doctypes are custom fields that `setup.dues` adds when ERPNext is there."""
