# SPDX-License-Identifier: EUPL-1.2
"""Who reads and writes the journal, and who sends, reads and answers referrals."""

from typing import Any

from django.db.models import Q

from eenplan.access import policy
from eenplan.access.actions import Action
from eenplan.access.actor import Actor
from eenplan.access.categories import Category
from eenplan.access.decisions import Decision, Reason, Relation, allow, refuse
from eenplan.access.rules import (
    case_content,
    case_scope,
    directing,
    external_sharing,
    writing_on,
)

from .models import Referral


@policy.rule(Action.JOURNAL_VIEW)
def read_a_report(actor: Actor, entry: Any) -> Decision:
    """Reports by relation and consent; confidential ones stay in-house."""
    if entry.confidential and entry.organisation_id != actor.organisation_id:
        return refuse(Reason.CONFIDENTIAL)
    return case_content(actor, entry.case, Category.JOURNAL)


@policy.rule(Action.JOURNAL_CREATE)
def write_a_report(actor: Actor, case: Any) -> Decision:
    return writing_on(actor, case, Category.JOURNAL)


@policy.rule(Action.JOURNAL_CORRECT)
def correct_a_report(actor: Actor, entry: Any) -> Decision:
    """Only the author corrects a report (their professional statement), while
    they may still write reports on the case; others write a report of their own."""
    if entry.author_id != actor.user_id:
        return refuse(Reason.NOT_AUTHOR)
    return writing_on(actor, entry.case, Category.JOURNAL)


@policy.rule(Action.REFERRAL_CREATE)
def send_a_referral(actor: Actor, case: Any) -> Decision:
    return directing(actor, case)


def receives(actor: Actor, referral: Any) -> Decision:
    """The receiving organisation's intake for the case's team, and only while
    consent or a legal basis lets the household's request and plan flow to it."""
    if not (
        actor.organisation_id is not None
        and referral.to_organisation_id == actor.organisation_id
        and referral.case.team_id in actor.intake_teams
    ):
        return refuse(Reason.NOT_RECEIVER)
    shared = policy.receiver_sharing(actor, [referral.case])[referral.case_id]
    if shared.allows(Category.CASE_FILE):
        return allow(Reason.RECEIVER, Relation.RECEIVER)
    return refuse(Reason.NOT_SHARED, Relation.RECEIVER, Category.CASE_FILE)


def _received_scope(actor: Actor) -> Q:
    if actor.organisation_id is None or not actor.intake_teams:
        return Q(pk__in=[])
    candidates = list(
        Referral.objects.filter(
            to_organisation_id=actor.organisation_id,
            case__team_id__in=actor.intake_teams,
        ).select_related("case")
    )
    shares = policy.receiver_sharing(actor, {r.case for r in candidates})
    return Q(
        pk__in=[
            r.pk for r in candidates if shares[r.case_id].allows(Category.CASE_FILE)
        ]
    )


def _on_the_case_scope(actor: Actor) -> Q:
    shared = [
        case.pk
        for case, sharing in external_sharing(actor)
        if sharing.allows(Category.CASE_FILE)
    ]
    return case_scope(actor, "case__") | Q(case__in=shared)


@policy.rule(Action.REFERRAL_VIEW, scope=_received_scope)
def read_as_receiver(actor: Actor, referral: Any) -> Decision:
    return receives(actor, referral)


@policy.rule(Action.REFERRAL_VIEW, scope=_on_the_case_scope)
def read_as_one_on_the_case(actor: Actor, referral: Any) -> Decision:
    return case_content(actor, referral.case, Category.CASE_FILE)


@policy.rule(Action.REFERRAL_ANSWER, scope=_received_scope)
def answer_as_receiver(actor: Actor, referral: Any) -> Decision:
    return receives(actor, referral)


@policy.rule(Action.CASE_JOIN)
def join_on_a_referral(actor: Actor, case: Any) -> Decision:
    """The receiver of an open referral joins the case when accepting it."""
    pending = Referral.objects.filter(
        case_id=case.pk,
        to_organisation_id=actor.organisation_id,
        status=Referral.Status.SENT,
    ).select_related("case")
    for referral in pending:
        decision = receives(actor, referral)
        if decision:
            return decision
    return refuse(Reason.NOT_RECEIVER)
