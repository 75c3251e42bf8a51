# SPDX-License-Identifier: EUPL-1.2
"""Errors of the assessments app."""

from django.utils.translation import gettext_lazy as _

from eenplan.core.errors import ApplicationError


class ScoreOutOfRange(ApplicationError):
    code = "score_out_of_range"
    message = _("Every ZRM score is a whole number from 1 to 5.")


class IncompleteAssessment(ApplicationError):
    code = "incomplete_assessment"
    message = _("Score every life domain of the ZRM.")


class NotAnAdultMember(ApplicationError):
    code = "not_an_adult_member"
    message = _("A ZRM can only be recorded for adult members of the case's household.")
