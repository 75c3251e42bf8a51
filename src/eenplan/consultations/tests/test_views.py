# SPDX-License-Identifier: EUPL-1.2
"""The consultation and escalation pages per role: who sees what of the file,
forms that refuse with a message, outcomes shared where the household reads."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from eenplan.access.tests.world import World
from eenplan.accounts.tests.factories import DirectorFactory
from eenplan.cases.tests.factories import CaseFactory
from eenplan.consultations.models import Consultation, Escalation, Outcome
from eenplan.core.once import new_token
from eenplan.plans.models import Plan

pytestmark = pytest.mark.django_db

QUESTION = "Wie pakt de schulden op?"


def _post(client, url, data):
    return client.post(url, {"_once": new_token(), **data})


def _login(client, world):
    client.force_login(world.user)
    return world


def _detail(client, world):
    return client.get(
        reverse("consultations:detail", kwargs={"uuid": world.consultation.uuid})
    ).content.decode()


@pytest.mark.parametrize(
    "actor", ["ext_consent", "ext_legal_basis", "director", "receiver"]
)
def test_a_participant_with_the_file_shared_sees_the_question(client, actor):
    """By relation, or by consent or a legal basis for their organisation: the
    receiving organisation has everyone's consent, without being on the case."""
    world = _login(client, World(actor))
    html = _detail(client, world)
    assert QUESTION in html
    assert world.case.household.address in html


@pytest.mark.parametrize("actor", ["ext_none", "ext_withdrawn", "stranger"])
def test_being_invited_is_no_key_to_the_file(client, actor):
    world = _login(client, World(actor))
    html = _detail(client, world)
    assert QUESTION not in html
    assert "not shared with your organisation" in html.lower() or (
        "niet gedeeld" in html.lower()
    )


def test_a_team_colleague_sees_the_basic_data_not_the_file(client):
    world = _login(client, World("colleague"))
    html = _detail(client, world)
    assert world.case.household.address in html
    assert QUESTION not in html


def test_someone_not_invited_gets_a_404(client):
    world = _login(client, World("desk"))
    response = client.get(
        reverse("consultations:detail", kwargs={"uuid": world.consultation.uuid})
    )
    assert response.status_code == 404


def test_a_team_leader_plans_a_consultation_on_the_page(client):
    world = _login(client, World("leader"))
    day = timezone.localdate() + datetime.timedelta(days=3)
    response = _post(
        client,
        reverse("consultations:new"),
        {
            "cases": [world.case.pk],
            "question": "Wat is nodig?",
            "date": day.strftime("%d-%m-%Y"),
            "time": "14:00",
            "chair": world.user.pk,
            "participants": [world.director.pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    consultation = Consultation.objects.latest("created_at")
    assert response["Location"] == reverse(
        "consultations:detail", kwargs={"uuid": consultation.uuid}
    )
    assert consultation.chair == world.user


def test_a_date_in_the_past_is_a_form_error(client):
    world = _login(client, World("leader"))
    response = _post(
        client,
        reverse("consultations:new"),
        {
            "cases": [world.case.pk],
            "date": "01-01-2020",
            "time": "14:00",
            "chair": world.user.pk,
        },
    )
    assert response.status_code == 200
    assert 'id="id_date_error"' in response.content.decode() or (
        "aria-invalid" in response.content.decode()
    )


def test_the_outcome_form_puts_the_action_in_the_plan_and_shares_it(client):
    world = _login(client, World("director"))
    due = timezone.localdate() + datetime.timedelta(days=7)
    url = reverse("consultations:outcome", kwargs={"uuid": world.agenda_item.uuid})
    response = _post(
        client,
        url,
        {
            "shared_picture": "Iedereen ziet de schulden groeien.",
            "decisions": "Schuldhulp start.",
            "director": world.director.pk,
            "a0_description": "Aanmelden bij schuldhulp",
            "a0_performer_kind": "professional",
            "a0_performer": "Schuldhulp Voorbeeld",
            "a0_due_on": due.strftime("%d-%m-%Y"),
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    draft = Plan.objects.get(case=world.case, status=Plan.Status.DRAFT)
    assert draft.actions.filter(description="Aanmelden bij schuldhulp").exists()
    # Shared with a participant who may read the file, and on the timeline.
    client.force_login(world.director)
    html = client.get(
        reverse("workspace:household", kwargs={"uuid": world.case.household.uuid})
    ).content.decode()
    assert "Schuldhulp start." in html
    html = client.get(
        reverse("plans:print", kwargs={"uuid": draft.uuid})
    ).content.decode()
    assert "Iedereen ziet de schulden groeien." in html
    assert "Aanmelden bij schuldhulp" in html
    # Shown once recorded, no second form.
    html = client.get(url).content.decode()
    assert "Iedereen ziet de schulden groeien." in html and "a0_description" not in html


def test_an_incomplete_action_is_a_form_error(client):
    world = _login(client, World("director"))
    url = reverse("consultations:outcome", kwargs={"uuid": world.agenda_item.uuid})
    response = _post(
        client,
        url,
        {
            "shared_picture": "Beeld",
            "decisions": "Besluit",
            "a0_description": "Iets doen",
        },
    )
    assert response.status_code == 200
    assert not Outcome.objects.filter(item=world.agenda_item).exists()
    assert "Iets doen" in response.content.decode()


def test_an_outcome_before_the_date_is_refused_with_a_message(client):
    world = _login(client, World("director"))
    Consultation.objects.filter(pk=world.consultation.pk).update(
        starts_at=timezone.now() + datetime.timedelta(days=1)
    )
    url = reverse("consultations:outcome", kwargs={"uuid": world.agenda_item.uuid})
    response = _post(client, url, {"shared_picture": "Beeld", "decisions": "Besluit"})
    assert response.status_code == 200
    assert not Outcome.objects.exists()


def test_a_participant_may_not_open_the_outcome_form(client):
    world = _login(client, World("ext_consent"))
    url = reverse("consultations:outcome", kwargs={"uuid": world.agenda_item.uuid})
    assert client.get(url).status_code == 403


def test_cancel_without_a_reason_shows_the_form_again(client):
    world = _login(client, World("director"))
    url = reverse("consultations:cancel", kwargs={"uuid": world.consultation.uuid})
    response = _post(client, url, {"reason": ""})
    assert response.status_code == 200
    world.consultation.refresh_from_db()
    assert world.consultation.is_planned


def test_an_involved_professional_escalates_and_an_open_one_is_refused(client):
    world = _login(client, World("involved"))
    Escalation.objects.all().delete()
    url = reverse("consultations:escalate", kwargs={"case_uuid": world.case.uuid})
    data = {"forum": world.forum.pk, "kind": "standstill", "question": "Stilstand."}
    response = _post(client, url, data)
    assert response.status_code == 302
    response = _post(client, url, data)
    assert response.status_code == 200
    assert Escalation.objects.count() == 1


def test_the_binding_decision_shows_on_the_case_page(client):
    world = _login(client, World("director"))
    Escalation.objects.filter(pk=world.escalation.pk).update(
        status="decided",
        decision="De GGZ neemt de regie over.",
        decided_on=timezone.localdate(),
    )
    html = client.get(
        reverse("workspace:case", kwargs={"uuid": world.case.uuid})
    ).content.decode()
    assert "binding-decision-1" in html and "De GGZ neemt de regie over." in html


def test_a_partner_without_the_file_does_not_read_the_decision(client):
    world = _login(client, World("ext_basis"))
    Escalation.objects.filter(pk=world.escalation.pk).update(
        status="decided",
        decision="De GGZ neemt de regie over.",
        decided_on=timezone.localdate(),
    )
    html = client.get(
        reverse("workspace:case", kwargs={"uuid": world.case.uuid})
    ).content.decode()
    assert "binding-decision-1" in html
    assert "De GGZ neemt de regie over." not in html


def test_my_work_lists_upcoming_consultations_and_escalations_waiting(client):
    world = _login(client, World("stranger"))
    Consultation.objects.filter(pk=world.consultation.pk).update(
        starts_at=timezone.now() + datetime.timedelta(days=2)
    )
    html = client.get(reverse("workspace:my_work")).content.decode()
    assert 'id="my-consultations"' in html
    assert 'id="escalations-waiting"' in html
    assert world.case.household.address not in html


def test_my_work_shows_the_oldest_escalations_and_says_more_wait(client):
    from eenplan.workspace.selectors import ESCALATIONS_SHOWN

    world = _login(client, World("stranger"))
    first = world.escalation
    for _ in range(ESCALATIONS_SHOWN):
        Escalation.objects.create(
            case=CaseFactory(household__team=first.case.team),
            forum=first.forum,
            raised_by=first.raised_by,
            kind=first.kind,
            question=first.question,
        )
    html = client.get(reverse("workspace:my_work")).content.decode()
    listed = html.split('id="escalations-waiting"', 1)[1].split("</ul>", 1)[0]
    assert listed.count("<li>") == ESCALATIONS_SHOWN
    assert str(first.uuid) in listed  # the oldest first
    assert 'id="escalations-more"' in html
    Escalation.objects.exclude(pk=first.pk).first().delete()
    html = client.get(reverse("workspace:my_work")).content.decode()
    assert 'id="escalations-more"' not in html


def test_a_forum_member_plans_the_meeting_and_decides(client):
    world = _login(client, World("leader"))
    day = timezone.localdate() + datetime.timedelta(days=1)
    response = _post(
        client,
        reverse("consultations:forum_meeting_new"),
        {
            "forum": world.forum.pk,
            "date": day.strftime("%d-%m-%Y"),
            "time": "10:00",
            "escalations": [world.escalation.pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    meeting = Consultation.objects.get(kind="escalation")
    Consultation.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    world.escalation.refresh_from_db()
    successor = DirectorFactory(team=world.team)
    response = _post(
        client,
        reverse("consultations:outcome", kwargs={"uuid": world.escalation.item.uuid}),
        {
            "shared_picture": "Vastgelopen tussen partners.",
            "decisions": "De nieuwe regisseur neemt het over.",
            "director": successor.pk,
            "household_told": "phone",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    world.case.refresh_from_db()
    world.escalation.refresh_from_db()
    assert world.case.director == successor
    assert world.escalation.status == "decided"


def test_the_household_reads_its_own_outcome_only(client):
    """Two households on one agenda: each timeline and print shows its own
    outcome, never the other household's, the participants or the question."""
    from eenplan.cases.tests.factories import CaseFactory
    from eenplan.consultations.models import AgendaItem
    from eenplan.plans.tests.factories import PlanFactory

    world = _login(client, World("director"))
    other = CaseFactory(household__team=world.team, director=world.director)
    item = AgendaItem.objects.create(
        consultation=world.consultation, case=other, question="Andere vraag"
    )
    Outcome.objects.create(
        item=item,
        shared_picture="Beeld van het andere huishouden.",
        decisions="Besluit voor het andere huishouden.",
        director=world.director,
        recorded_by=world.director,
    )
    Outcome.objects.create(
        item=world.agenda_item,
        shared_picture="Ons gedeelde beeld.",
        decisions="Ons besluit.",
        director=world.director,
        recorded_by=world.director,
    )
    html = client.get(
        reverse("workspace:household", kwargs={"uuid": world.case.household.uuid})
    ).content.decode()
    assert "Ons besluit." in html
    assert "andere huishouden" not in html
    plan = PlanFactory(case=world.case, goals=1, version=2)
    html = client.get(
        reverse("plans:print", kwargs={"uuid": plan.uuid})
    ).content.decode()
    assert "Ons gedeelde beeld." in html and "Ons besluit." in html
    assert "andere huishouden" not in html
    assert QUESTION not in html and str(other.household.address) not in html
