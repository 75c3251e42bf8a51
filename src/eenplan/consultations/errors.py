# SPDX-License-Identifier: EUPL-1.2
"""Errors of the consultations app."""

from django.utils.translation import gettext_lazy as _

from eenplan.core.errors import ApplicationError


class AgendaEmpty(ApplicationError):
    code = "agenda_empty"
    field = "cases"
    message = _("Put at least one case on the agenda.")


class AgendaOfOneTeam(ApplicationError):
    code = "agenda_of_one_team"
    field = "cases"
    message = _(
        "All cases on the agenda belong to one team: plan a consultation per team."
    )


class NotYourCase(ApplicationError):
    code = "not_your_case"
    field = "cases"
    message = _(
        "Only the team leader puts other cases on the agenda: as director you "
        "plan a consultation on the cases you direct."
    )


class ChairNotAllowed(ApplicationError):
    code = "chair_not_allowed"
    field = "chair"
    message = _("The chair is a team leader of the team or a director in it.")


class ParticipantNotAllowed(ApplicationError):
    code = "participant_not_allowed"
    field = "participants"
    message = _(
        "Only active staff members with a team can take part in a consultation."
    )


class ConsultationNotPlanned(ApplicationError):
    code = "consultation_not_planned"
    message = _("This consultation has been held or cancelled already.")
    status = 409


class ConsultationCancelled(ApplicationError):
    code = "consultation_cancelled"
    message = _("This consultation was cancelled: it has no outcome.")
    status = 409


class OutcomeTooEarly(ApplicationError):
    code = "outcome_too_early"
    message = _("The consultation has not taken place yet: record its outcome after.")
    status = 409


class OutcomeAlreadyRecorded(ApplicationError):
    code = "outcome_already_recorded"
    message = _("The outcome for this case has been recorded already.")
    status = 409


class OutcomeIncomplete(ApplicationError):
    code = "outcome_incomplete"
    message = _("Write the shared picture and the decisions.")


class CancelNeedsReason(ApplicationError):
    code = "cancel_needs_reason"
    field = "reason"
    message = _("Say why the consultation is cancelled.")


class NotDirectingForActions(ApplicationError):
    code = "not_directing_for_actions"
    message = _(
        "Only the director and the team leader of the case add actions to its "
        "plan or change its director. Ask them, or leave those out."
    )


class StartsInThePast(ApplicationError):
    code = "starts_in_the_past"
    field = "date"
    message = _("Plan the consultation from now up to a year ahead.")


class EscalationOpen(ApplicationError):
    code = "escalation_open"
    message = _(
        "This case has an open escalation already: wait for the forum's decision "
        "or withdraw it first."
    )
    status = 409


class EscalationQuestionRequired(ApplicationError):
    code = "escalation_question_required"
    field = "question"
    message = _("Write the question for the forum.")


class NotEnoughDeclinedReferrals(ApplicationError):
    code = "not_enough_declined_referrals"
    field = "kind"
    message = _(
        "An escalation for declined referrals needs at least two declined "
        "referrals on the case."
    )


class EscalationNotOpen(ApplicationError):
    code = "escalation_not_open"
    message = _("This escalation has been decided or withdrawn already.")
    status = 409


class EscalationNotForForum(ApplicationError):
    code = "escalation_not_for_forum"
    field = "escalations"
    message = _("Choose escalations raised to this forum and not yet on an agenda.")


class DecisionRequired(ApplicationError):
    code = "decision_required"
    field = "decisions"
    message = _("Write the forum's decision: it is binding for the case.")


class ForumInactive(ApplicationError):
    code = "forum_inactive"
    field = "forum"
    message = _("This forum no longer meets: choose another one.")


class ActionIncomplete(ApplicationError):
    code = "action_incomplete"
    message = _("Say for each agreed action what is done, by whom and when.")
