# SPDX-License-Identifier: EUPL-1.2
"""Hand-overs (overdracht): a director change with a note and the household
told, a place at the table, and an absence that hands over all work at once."""

import datetime

import pytest
from django.utils import timezone

from eenplan.access.tests.actors import act
from eenplan.accounts.tests.factories import DirectorFactory, ProfessionalFactory
from eenplan.audit.models import AuditEntry
from eenplan.cases import services
from eenplan.cases.errors import (
    AlreadyInvolved,
    EveryCaseNeedsADirector,
    HandoverNeedsNote,
    HouseholdNotTold,
    NotADirector,
    SameProfessional,
)
from eenplan.cases.models import Case, Handover, Involvement
from eenplan.cases.tests.factories import CaseFactory, InvolvementFactory
from eenplan.core.errors import DateOutOfRange, InvalidChoice, PermissionDenied
from eenplan.inbox.models import Notification
from eenplan.organisations.models import Absence
from eenplan.people.tests.factories import HouseholdFactory
from eenplan.plans.models import Assignment

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
NOTE = "Het gezin wil graag op dinsdag bellen; de schuldhulp loopt."


def change(actor, case, director, **kwargs):
    fields = {"note": NOTE, "household_told": "letter", "lock_version": None}
    fields.update(kwargs)
    return services.case_change_director(
        actor=act(actor), case=case, director=director, **fields
    )


def test_a_director_change_is_a_hand_over_with_note_and_household_told(
    team, team_leader, open_case
):
    previous = open_case.director
    successor = DirectorFactory(team=team)
    change(team_leader, open_case, successor)
    handover = Handover.objects.get(case=open_case)
    assert (handover.kind, handover.from_user, handover.to_user) == (
        Handover.Kind.DIRECTOR,
        previous,
        successor,
    )
    assert handover.note == NOTE and handover.household_told == "letter"
    told = Notification.objects.get(recipient=successor)
    assert told.kind == Notification.Kind.HANDOVER
    assert told.url == f"/cases/{open_case.uuid}/"


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"note": "  "}, HandoverNeedsNote),
        ({"household_told": ""}, HouseholdNotTold),
        ({"household_told": "pigeon"}, HouseholdNotTold),
    ],
)
def test_a_director_change_needs_a_note_and_how_the_household_is_told(
    team, team_leader, open_case, fields, error
):
    with pytest.raises(error):
        change(team_leader, open_case, DirectorFactory(team=team), **fields)
    assert not Handover.objects.exists()
    open_case.refresh_from_db()
    assert open_case.lock_version == 0


def test_a_case_is_not_handed_to_its_own_director_or_a_non_director(
    team_leader, professional, open_case
):
    with pytest.raises(SameProfessional):
        change(team_leader, open_case, open_case.director)
    with pytest.raises(NotADirector):
        change(team_leader, open_case, professional)


def test_the_new_director_leaves_their_seat_at_the_table(team, team_leader, open_case):
    successor = DirectorFactory(team=team)
    InvolvementFactory(case=open_case, professional=successor)
    change(team_leader, open_case, successor)
    assert not open_case.involvements.filter(
        professional=successor, until__isnull=True
    ).exists()


def test_a_place_at_the_table_is_handed_over_in_the_same_role(
    team, director, open_case
):
    leaving = InvolvementFactory(case=open_case, role="jongerenwerker")
    InvolvementFactory(case=open_case)  # a full table: no reason is asked
    successor = ProfessionalFactory(team=team)
    new = services.involvement_hand_over(
        actor=act(director), involvement=leaving, to=successor, note=NOTE
    )
    leaving.refresh_from_db()
    assert leaving.until == TODAY
    assert (new.professional, new.role) == (successor, "jongerenwerker")
    assert Handover.objects.get(kind="involvement").to_user == successor
    with pytest.raises(InvalidChoice):  # that place has gone already
        services.involvement_hand_over(
            actor=act(director), involvement=leaving, to=successor, note=NOTE
        )


def test_a_place_is_not_handed_to_someone_at_the_table(team, director, open_case):
    leaving, staying = (
        InvolvementFactory(case=open_case),
        InvolvementFactory(case=open_case),
    )
    with pytest.raises(AlreadyInvolved):
        services.involvement_hand_over(
            actor=act(director),
            involvement=leaving,
            to=staying.professional,
            note=NOTE,
        )


@pytest.fixture
def absent(team):
    """A director of the team with two cases, a place at a third table and an
    action assigned to them."""
    person = DirectorFactory(team=team)
    cases = [
        CaseFactory(household=HouseholdFactory(team=team), director=person)
        for _ in range(2)
    ]
    third = CaseFactory(household=HouseholdFactory(team=team))
    involvement = InvolvementFactory(case=third, professional=person)
    assignment = Assignment.objects.create(
        case=third,
        organisation=person.organisation,
        professional=person,
        assigned_by=third.director,
        due_on=TODAY,
        status=Assignment.Status.ACCEPTED,
    )
    return person, cases, involvement, assignment


def register(leader, team, person, handovers, **kwargs):
    fields = {
        "starts_on": TODAY,
        "ends_on": TODAY + datetime.timedelta(days=14),
        "reason": Absence.Reason.ILLNESS,
    }
    fields.update(kwargs)
    return services.absence_register(
        actor=act(leader),
        team=team,
        professional=person,
        handovers=handovers,
        **fields,
    )


def test_an_absence_hands_over_all_work_in_one_go(team, team_leader, absent):
    person, cases, involvement, assignment = absent
    a, b = DirectorFactory(team=team), DirectorFactory(team=team)
    colleague = ProfessionalFactory(team=team, organisation=person.organisation)
    absence = register(
        team_leader,
        team,
        person,
        {
            f"case-{cases[0].uuid}": (a, "Zaak 1", "phone"),
            f"case-{cases[1].uuid}": (b, "Zaak 2", "letter"),
            f"inv-{involvement.uuid}": (colleague, "Aan tafel", ""),
            f"act-{assignment.uuid}": (colleague, "Actie loopt", ""),
        },
    )
    assert [Case.objects.get(pk=c.pk).director for c in cases] == [a, b]
    assert Involvement.objects.get(
        case=involvement.case, until__isnull=True, professional=colleague
    )
    assignment.refresh_from_db()
    assert assignment.professional == colleague
    assert assignment.status == Assignment.Status.ACCEPTED  # the work goes on
    assert set(absence.handovers.values_list("kind", flat=True)) == {
        "director",
        "involvement",
        "action",
    }
    assert absence.handovers.count() == 4
    assert AuditEntry.objects.filter(action="absence.register").count() == 1


def test_an_absence_without_a_director_for_every_case_changes_nothing(
    team, team_leader, absent
):
    person, cases, _involvement, _assignment = absent
    with pytest.raises(EveryCaseNeedsADirector):
        register(
            team_leader,
            team,
            person,
            {f"case-{cases[0].uuid}": (DirectorFactory(team=team), "x", "phone")},
        )
    assert not Absence.objects.exists() and not Handover.objects.exists()
    assert all(Case.objects.get(pk=c.pk).director == person for c in cases)


def test_one_bad_hand_over_undoes_the_whole_absence(team, team_leader, absent):
    person, cases, *_rest = absent
    with pytest.raises(HandoverNeedsNote):
        register(
            team_leader,
            team,
            person,
            {
                f"case-{cases[0].uuid}": (DirectorFactory(team=team), "Goed", "phone"),
                f"case-{cases[1].uuid}": (DirectorFactory(team=team), " ", "phone"),
            },
        )
    assert not Absence.objects.exists()
    assert Case.objects.get(pk=cases[0].pk).director == person


def test_only_the_team_leader_registers_an_absence(team, director, absent):
    person, *_rest = absent
    with pytest.raises(PermissionDenied):
        register(director, team, person, {})


def test_an_absence_is_for_a_member_of_the_team(team, other_team, team_leader):
    with pytest.raises(InvalidChoice):
        register(team_leader, team, ProfessionalFactory(team=other_team), {})


def test_absence_dates_make_sense(team, team_leader):
    person = ProfessionalFactory(team=team)
    with pytest.raises(DateOutOfRange):
        register(
            team_leader, team, person, {}, starts_on=TODAY - datetime.timedelta(days=60)
        )
    with pytest.raises(DateOutOfRange):
        register(
            team_leader, team, person, {}, ends_on=TODAY - datetime.timedelta(days=1)
        )
    absence = register(team_leader, team, person, {}, ends_on=None)
    assert absence.ends_on is None
