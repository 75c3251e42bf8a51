# SPDX-License-Identifier: EUPL-1.2
"""A person's data export (inzageverzoek, AVG art. 15): everything held about them.

`person_export` checks the policy, audits the export and returns `build()`'s
dict; `render` turns that one dict into the readable HTML document or the
JSON download, so both always hold the same content. `build` reads in a fixed
number of queries, however much there is about the person.

What belongs to the person: their identity, household memberships, the
requests they were involved in, every case of their households with its
plans, journal (confidential entries too: the privacy officer judges
exceptions before handing the export over), referrals, legal bases and
emergency accesses, their own ZRM assessments and consents, and who accessed
their data according to the audit trail (without the other persons of those
entries).
"""

from __future__ import annotations

import datetime
import json
import uuid

from django.db import transaction
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import render as render_template
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eenplan import audit
from eenplan.access import policy
from eenplan.access.actions import Action
from eenplan.accounts.models import User
from eenplan.assessments.models import Assessment, DomainScore, Level
from eenplan.audit.models import AuditEntry
from eenplan.cases.models import Case, Involvement
from eenplan.collaboration.models import JournalEntry, Referral
from eenplan.intake.models import Request, ScreeningScore
from eenplan.organisations.models import Membership, Team
from eenplan.people.models import HouseholdMember, Person
from eenplan.people.selectors import person_lookup
from eenplan.plans.models import Action as PlanAction
from eenplan.plans.models import Goal, GoalProgress, Plan
from eenplan.privacy.models import BreakGlass, Consent, LegalBasis

from .audit_selectors import concerning

FORMAT = "eenplan-inzage/1"
PURPOSE = "inzageverzoek"
LEGAL_BASIS = "AVG art. 15"

# What an audit action means, for the resident reading the export.
ACTION_LABELS = {
    "household.search": _("Searched for the household"),
    "household.view": _("Viewed the household"),
    "household.create": _("Registered the household"),
    "household.member_add": _("Added a member to the household"),
    "person.view": _("Viewed the person"),
    "person.export": _("Exported the person's data (request for access)"),
    "privacy.person_search": _("Searched for the person (request for access)"),
    "export_request.list": _("Listed the request for access in the register"),
    "export_request.new": _("Opened the form for a request for access"),
    "export_request.register": _("Registered a request for access"),
    "export_request.hand_over": _("Handed over the data export"),
    "request.register": _("Registered a request for help"),
    "request.view": _("Viewed a request for help"),
    "request.screen": _("Screened a request for help"),
    "request.triage": _("Triaged a request for help"),
    "case.open": _("Opened the case"),
    "case.view": _("Viewed the case"),
    "case.change_director": _("Changed the director of the case"),
    "case.intake": _("Recorded the intake"),
    "case.involve": _("Involved a professional in the case"),
    "case.involvement_end": _("Ended a professional's involvement"),
    "case.close": _("Closed the case"),
    "case.break_glass": _("Opened the case in an emergency (break the glass)"),
    "assessment.create": _("Recorded a ZRM assessment"),
    "plan.start": _("Started a plan version"),
    "plan.view": _("Viewed the plan"),
    "plan.goal_add": _("Added a goal to the plan"),
    "plan.goal_remove": _("Removed a goal from the plan"),
    "plan.action_add": _("Added an action to the plan"),
    "plan.action_remove": _("Removed an action from the plan"),
    "plan.agree": _("Agreed the plan"),
    "review.create": _("Reviewed the plan"),
    "journal.create": _("Wrote a report in the journal"),
    "referral.create": _("Sent a referral"),
    "referral.view": _("Viewed a referral"),
    "referral.accept": _("Accepted a referral"),
    "consent.record": _("Recorded consent"),
    "consent.withdraw": _("Withdrew consent"),
    "legal_basis.record": _("Recorded a legal basis"),
    "legal_basis.end": _("Ended a legal basis"),
    "audit.view": _("Looked at the audit trail"),
    "audit.export": _("Exported the audit trail"),
    "audit.person_search": _("Searched for the person in the audit trail"),
    "work.view": _("Listed the household on a work list"),
}


def person_search(
    *, actor, name: str = "", birth_date=None, bsn: str = ""
) -> list[Person]:
    """Persons matching every criterion given, for a request for access.

    The criteria arrive by POST only; the search and the persons it found
    are audited.
    """
    policy.require(actor, Action.PERSON_EXPORT)
    persons = person_lookup(name=name, birth_date=birth_date, bsn=bsn)
    audit.record(
        actor=actor,
        action=Action.PRIVACY_PERSON_SEARCH,
        persons=persons,
        purpose=PURPOSE,
        legal_basis=LEGAL_BASIS,
    )
    return persons


@transaction.atomic
def person_export(*, actor, person: Person, legal_basis: str = LEGAL_BASIS) -> dict:
    """Everything held about `person`; the export is audited.

    Made for a registered request only (`officer.requests.request_export`,
    which passes its legal ground). The audit entry is written first, so the
    export lists itself among the accesses, as the resident will see it.
    """
    policy.require(actor, Action.PERSON_EXPORT)
    audit.record(
        actor=actor,
        action=Action.PERSON_EXPORT,
        subject=person,
        persons=[person],
        purpose=PURPOSE,
        legal_basis=legal_basis,
    )
    return build(person, generated_by=actor.user)


# --- The builder ---------------------------------------------------------------


def _moment(value: datetime.datetime | None) -> datetime.datetime | None:
    """Local time to the second: the same text in the HTML and the JSON."""
    if value is None:
        return None
    return timezone.localtime(value).replace(microsecond=0)


def staff(user, organisation: bool = False) -> dict | None:
    if user is None:
        return None
    who = {"name": user.get_full_name() or user.username}
    if organisation:
        who["organisation"] = user.organisation.name if user.organisation else ""
    return who


def _name(obj) -> str:
    return str(obj) if obj is not None else ""


def _identity(person) -> dict:
    return {
        "uuid": str(person.uuid),
        "given_names": person.given_names,
        "family_name": person.family_name,
        "birth_date": person.birth_date,
        "bsn": person.bsn,
        "phone": person.phone,
        "email": person.email,
        "registered_at": _moment(person.created_at),
    }


def _households(memberships) -> list[dict]:
    return [
        {
            "uuid": str(m.household.uuid),
            "street": m.household.street,
            "house_number": m.household.house_number,
            "house_number_suffix": m.household.house_number_suffix,
            "postcode": m.household.postcode,
            "city": m.household.city,
            "team": m.household.team.name,
            "relation": str(m.get_relation_display()),
            "since": m.since,
            "until": m.until,
        }
        for m in memberships
    ]


def _screening(request) -> dict | None:
    screening = getattr(request, "screening", None)
    if screening is None:
        return None
    return {
        "screened_at": _moment(screening.screened_at),
        "screened_by": staff(screening.screened_by),
        "safety_concerns": screening.safety_concerns,
        "notes": screening.notes,
        "scores": [
            {"domain": s.domain.name, "level": s.level}
            for s in sorted(screening.scores.all(), key=lambda s: s.domain.position)
        ],
    }


def _triage(request) -> dict | None:
    triage = getattr(request, "triage", None)
    if triage is None:
        return None
    return {
        "decided_at": _moment(triage.decided_at),
        "decided_by": staff(triage.decided_by),
        "suggested_outcome": str(triage.get_suggested_outcome_display()),
        "outcome": str(triage.get_outcome_display()),
        "override_reason": triage.override_reason,
        "fired_rules": [
            {"name": rule.get("name", ""), "explanation": rule.get("explanation", "")}
            for rule in triage.fired_rules
        ],
        "target_team": _name(triage.target_team),
        "target_organisation": _name(triage.target_organisation),
    }


def _requests(requests) -> list[dict]:
    return [
        {
            "uuid": str(r.uuid),
            "received_on": r.received_on,
            "channel": str(r.get_channel_display()),
            "referrer": r.referrer,
            "question": r.question,
            "underlying_need": r.underlying_need,
            "status": str(r.get_status_display()),
            "team": r.team.name,
            "registered_by": staff(r.registered_by),
            "screening": _screening(r),
            "triage": _triage(r),
        }
        for r in requests
    ]


def _plan(plan) -> dict:
    review = getattr(plan, "review", None)
    return {
        "uuid": str(plan.uuid),
        "version": plan.version,
        "status": str(plan.get_status_display()),
        "created_by": staff(plan.created_by),
        "agreed_on": plan.agreed_on,
        "agreed_how": str(plan.get_agreed_how_display()) if plan.agreed_how else "",
        "agreed_with": plan.agreed_with,
        "next_review_due": plan.next_review_due,
        "goals": [
            {
                "domain": g.domain.name,
                "description": g.description,
                "target_level": g.target_level,
            }
            for g in plan.goals.all()
        ],
        "actions": [
            {
                "goal": a.goal.description if a.goal else "",
                "description": a.description,
                "performer_kind": str(a.get_performer_kind_display()),
                "performer": a.performer,
                "organisation": _name(a.organisation),
                "due_on": a.due_on,
            }
            for a in plan.actions.all()
        ],
        "review": None
        if review is None
        else {
            "held_on": review.held_on,
            "held_by": staff(review.held_by),
            "summary": review.summary,
            "progress": [
                {
                    "goal": p.goal.description,
                    "progress": str(p.get_progress_display()),
                    "note": p.note,
                }
                for p in review.progress.all()
            ],
        },
    }


def _case(case, parts) -> dict:
    intake = getattr(case, "intake", None)
    return {
        "uuid": str(case.uuid),
        "household": str(case.household.uuid),
        "team": case.team.name,
        "status": str(case.get_status_display()),
        "opened_on": case.opened_on,
        "closed_on": case.closed_on,
        "closure_reason": str(case.get_closure_reason_display())
        if case.closure_reason
        else "",
        "closure_note": case.closure_note,
        "director": staff(case.director, organisation=True),
        "involvements": [
            {
                "professional": staff(i.professional, organisation=True),
                "role": i.role,
                "reason": i.reason,
                "since": i.since,
                "until": i.until,
            }
            for i in parts["involvements"].get(case.pk, [])
        ],
        "intake": None
        if intake is None
        else {
            "held_on": intake.held_on,
            "conducted_by": staff(intake.conducted_by),
            "consent_answer": str(intake.get_consent_answer_display()),
            "underlying_need": intake.underlying_need,
            "notes": intake.notes,
        },
        "plans": [_plan(p) for p in parts["plans"].get(case.pk, [])],
        "journal": [
            {
                "written_on": e.written_on,
                "author": staff(e.author),
                "organisation": _name(e.organisation),
                "confidential": e.confidential,
                "text": e.text,
            }
            for e in parts["journal"].get(case.pk, [])
        ],
        "referrals": [
            {
                "uuid": str(r.uuid),
                "sent_at": _moment(r.created_at),
                "sent_by": staff(r.sent_by),
                "to_organisation": r.to_organisation.name,
                "question": r.question,
                "answer_by": r.answer_by,
                "status": str(r.get_status_display()),
                "answered_by": staff(r.answered_by),
                "answered_at": _moment(r.answered_at),
                "decline_reason": r.decline_reason,
                "advice": r.advice,
            }
            for r in parts["referrals"].get(case.pk, [])
        ],
        "legal_bases": [
            {
                "law": str(b.get_law_display()),
                "organisation": b.organisation.name,
                "categories": [c.name for c in b.categories.all()],
                "explanation": b.explanation,
                "valid_from": b.valid_from,
                "ended_on": b.ended_on,
                "recorded_by": staff(b.recorded_by),
            }
            for b in parts["legal_bases"].get(case.pk, [])
        ],
        "break_glass": [
            {
                "at": _moment(b.created_at),
                "user": staff(b.user, organisation=True),
                "reason": b.reason,
                "expires_at": _moment(b.expires_at),
                "reviewed_by": staff(b.reviewed_by),
                "reviewed_at": _moment(b.reviewed_at),
                "review_note": b.review_note,
            }
            for b in parts["break_glass"].get(case.pk, [])
        ],
    }


def _assessments(assessments, levels: dict[int, str]) -> list[dict]:
    return [
        {
            "uuid": str(a.uuid),
            "case": str(a.case.uuid) if a.case else "",
            "kind": str(a.get_kind_display()),
            "assessed_on": a.assessed_on,
            "assessor": staff(a.assessor),
            "scores": [
                {
                    "domain": s.domain.name,
                    "score": s.score,
                    "level": levels.get(s.score, ""),
                }
                for s in a.scores.all()
            ],
        }
        for a in assessments
    ]


def _consents(consents) -> list[dict]:
    return [
        {
            "uuid": str(c.uuid),
            "purpose": c.purpose,
            "organisations": [o.name for o in c.organisations.all()],
            "categories": [k.name for k in c.categories.all()],
            "given_on": c.given_on,
            "given_how": str(c.get_given_how_display()),
            "given_by": str(c.get_given_by_display()),
            "representative_name": c.representative_name,
            "recorded_by": staff(c.recorded_by),
            "withdrawn_on": c.withdrawn_on,
            "withdrawn_by": staff(c.withdrawn_by),
            "withdrawal_note": c.withdrawal_note,
        }
        for c in consents
    ]


def _role_label(role: str, teams: dict[str, str]) -> str:

    name, _sep, team = role.partition("@")
    label = str(Membership.Role(name).label) if name in Membership.Role.values else name
    return f"{label}, {teams.get(team, team)}" if team else label


def _accesses(entries, teams: dict[str, str]) -> list[dict]:

    functions = dict(User.Function.choices)
    rows = []
    for e in entries:
        if e.actor is not None:
            who = e.actor.get_full_name() or e.actor_username or e.actor.username
        else:
            who = e.actor_username or str(_("Eenplan (system)"))
        rows.append(
            {
                "at": _moment(e.at),
                "who": who,
                "organisation": e.organisation_name,
                "roles": [_role_label(r, teams) for r in e.roles],
                "function": str(functions.get(e.function, e.function))
                if e.function
                else "",
                "action": e.action,
                "description": str(ACTION_LABELS.get(e.action, e.action)),
                "outcome": str(e.get_outcome_display()),
                "purpose": e.purpose,
                "legal_basis": e.legal_basis,
                "break_glass": e.break_glass,
            }
        )
    return rows


def _by_case(rows) -> dict[int, list]:
    result: dict[int, list] = {}
    for row in rows:
        result.setdefault(row.case_id, []).append(row)
    return result


def build(person: Person, *, generated_by=None) -> dict:
    """Everything held about `person`, as plain values (no audit, no policy).

    One query per kind of record, whatever their number (about twenty).
    """

    memberships = list(
        HouseholdMember.objects.filter(person=person)
        .select_related("household__team")
        .order_by("since", "pk")
    )
    household_ids = {m.household_id for m in memberships}
    requests = list(
        Request.objects.filter(persons=person)
        .select_related(
            "team",
            "registered_by",
            "screening__screened_by",
            "triage__decided_by",
            "triage__target_team",
            "triage__target_organisation",
        )
        .prefetch_related(
            Prefetch(
                "screening__scores",
                queryset=ScreeningScore.objects.select_related("domain"),
            )
        )
        .order_by("received_on", "pk")
    )
    cases = list(
        Case.objects.filter(household_id__in=household_ids)
        .select_related(
            "household",
            "team",
            "director__organisation",
            "intake__conducted_by",
        )
        .order_by("opened_on", "pk")
    )
    case_ids = [c.pk for c in cases]
    parts = {
        "involvements": _by_case(
            Involvement.objects.filter(case_id__in=case_ids)
            .select_related("professional__organisation")
            .order_by("since", "pk")
        ),
        "plans": _by_case(
            Plan.objects.filter(case_id__in=case_ids)
            .select_related("created_by", "review__held_by")
            .prefetch_related(
                Prefetch("goals", queryset=Goal.objects.select_related("domain")),
                Prefetch(
                    "actions",
                    queryset=PlanAction.objects.select_related("goal", "organisation"),
                ),
                Prefetch(
                    "review__progress",
                    queryset=GoalProgress.objects.select_related("goal").order_by(
                        "goal__position", "pk"
                    ),
                ),
            )
            .order_by("version")
        ),
        "journal": _by_case(
            JournalEntry.objects.filter(case_id__in=case_ids)
            .select_related("author", "organisation")
            .order_by("written_on", "created_at")
        ),
        "referrals": _by_case(
            Referral.objects.filter(case_id__in=case_ids)
            .select_related("sent_by", "to_organisation", "answered_by")
            .order_by("created_at")
        ),
        "legal_bases": _by_case(
            LegalBasis.objects.filter(case_id__in=case_ids)
            .select_related("organisation", "recorded_by")
            .prefetch_related("categories")
            .order_by("valid_from", "created_at")
        ),
        "break_glass": _by_case(
            BreakGlass.objects.filter(case_id__in=case_ids)
            .select_related("user__organisation", "reviewed_by")
            .order_by("created_at")
        ),
    }
    assessments = list(
        Assessment.objects.filter(person=person)
        .select_related("assessor", "case")
        .prefetch_related(
            Prefetch(
                "scores",
                queryset=DomainScore.objects.select_related("domain").order_by(
                    "domain__position", "domain__code"
                ),
            )
        )
        .order_by("assessed_on", "created_at")
    )
    levels = dict(Level.objects.values_list("value", "name"))
    consents = list(
        Consent.objects.filter(person=person)
        .select_related("recorded_by", "withdrawn_by")
        .prefetch_related("organisations", "categories")
        .order_by("given_on", "created_at")
    )
    entries = list(
        concerning(AuditEntry.objects.select_related("actor"), person.pk).order_by(
            "-id"
        )
    )
    team_uuids = {r.split("@", 1)[1] for e in entries for r in e.roles if "@" in r}
    teams = (
        {
            str(team_uuid): name
            for team_uuid, name in Team.objects.filter(uuid__in=team_uuids).values_list(
                "uuid", "name"
            )
        }
        if team_uuids
        else {}
    )
    return {
        "format": FORMAT,
        "generated_at": _moment(timezone.now()),
        "generated_by": staff(generated_by, organisation=True),
        "person": _identity(person),
        "households": _households(memberships),
        "requests": _requests(requests),
        "cases": [_case(c, parts) for c in cases],
        "assessments": _assessments(assessments, levels),
        "consents": _consents(consents),
        "accesses": _accesses(entries, teams),
    }


# --- Rendering -----------------------------------------------------------------


class _Encoder(json.JSONEncoder):
    def default(self, o):
        if isinstance(o, datetime.datetime):
            return timezone.localtime(o).isoformat()
        if isinstance(o, datetime.date):
            return o.isoformat()
        if isinstance(o, uuid.UUID):
            return str(o)
        return super().default(o)


def to_json(data: dict) -> str:
    return json.dumps(data, cls=_Encoder, ensure_ascii=False, indent=2)


def render(
    request, data: dict, fmt: str = "html", context: dict | None = None
) -> HttpResponse:
    """The export as a printable HTML document, or (`fmt="json"`) a JSON download.

    The file is named after the request it answers (its reference), never the
    person."""
    if fmt == "json":
        response = HttpResponse(
            to_json(data), content_type="application/json; charset=utf-8"
        )
        stamp = data["generated_at"].strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = (
            f'attachment; filename="inzage-{data["request"]["uuid"]}-{stamp}.json"'
        )
        return response
    return render_template(
        request,
        "officer/person_export.html",
        {"data": data, "nav": "export", **(context or {})},
    )
