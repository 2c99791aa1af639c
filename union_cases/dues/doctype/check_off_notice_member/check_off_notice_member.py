# Copyright (c) 2026, union_cases contributors
# For license information, please see license.txt

from union_cases.permissions import ChildRow


class CheckoffNoticeMember(ChildRow):
	pass
