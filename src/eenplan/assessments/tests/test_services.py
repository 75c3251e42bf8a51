# SPDX-License-Identifier: EUPL-1.2
"""Recording a ZRM through the service, and the constraints behind it."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from eenplan.access.tests.actors import act
from eenplan.assessments import selectors, services
from eenplan.assessments.errors import (
    IncompleteAssessment,
    NotAnAdultMember,
    ScoreOutOfRange,
)
from eenplan.assessments.models import Assessment, DomainScore, Level, LifeDomain
from eenplan.assessments.tests.factories import AssessmentFactory, full_scores
from eenplan.audit.models import AuditEntry
from eenplan.cases.tests.factories import CaseFactory
from eenplan.core.errors import CaseClosed, PermissionDenied
from eenplan.people.models import HouseholdMember
from eenplan.people.tests.factories import HouseholdMemberFactory, PersonFactory

pytestmark = pytest.mark.django_db

# Factory adults are 19 or older today, so "today" keeps them adult.
TODAY = timezone.localdate()


def adult_of(case):
    return next(
        m.person
        for m in case.household.memberships.select_related("person")
        if m.person.is_adult_on(TODAY)
    )


def record(actor, case, person, scores, **kwargs):
    return services.assessment_record(
        actor=act(actor),
        case=case,
        person=person,
        kind=kwargs.pop("kind", Assessment.Kind.INTAKE),
        assessed_on=kwargs.pop("assessed_on", TODAY),
        scores=scores,
    )


def test_the_thirteen_zrm_domains_and_five_levels_are_loaded(life_domains):
    assert len(life_domains) == 13
    assert life_domains[0].code == "financien"
    assert life_domains[-1].code == "justitie"
    assert list(Level.objects.values_list("value", flat=True)) == [1, 2, 3, 4, 5]


def test_director_records_a_zrm_for_an_adult_member(director, open_case):
    person = adult_of(open_case)
    assessment = record(director, open_case, person, full_scores(3, financien=1))
    assert assessment.assessor == director
    assert assessment.case == open_case
    scores = {s.domain.code: s.score for s in assessment.scores.all()}
    assert len(scores) == 13
    assert scores["financien"] == 1
    assert scores["justitie"] == 3
    entry = AuditEntry.objects.get(action="assessment.create")
    assert entry.person_ids == [person.pk]
    assert entry.object_uuid == assessment.uuid


@pytest.mark.parametrize("bad", [0, 6, -1, True, 2.5, "3", None])
def test_a_score_outside_one_to_five_is_refused(director, open_case, bad):
    with pytest.raises(ScoreOutOfRange):
        record(director, open_case, adult_of(open_case), full_scores(3, justitie=bad))
    assert not Assessment.objects.exists()
    assert not DomainScore.objects.exists()


def test_a_zrm_with_a_missing_domain_is_refused(director, open_case):
    scores = full_scores(3)
    del scores[LifeDomain.objects.get(code="middelengebruik")]
    with pytest.raises(IncompleteAssessment):
        record(director, open_case, adult_of(open_case), scores)
    assert not Assessment.objects.exists()


def test_an_inactive_domain_need_not_be_scored(director, open_case):
    LifeDomain.objects.filter(code="justitie").update(active=False)
    scores = full_scores(3)
    assert "justitie" not in {d.code for d in scores}
    assessment = record(director, open_case, adult_of(open_case), scores)
    assert assessment.scores.count() == 12


def test_a_municipality_domain_becomes_required(director, open_case):
    LifeDomain.objects.create(code="opvoeden", name="Opvoeden", position=14)
    scores = {d: s for d, s in full_scores(3).items() if d.code != "opvoeden"}
    with pytest.raises(IncompleteAssessment):
        record(director, open_case, adult_of(open_case), scores)


def test_no_zrm_is_recorded_for_a_child(director, open_case):
    child = next(
        m.person
        for m in open_case.household.memberships.select_related("person")
        if not m.person.is_adult_on(TODAY)
    )
    with pytest.raises(NotAnAdultMember):
        record(director, open_case, child, full_scores(3))
    assert not Assessment.objects.exists()


def test_a_member_is_an_adult_from_their_eighteenth_birthday(director, open_case):
    eighteenth = TODAY - datetime.timedelta(days=10)  # since the case opened
    if eighteenth.month == 2 and eighteenth.day == 29:
        eighteenth -= datetime.timedelta(days=1)
    teen = PersonFactory(birth_date=eighteenth.replace(year=eighteenth.year - 18))
    HouseholdMemberFactory(
        household=open_case.household,
        person=teen,
        relation=HouseholdMember.Relation.CHILD,
    )
    with pytest.raises(NotAnAdultMember):
        record(
            director,
            open_case,
            teen,
            full_scores(3),
            assessed_on=eighteenth - datetime.timedelta(days=1),
        )
    assessment = record(
        director,
        open_case,
        teen,
        full_scores(3),
        assessed_on=eighteenth,
    )
    assert assessment.person == teen


def test_no_zrm_for_someone_outside_the_household(director, open_case):
    with pytest.raises(NotAnAdultMember):
        record(director, open_case, PersonFactory(), full_scores(3))


def test_no_zrm_for_someone_who_moved_out(director, open_case):
    person = adult_of(open_case)
    open_case.household.memberships.filter(person=person).update(
        until=TODAY - datetime.timedelta(days=1)
    )
    with pytest.raises(NotAnAdultMember):
        record(director, open_case, person, full_scores(3))


def test_a_professional_who_is_not_the_director_cannot_record_a_zrm(
    professional, open_case
):
    with pytest.raises(PermissionDenied):
        record(professional, open_case, adult_of(open_case), full_scores(3))


def test_no_zrm_is_added_to_a_closed_case(director, household):
    case = CaseFactory(household=household, director=director, closed=True)
    with pytest.raises(CaseClosed):
        record(director, case, adult_of(case), full_scores(3))


# Database constraints


@pytest.mark.parametrize("score", [0, 6])
def test_database_refuses_a_score_out_of_range(score, life_domains):
    assessment = AssessmentFactory(scores={})
    with pytest.raises(IntegrityError), transaction.atomic():
        DomainScore.objects.create(
            assessment=assessment, domain=life_domains[0], score=score
        )


def test_database_refuses_two_scores_for_one_domain(life_domains):
    assessment = AssessmentFactory(scores={life_domains[0]: 3})
    with pytest.raises(IntegrityError), transaction.atomic():
        DomainScore.objects.create(
            assessment=assessment, domain=life_domains[0], score=4
        )


def test_database_refuses_a_level_outside_one_to_five():
    with pytest.raises(IntegrityError), transaction.atomic():
        Level.objects.create(value=6, name="Meer dan volledig")


# The radar chart


def test_zrm_charts_show_each_persons_assessments_oldest_first(
    director, open_case, life_domains
):
    person = adult_of(open_case)
    record(
        director,
        open_case,
        person,
        full_scores(2),
        assessed_on=TODAY - datetime.timedelta(days=42),
    )
    record(
        director,
        open_case,
        person,
        full_scores(4, financien=3),
        kind=Assessment.Kind.REVIEW,
        assessed_on=TODAY,
    )
    [chart] = selectors.zrm_charts(
        actor=act(director), case=open_case, persons=[person]
    )
    assert chart["person"] == person
    assert chart["labels"] == [d.name for d in life_domains]
    first, second = chart["series"]
    assert first["scores"] == [2] * 13
    assert second["scores"][0] == 3
    assert second["scores"][1:] == [4] * 12


def test_zrm_charts_leave_out_persons_whose_zrm_may_not_flow_to_the_user(
    director, open_case, other_team
):
    from eenplan.accounts.tests.factories import ProfessionalFactory
    from eenplan.cases.models import Involvement
    from eenplan.organisations.tests.factories import OrganisationFactory
    from eenplan.privacy.models import DataCategory, LegalBasis

    partner = OrganisationFactory(name="GGZ Voorbeeld", kind="mental_health")
    outsider = ProfessionalFactory(team=other_team, organisation=partner)
    Involvement.objects.create(case=open_case, professional=outsider, role="GGZ")
    basis = LegalBasis.objects.create(
        case=open_case,
        law=LegalBasis.Law.WMO,
        organisation=partner,
        explanation="Wmo-taak",
        recorded_by=director,
    )
    basis.categories.set(DataCategory.objects.filter(code="hulpvraag-plan"))
    person = adult_of(open_case)
    assert (
        selectors.zrm_charts(actor=act(outsider), case=open_case, persons=[person])
        == []
    )
    basis.categories.add(DataCategory.objects.get(code="zrm"))
    outsider.__dict__.pop("_eenplan_relations", None)
    charts = selectors.zrm_charts(actor=act(outsider), case=open_case, persons=[person])
    assert [c["person"] for c in charts] == [person]


def test_the_default_assessment_date_is_today(director, open_case):
    assessment = AssessmentFactory(person=adult_of(open_case), case=open_case)
    assert assessment.assessed_on == timezone.localdate()
