"""Errors the app raises, so callers and tests can tell them apart."""

import frappe


class InvalidNIKError(frappe.ValidationError):
	"""A NIK that is not 16 digits or whose parts cannot be real."""


class NIKMismatchError(frappe.ValidationError):
	"""A NIK whose date-of-birth part disagrees with the member's gender or date of birth."""


class DuplicateNIKError(frappe.DuplicateEntryError):
	"""A NIK that already belongs to another member."""


class InvalidPhoneError(frappe.ValidationError):
	"""A phone number that cannot be read as an Indonesian number."""


class InvalidIdentifierError(frappe.ValidationError):
	"""A BPJS or similar number that is not made of digits of the expected length."""


class FederationLevelError(frappe.ValidationError):
	"""A Federation node placed under a parent that is not exactly one level up."""


class NotALocalUnionError(frappe.ValidationError):
	"""A member or case attached to a node that is not a Local Union."""


class InvalidDateError(frappe.ValidationError):
	"""A date that cannot be right (in the future, or before another date it must follow)."""


class DeadlineExtensionError(frappe.ValidationError):
	"""An extension of a legal deadline beyond what the law or the rule allows."""


class PartnerTokenError(frappe.PermissionError):
	"""A partner system's update without its valid token, for a referral it may not touch, or from an
	inactive partner."""


class PartnerTransitionError(frappe.ValidationError):
	"""A referral status a partner may not set from the referral's current state."""


class UnsafeWebhookURLError(frappe.ValidationError):
	"""A webhook address that is not http(s), or that leads to a loopback, private or other internal
	address."""


class RejectionReasonRequiredError(frappe.ValidationError):
	"""A case rejected without a reason."""


class VerificationIncompleteError(frappe.ValidationError):
	"""A case accepted before its verification checks are done."""


class HandlerRequiredError(frappe.ValidationError):
	"""A case accepted without a legal advisor to handle it."""


class ConsentRequiredError(frappe.ValidationError):
	"""A membership application sent without consent to the processing of personal data."""


class ReviewNoteRequiredError(frappe.ValidationError):
	"""An application rejected, or sent back for information, without saying why."""


class TooManySubmissionsError(frappe.ValidationError):
	"""More public submissions from one address than the hourly limit allows."""


class TargetError(frappe.ValidationError):
	"""A performance target that cannot be saved (year, missing or repeated indicator)."""


class PublicFormError(frappe.ValidationError):
	"""A public or portal form sent with fields that cannot be accepted; the message of each is under it."""


class UploadRejectedError(frappe.ValidationError):
	"""An uploaded file that is empty, too large, of a kind not accepted, or whose content is not what its
	name says (a renamed program, a damaged picture or PDF)."""


class ConfirmationError(frappe.ValidationError):
	"""A complaint's email address confirmed with a wrong link, or a case that is no longer waiting for it."""


class SeveranceError(frappe.ValidationError):
	"""A severance calculation that lacks an input it needs, or has one that cannot be right."""


class ERPNextMissingError(frappe.ValidationError):
	"""A dues step that needs ERPNext (accounting) on a site without it."""


class AuthorisationError(frappe.ValidationError):
	"""A check-off authorisation that cannot be saved as it is (a second active one, dates out of order)."""


class RemittanceFileError(frappe.ValidationError):
	"""An employer's remittance file that cannot be read, or columns that are not in it."""


class RemittancePostingError(frappe.ValidationError):
	"""A remittance that cannot be posted (no account, nothing matched, no open invoice)."""


class DuesRuleError(frappe.ValidationError):
	"""A dues rule whose amounts or arrears steps do not add up."""
