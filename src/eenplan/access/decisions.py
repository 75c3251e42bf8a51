# SPDX-License-Identifier: EUPL-1.2
"""A decision of the policy: allowed or not, why, and through which relation."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from .categories import Category


class Relation(models.TextChoices):
    """How an actor stands to a case (or a request), strongest first."""

    DIRECTOR = "director", _("director")
    TEAM_LEADER = "team_leader", _("team leader")
    INVOLVED = "involved", _("involved professional")
    INVOLVED_EXTERNAL = "involved_external", _("involved professional of a partner")
    BREAK_GLASS = "break_glass", _("emergency access")
    RECEIVER = "receiver", _("receiving organisation")
    ASSIGNEE = "assignee", _("the one an action is assigned to")
    TEAM_MEMBER = "team_member", _("member of the team")
    PARTICIPANT = "participant", _("participant in a consultation")
    FUNCTION = "function", _("function")
    NONE = "", _("no relation")


# Relations that see everything of a case (confidential reports aside).
FULL = frozenset({Relation.DIRECTOR, Relation.TEAM_LEADER, Relation.INVOLVED})
# Relations that direct a case: change the plan, involve, close.
DIRECTING = frozenset({Relation.DIRECTOR, Relation.TEAM_LEADER})


class Reason(models.TextChoices):
    """Why; the label of a refusal is the message the user reads."""

    # Allowed
    ROLE = "role", _("Allowed by your role.")
    FUNCTION = "function", _("Allowed by your function.")
    TEAM = "team", _("Allowed as a member of the team.")
    RELATION = "relation", _("Allowed by your relation to the case.")
    SHARED = "shared", _("Allowed by consent or a legal basis.")
    EMERGENCY = "emergency", _("Allowed as emergency access.")
    RECEIVER = "receiver", _("Allowed as the receiving organisation.")
    PARTICIPANT = "participant", _("Allowed as a participant of the consultation.")
    OWN = "own", _("Allowed: it is addressed to you.")
    ASSIGNEE = "assignee", _("Allowed as the one the action is assigned to.")
    MANDATE = "mandate", _("Allowed by your mandate.")
    # Refused
    ANONYMOUS = "anonymous", _("Log in first.")
    NO_ROLE = "no_role", _("Your role does not allow this action.")
    NO_FUNCTION = "no_function", _("This is for another function than yours.")
    NOT_YOUR_TEAM = (
        "not_your_team",
        _("This belongs to another team than yours, in this role."),
    )
    NO_RELATION = (
        "no_relation",
        _(
            "You have no relation to this case. In an emergency you may break the "
            "glass: give the reason, and the privacy officer will review it."
        ),
    )
    NOT_DIRECTING = (
        "not_directing",
        _("Only the director and the team leader of the case may do this."),
    )
    NOT_SHARED = (
        "not_shared",
        _(
            "There is no consent or legal basis to share “%(category)s” "
            "of this household with your organisation."
        ),
    )
    CONFIDENTIAL = (
        "confidential",
        _("This report is confidential: it stays inside the author's organisation."),
    )
    READ_ONLY = "read_only", _("Emergency access is for reading only.")
    NOT_AUTHOR = (
        "not_author",
        _("Only the author of a report may correct it. Write a report of your own."),
    )
    NOT_FOLLOW_UP_OWNER = (
        "not_follow_up_owner",
        _(
            "Only the director who closed the case, or a team leader of its "
            "team, may record this follow-up check."
        ),
    )
    ALREADY_RELATED = (
        "already_related",
        _("You already have a relation to this case: open it as usual."),
    )
    NOT_PARTICIPANT = (
        "not_participant",
        _("Only the chair, the participants and the team leaders may do this."),
    )
    NOT_RECEIVER = (
        "not_receiver",
        _("Only the intake of the receiving organisation for this team may do this."),
    )
    NOT_YOURS = "not_yours", _("This is addressed to someone else.")
    OWN_REQUEST = (
        "own_request",
        _("Four eyes: someone else than the requester decides on this grant."),
    )
    NO_MANDATE = (
        "no_mandate",
        _("You do not hold the mandate for this grant."),
    )
    NOT_ASSIGNEE = (
        "not_assignee",
        _(
            "Only the organisation or professional the action is assigned to may "
            "do this."
        ),
    )


# Which refusal to report when several rules refuse: the most specific one.
_SPECIFICITY = {
    Reason.CONFIDENTIAL: 9,
    Reason.NOT_SHARED: 8,
    Reason.READ_ONLY: 7,
    Reason.NOT_AUTHOR: 7,
    Reason.NOT_FOLLOW_UP_OWNER: 6,
    Reason.ALREADY_RELATED: 7,
    Reason.NOT_DIRECTING: 6,
    Reason.NOT_RECEIVER: 5,
    Reason.NOT_PARTICIPANT: 5,
    Reason.NOT_ASSIGNEE: 5,
    Reason.OWN_REQUEST: 7,
    Reason.NO_MANDATE: 6,
    Reason.NOT_YOURS: 4,
    Reason.NO_RELATION: 4,
    Reason.NOT_YOUR_TEAM: 3,
    Reason.NO_FUNCTION: 2,
    Reason.NO_ROLE: 1,
}


@dataclass(frozen=True)
class Decision:
    """Whether, why, through which relation; for refusals on data, which category."""

    allowed: bool
    reason: Reason
    relation: Relation = Relation.NONE
    category: Category | None = None
    # Whom an allowance covers, when not everyone: the persons whose basic data
    # a partner from outside the team may see (None: all of them).
    about: frozenset[int] | None = None

    def __bool__(self) -> bool:
        return self.allowed

    @property
    def break_glass(self) -> bool:
        return self.allowed and self.relation == Relation.BREAK_GLASS

    @property
    def specificity(self) -> int:
        return _SPECIFICITY.get(self.reason, 0)

    @property
    def message(self) -> str:
        """The Dutch (or English) sentence for the user."""
        text = str(self.reason.label)
        if "%(category)s" in text:
            category = self.category.label if self.category else _("this data")
            text = text % {"category": category}
        return text

    def covers(self, person_id: int) -> bool:
        return self.allowed and (self.about is None or person_id in self.about)

    @property
    def purpose(self) -> str:
        """What the audit trail records as the purpose of an allowed read."""
        return str(self.relation.value) if self.allowed else ""


def allow(reason: Reason, relation: Relation = Relation.NONE) -> Decision:
    return Decision(True, reason, relation)


def refuse(
    reason: Reason,
    relation: Relation = Relation.NONE,
    category: Category | None = None,
) -> Decision:
    return Decision(False, reason, relation, category)
