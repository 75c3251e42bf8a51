# SPDX-License-Identifier: EUPL-1.2
"""The privacy part of the demo: consent, a legal basis, reports, a referral,
a withdrawal and one break-the-glass, all through the real services.

So that a newcomer logged in as the privacy officer finds who opened a
household's case and why, and a partner professional sees what consent allows.
Who takes part and what they write is `stories/privacy.toml`.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from eenplan.access.actor import for_user as as_actor
from eenplan.cases import selectors as case_selectors
from eenplan.cases import services as case_services
from eenplan.cases.models import Case
from eenplan.collaboration import services as collaboration_services
from eenplan.demo.content import load_stories
from eenplan.organisations.models import Organisation
from eenplan.privacy import services as privacy_services
from eenplan.privacy.models import DataCategory, LegalBasis

GIVER = {"parents": "representative", "child_and_parents": "both", "child": "person"}
SHARED = ("basis", "hulpvraag-plan", "zrm", "rapportage")


def _consent_all(case, actor, organisation, categories, on):
    story = load_stories().privacy
    consents = []
    for person in case.household.members():
        giver = GIVER[privacy_services.who_decides(person, on)]
        consents.append(
            privacy_services.consent_record(
                actor=as_actor(actor),
                person=person,
                organisations=[organisation],
                categories=categories,
                purpose=story.consent_purpose,
                given_on=on,
                given_how="written",
                given_by=giver,
                representative_name=(
                    "" if giver == "person" else story.representative_name
                ),
            )
        )
    return consents


def add_privacy_story(users: dict, today: datetime.date | None = None) -> dict:
    """Add the privacy story to the open cases of the demo; returns what it made."""
    today = today or timezone.localdate()
    stories = load_stories()
    story, organisations = stories.privacy, stories.municipality.organisations
    categories = list(DataCategory.objects.filter(code__in=SHARED))
    ggz = Organisation.objects.get(name=organisations[story.partner].name)
    youth = Organisation.objects.get(
        name=organisations[story.legal_basis_organisation].name
    )
    debt = Organisation.objects.get(
        name=organisations[story.referral_organisation].name
    )
    ggz_professional = users[story.partner_professional]
    cases = list(
        Case.objects.open()
        .filter(intake__isnull=False)
        .select_related("household", "director")
        .order_by("opened_on", "pk")
    )
    made = {"consented": [], "withdrawn": None, "basis": None, "break_glass": None}
    for index, case in enumerate(cases[:6]):
        director = case.director
        collaboration_services.journal_add(
            actor=as_actor(director),
            case=case,
            text=story.home_visit,
        )
        if index < 3:
            # Consent for GGZ: the partner professional joins and may read.
            _consent_all(case, director, ggz, categories, today)
            case_services.involvement_add(
                actor=as_actor(director),
                case=case,
                professional=ggz_professional,
                role=story.partner_role,
                reason=story.partner_reason,
            )
            collaboration_services.journal_add(
                actor=as_actor(ggz_professional),
                case=case,
                text=story.partner_report,
                confidential=True,
            )
            made["consented"].append(case)
        elif index == 3:
            # Consent given, then withdrawn: GGZ no longer sees anything.
            consents = _consent_all(case, director, ggz, categories, today)
            privacy_services.consent_withdraw(
                actor=as_actor(director),
                consent=consents[0],
                asked_by=str(consents[0].person),
                asked_on=today,
                note=story.withdrawal_note,
            )
            made["withdrawn"] = case
        elif index == 4:
            made["basis"] = privacy_services.legal_basis_record(
                actor=as_actor(director),
                case=case,
                law=LegalBasis.Law.JEUGDWET,
                organisation=youth,
                categories=categories[:2],
                explanation=story.legal_basis_explanation,
            )
        elif index == 5:
            _consent_all(case, director, debt, categories[:2], today)
            collaboration_services.referral_send(
                actor=as_actor(director),
                case=case,
                to_organisation=debt,
                question=story.referral_question,
                reason=story.referral_reason,
                answer_by=today + datetime.timedelta(days=10),
            )
    # A colleague in the team, without a relation, breaks the glass on one case.
    colleague = users[story.colleague]
    for case in cases:
        if case.team.memberships.filter(user=colleague).exists() and not (
            case.director_id == colleague.pk
            or case.involvements.filter(professional=colleague).exists()
        ):
            made["break_glass"] = privacy_services.break_glass_open(
                actor=as_actor(colleague),
                case=case,
                reason=story.break_glass_reason,
            )
            case_selectors.case_get(actor=as_actor(colleague), uuid=case.uuid)
            break
    return made
