# SPDX-License-Identifier: EUPL-1.2
"""Accounts and work for `make bench` on a generated municipality: `bench_prepare`.

The benchmark logs in as staff users of each role through the real two steps
(password, then a TOTP code), so this gives a few generated users of each
role a password and a confirmed TOTP device, and writes what each may work
on: a director's open cases and the drafts waiting for agreement, a partner
professional's cases and the referrals waiting for their answer, a front
desk's households and what it searches for, persons for the privacy
officer's audit search. Writes that use something up (agreeing a draft,
answering a referral) get a supply made through the real services, so the
audit trail records them like any other write.

Refused on production settings, like the generator: nothing here may ever
touch real residents' data or real staff accounts.
"""

from __future__ import annotations

import datetime
import random
import secrets

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from eenplan.access.actor import for_user
from eenplan.accounts.models import User
from eenplan.cases.models import Case, Involvement
from eenplan.collaboration import services as collaboration_services
from eenplan.collaboration.models import Referral
from eenplan.organisations.models import IntakePoint, Membership, Organisation
from eenplan.people.domain import NAME_FRAGMENT_MIN
from eenplan.people.models import Household, HouseholdMember, Person
from eenplan.plans import services as plan_services
from eenplan.plans.models import Assignment, Plan
from eenplan.privacy import services as privacy_services
from eenplan.privacy.models import DataCategory

from .municipality import ProductionDatabase
from .privacy_story import GIVER

ROLES = ("director", "partner", "front_desk", "leader", "officer")
ADULT = ("parent", "partner", "other")
SAMPLE = 40  # households, cases or persons per account to spread the work over


def prepare(*, accounts: int, supply: int, seed: int = 1) -> dict:
    """`accounts` staff users per role, with `supply` drafts or referrals each."""
    from django.conf import settings

    if getattr(settings, "EENPLAN_PRODUCTION", False):
        raise ProductionDatabase()
    rng = random.Random(seed)  # noqa: S311 (synthetic work, not a secret)
    password = secrets.token_urlsafe(16)
    hashed = make_password(password)
    today = timezone.localdate()
    with transaction.atomic():
        plan = {
            "director": _directors(rng, accounts, supply, today),
            "partner": _partners(rng, accounts, supply, today),
            "front_desk": _desks(rng, accounts),
            "leader": _leaders(rng, accounts, supply),
            "officer": _officers(rng, accounts),
        }
        keys: dict[str, dict] = {}  # a small town's users can have two roles
        for role in ROLES:
            for account in plan[role]:
                name = account["username"]
                keys[name] = keys.get(name) or _login(name, hashed)
                account.update(keys[name])
    from eenplan.assessments.models import LifeDomain

    domains = list(
        LifeDomain.objects.filter(active=True)
        .order_by("position")
        .values_list("code", flat=True)
    )
    return {
        "password": password,
        "today": today.isoformat(),
        "domains": domains,
        "accounts": plan,
    }


def _login(username: str, hashed: str) -> dict:
    """The password and a fresh, confirmed TOTP device; returns its key."""
    user = User.objects.get(username=username)
    user.password = hashed
    user.is_active = True
    user.save(update_fields=["password", "is_active"])
    TOTPDevice.objects.filter(user=user).delete()
    device = TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
    return {"totp_key": device.key}


def _adults(household_ids) -> dict[int, list[Person]]:
    adults: dict[int, list[Person]] = {}
    for member in HouseholdMember.objects.filter(
        household_id__in=household_ids, until__isnull=True, relation__in=ADULT
    ).select_related("person"):
        adults.setdefault(member.household_id, []).append(member.person)
    return adults


def _directors(rng, accounts: int, supply: int, today) -> list[dict]:
    """Directors with a usual caseload; a review on `supply` of their cases
    leaves the next plan version as a draft for the benchmark to agree."""
    ranked = list(
        User.objects.filter(directed_cases__status=Case.Status.OPEN)
        .annotate(n=Count("directed_cases"))
        .filter(n__gte=5)
        .order_by("username")
        .values_list("username", flat=True)
    )
    chosen = rng.sample(ranked, min(accounts, len(ranked)))
    result = []
    for username in sorted(chosen):
        user = User.objects.get(username=username)
        actor = for_user(user)
        cases = list(
            Case.objects.open()
            .filter(director=user)
            .select_related("household", "team")
            .order_by("opened_on")[:SAMPLE]
        )
        adults = _adults([c.household_id for c in cases])
        # Drafts left by an earlier run count first; reviews make the rest.
        drafts = [
            str(uuid)
            for uuid in Plan.objects.filter(
                case__in=cases, status=Plan.Status.DRAFT
            ).values_list("uuid", flat=True)
        ]
        current = (
            Plan.objects.filter(
                case__in=cases, status=Plan.Status.AGREED, review__isnull=True
            )
            .prefetch_related("goals")
            .order_by("case__opened_on")
        )
        for plan in current[: max(0, supply - len(drafts))]:
            draft = plan_services.review_record(
                actor=actor,
                plan=plan,
                held_on=today,
                summary="Besproken aan tafel (benchmark).",
                progress={goal: ("on_track", "") for goal in plan.goals.all()},
            )
            drafts.append(str(draft.uuid))
        result.append(
            {
                "username": username,
                "cases": [
                    {
                        "case": str(c.uuid),
                        "household": str(c.household.uuid),
                        "person": str(adults[c.household_id][0].uuid),
                    }
                    for c in cases
                    if adults.get(c.household_id)
                ],
                "drafts": drafts,
                # The area the director looks in on the social map.
                "team": str(cases[0].team.uuid) if cases else "",
            }
        )
    return result


REFERRAL_QUESTION = "Wilt u aansluiten bij het plan? (benchmark)"


def _consent_for(case, organisation, today) -> None:
    """Every member of the household consents to sharing everything with the
    organisation, recorded by the case's director (the privacy service's
    rules on who decides at which age apply)."""
    actor = for_user(case.director)
    categories = list(DataCategory.objects.all())
    for person in case.household.members():
        privacy_services.consent_record(
            actor=actor,
            person=person,
            organisations=[organisation],
            categories=categories,
            purpose="Samen één plan (benchmark)",
            given_on=today,
            given_how="written",
            given_by=GIVER[privacy_services.who_decides(person, today)],
            representative_name="Ouder (benchmark)",
        )


def _decline_earlier_supply(receiver, point) -> None:
    """An earlier run's referrals that its load left unanswered are declined
    by the receiver, through the service: one open referral per organisation
    and case, so they would otherwise use up the cases a new supply needs."""
    actor = for_user(receiver)
    for referral in Referral.objects.filter(
        to_organisation=point.organisation,
        case__team=point.team,
        status=Referral.Status.SENT,
        question=REFERRAL_QUESTION,
    ).select_related("case"):
        collaboration_services.referral_answer(
            actor=actor,
            referral=referral,
            accept=False,
            decline_reason="Vervangen door een nieuwe benchmark.",
            advice="Geen: een benchmark.",
        )


def _partners(rng, accounts: int, supply: int, today) -> list[dict]:
    """Partner professionals at a referral intake who are also at the table
    in open cases; referrals sent to their intake wait for their answer."""
    points = list(
        IntakePoint.objects.annotate(n=Count("staff"))
        .filter(n__gt=0)
        .select_related("organisation", "team")
        .order_by("team__name", "organisation__name")
    )
    rng.shuffle(points)
    result = []
    for point in points:
        if len(result) == accounts:
            break
        receiver = point.staff.order_by("username").first()
        _decline_earlier_supply(receiver, point)
        involved = list(
            Involvement.objects.filter(
                professional=receiver,
                until__isnull=True,
                case__status=Case.Status.OPEN,
            ).values_list("case__uuid", flat=True)[:SAMPLE]
        )
        # Open cases of the team without a referral still open to the
        # organisation (one per organisation and case), whose consent lets the
        # case file flow to it: what a referral may rest on. Where too few
        # households consented, the director records their consent through
        # the privacy service, as at a kitchen table.
        waiting = Referral.objects.filter(
            case=OuterRef("pk"),
            to_organisation=point.organisation,
            status=Referral.Status.SENT,
        )
        candidates = list(
            Case.objects.open()
            .filter(team=point.team)
            .exclude(director=receiver)
            .exclude(Exists(waiting))
            .select_related("director", "team", "household")
            .order_by("opened_on", "pk")[:400]
        )
        shared = [
            c
            for c in candidates
            if collaboration_services.shares_case_file(c, point.organisation)
        ]
        for case in candidates:
            if len(shared) >= supply:
                break
            if case not in shared:
                _consent_for(case, point.organisation, today)
                shared.append(case)
        if not involved or not shared:
            continue
        referrals = []
        for case in shared[:supply]:  # up to `supply`, each on a case of its own
            referral = collaboration_services.referral_send(
                actor=for_user(case.director),
                case=case,
                to_organisation=point.organisation,
                question=REFERRAL_QUESTION,
                reason="Schulden lopen op (benchmark)",
                answer_by=today + datetime.timedelta(days=10),
            )
            referrals.append(str(referral.uuid))
        assignments = list(
            Assignment.objects.filter(
                professional=receiver, case__status=Case.Status.OPEN
            ).values_list("uuid", flat=True)[:SAMPLE]
        )
        result.append(
            {
                "username": receiver.username,
                "cases": [str(u) for u in involved],
                "referrals": referrals,
                "assignments": [str(u) for u in assignments],
            }
        )
    return result


def _desks(rng, accounts: int) -> list[dict]:
    """Front desks: households of their team to register requests for, and
    what they search for (a name fragment, an address, a BSN)."""
    desks = list(
        Membership.objects.filter(role="front_desk")
        .order_by("team__name", "user__username")
        .values_list("user__username", "team_id")
    )
    chosen = sorted(rng.sample(desks, min(accounts, len(desks))))
    result = []
    for username, team_id in chosen:
        ids = list(
            Household.objects.filter(team_id=team_id).values_list("pk", flat=True)
        )
        sample = rng.sample(ids, min(SAMPLE, len(ids)))
        households = list(Household.objects.filter(pk__in=sample).order_by("pk"))
        adults = _adults(sample)
        _fill_queue(username, team_id, households, adults)
        persons = list(
            HouseholdMember.objects.filter(household_id__in=sample, until__isnull=True)
            .order_by("person_id")
            .values_list("person__family_name", "person__bsn")
        )
        result.append(
            {
                "username": username,
                "households": [
                    [str(h.uuid), adults[h.pk][0].pk]
                    for h in households
                    if h.pk in adults
                ],
                # The first four letters of a family name; the search asks
                # for three at least (people.domain.NAME_FRAGMENT_MIN).
                "names": sorted(
                    {
                        n.split()[-1][:4].lower()
                        for n, _b in persons
                        if len(n.split()[-1]) >= NAME_FRAGMENT_MIN
                    }
                ),
                "addresses": [[h.postcode, h.house_number] for h in households],
                "bsns": [bsn for _n, bsn in persons if bsn],
            }
        )
    return result


QUEUE = 100  # requests waiting for triage in a bench desk's team: a full list


def _fill_queue(username, team_id, households, adults) -> None:
    """Register requests (through the service) until the team's triage queue
    holds QUEUE of them, so "the triage queue" is a list of a hundred."""
    from eenplan.intake import services as intake_services
    from eenplan.intake.models import Request

    waiting = Request.objects.filter(
        team_id=team_id,
        status__in=(Request.Status.AWAITING_TRIAGE, Request.Status.RETURNED),
    ).count()
    actor = for_user(User.objects.get(username=username))
    households = [h for h in households if adults.get(h.pk)]
    for i in range(max(0, QUEUE - waiting)):
        household = households[i % len(households)]
        intake_services.request_register(
            actor=actor,
            household=household,
            channel="phone",
            question="Ik wil graag hulp bij mijn administratie (benchmark).",
            persons=adults[household.pk][:1],
        )


def _leaders(rng, accounts: int, supply: int) -> list[dict]:
    """Team leaders, each with integral requests of their team waiting for a
    director (registered, screened and triaged through the services): opening
    a case on one uses it up."""
    from eenplan.assessments.models import LifeDomain
    from eenplan.intake import services as intake_services
    from eenplan.intake.models import Outcome

    domains = list(LifeDomain.objects.filter(active=True))
    leaders = list(
        Membership.objects.filter(role="team_leader")
        .select_related("user", "team")
        .order_by("team__name")[:accounts]
    )
    result = []
    for membership in leaders:
        actor = for_user(membership.user)
        free = list(
            Household.objects.filter(team=membership.team)
            .exclude(cases__status=Case.Status.OPEN)
            .order_by("pk")
            .values_list("pk", flat=True)[:5000]
        )
        chosen = rng.sample(free, min(supply, len(free)))
        adults = _adults(chosen)
        waiting = []
        for household in Household.objects.filter(pk__in=chosen).order_by("pk"):
            request = intake_services.request_register(
                actor=actor,
                household=household,
                channel="phone",
                question="Wij lopen op meerdere gebieden vast (benchmark).",
                persons=adults.get(household.pk, [])[:1],
            )
            intake_services.screening_record(
                actor=actor,
                request=request,
                levels={d: 2 for d in domains},
                safety_concerns=False,
            )
            intake_services.triage_decide(
                actor=actor,
                request=request,
                outcome=Outcome.INTEGRAL,
                override_reason="Meerdere leefgebieden (benchmark).",
            )
            waiting.append(str(request.uuid))
        director = (
            Membership.objects.filter(team=membership.team, can_direct=True)
            .order_by("user_id")
            .values_list("user_id", flat=True)
            .first()
        )
        from eenplan.consultations.models import Consultation

        consultations = [
            str(u)
            for u in Consultation.objects.filter(team=membership.team)
            .order_by("starts_at")
            .values_list("uuid", flat=True)
        ]
        result.append(
            {
                "username": membership.user.username,
                "requests": waiting,
                "director": director,
                "consultations": consultations,
                "team": str(membership.team.uuid),
            }
        )
    return result


def _officers(rng, accounts: int) -> list[dict]:
    """Privacy officers (the generator makes none) and persons whose audit
    trail they look up."""
    municipality = Organisation.objects.filter(
        kind=Organisation.Kind.MUNICIPALITY
    ).first()
    ids = list(
        Case.objects.filter(Q(status=Case.Status.OPEN) | Q(status=Case.Status.CLOSED))
        .order_by("pk")
        .values_list("household_id", flat=True)[:20_000]
    )
    households = rng.sample(ids, min(SAMPLE * accounts, len(ids)))
    persons = list(
        HouseholdMember.objects.filter(household_id__in=households, relation__in=ADULT)
        .order_by("person_id")
        .values_list("person__uuid", flat=True)
    )
    result = []
    for i in range(accounts):
        user, _created = User.objects.get_or_create(
            username=f"bench-officer-{i:02d}",
            defaults={
                "first_name": "Privacy",
                "last_name": f"Officer {i}",
                "organisation": municipality,
                "function": User.Function.PRIVACY_OFFICER,
            },
        )
        result.append(
            {
                "username": user.username,
                "persons": [str(p) for p in persons[i::accounts][:SAMPLE]],
            }
        )
    return result
