# SPDX-License-Identifier: EUPL-1.2
"""Reports are corrected by a new version, never changed (issue 11, part 1)."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from eenplan.access.actions import Action
from eenplan.access.actor import for_user as act
from eenplan.access.errors import Hidden, Refused
from eenplan.accounts.tests.factories import ProfessionalFactory
from eenplan.audit.models import AuditEntry
from eenplan.cases.tests.factories import CaseFactory, InvolvementFactory
from eenplan.collaboration import selectors, services
from eenplan.collaboration.errors import (
    AlreadyCorrected,
    CorrectionNeedsReason,
    CorrectionUnchanged,
    EmptyReport,
)
from eenplan.collaboration.models import JournalEntry
from eenplan.core.errors import CaseClosed
from eenplan.organisations.tests.factories import OrganisationFactory
from eenplan.people.tests.factories import members_of
from eenplan.privacy.tests.factories import consent_for

from .factories import JournalEntryFactory

pytestmark = pytest.mark.django_db


def _write(actor_user, case, text="Huisbezoek gedaan.", confidential=False):
    return services.journal_add(
        actor=act(actor_user), case=case, text=text, confidential=confidential
    )


def test_a_correction_is_a_new_version_and_the_earlier_text_stays(open_case):
    director = open_case.director
    entry = _write(director, open_case, "Huisbezoek op maandag.")
    correction = services.journal_correct(
        actor=act(director),
        entry=entry,
        text="Huisbezoek op dinsdag.",
        reason="Verkeerde dag genoteerd.",
    )
    entry.refresh_from_db()
    assert entry.text == "Huisbezoek op maandag."
    assert correction.corrects == entry
    assert correction.correction_reason == "Verkeerde dag genoteerd."
    assert correction.author == director
    [report] = selectors.journal_for(actor=act(director), case=open_case)
    assert report.current == correction
    assert report.earlier == [entry]
    assert report.first == entry
    audited = AuditEntry.objects.get(action=Action.JOURNAL_CORRECT)
    assert audited.object_uuid == correction.uuid
    assert set(audited.person_ids) == set(open_case.concerned_person_ids())


def test_a_chain_of_corrections_lists_every_earlier_version_newest_first(open_case):
    director = open_case.director
    first = _write(director, open_case, "Versie 1")
    second = services.journal_correct(
        actor=act(director), entry=first, text="Versie 2", reason="Typfout"
    )
    third = services.journal_correct(
        actor=act(director), entry=second, text="Versie 3", reason="Aanvulling"
    )
    [report] = selectors.journal_for(actor=act(director), case=open_case)
    assert report.current == third
    assert report.earlier == [second, first]


def test_only_the_latest_version_is_corrected_and_only_once(open_case):
    director = open_case.director
    entry = _write(director, open_case)
    services.journal_correct(
        actor=act(director), entry=entry, text="Anders.", reason="Fout"
    )
    with pytest.raises(AlreadyCorrected):
        services.journal_correct(
            actor=act(director), entry=entry, text="Nog anders.", reason="Fout"
        )
    assert JournalEntry.objects.filter(case=open_case).count() == 2


def test_the_database_allows_one_correction_per_version(open_case):
    entry = JournalEntryFactory(case=open_case)
    JournalEntryFactory(case=open_case, corrects=entry, correction_reason="a")
    with pytest.raises(IntegrityError), transaction.atomic():
        JournalEntryFactory(case=open_case, corrects=entry, correction_reason="b")


def test_the_database_requires_a_reason_for_a_correction(open_case):
    entry = JournalEntryFactory(case=open_case)
    with pytest.raises(IntegrityError), transaction.atomic():
        JournalEntryFactory(case=open_case, corrects=entry, correction_reason="")


def test_the_database_refuses_to_change_a_reports_text(open_case):
    entry = JournalEntryFactory(case=open_case, text="Origineel")
    with pytest.raises(Exception, match="never changed"), transaction.atomic():
        JournalEntry.objects.filter(pk=entry.pk).update(text="Stil veranderd")
    with pytest.raises(Exception, match="never changed"), transaction.atomic():
        JournalEntry.objects.filter(pk=entry.pk).update(confidential=True)
    entry.refresh_from_db()
    assert entry.text == "Origineel" and not entry.confidential


@pytest.mark.parametrize(
    ("text", "reason", "error"),
    [
        ("Anders.", "   ", CorrectionNeedsReason),
        ("   ", "Fout", EmptyReport),
        ("Huisbezoek gedaan.", "Fout", CorrectionUnchanged),
    ],
)
def test_a_correction_needs_a_reason_and_a_changed_text(open_case, text, reason, error):
    entry = _write(open_case.director, open_case)
    with pytest.raises(error):
        services.journal_correct(
            actor=act(open_case.director), entry=entry, text=text, reason=reason
        )
    assert not JournalEntry.objects.filter(corrects=entry).exists()


def test_a_closed_case_report_is_not_corrected(open_case):
    entry = _write(open_case.director, open_case)
    open_case.status, open_case.closed_on = "closed", open_case.opened_on
    open_case.closure_reason = "goals_reached"
    open_case.save()
    with pytest.raises(CaseClosed):
        services.journal_correct(
            actor=act(open_case.director), entry=entry, text="Anders", reason="Fout"
        )


def test_only_the_author_corrects_not_the_team_leader_or_a_colleague(
    open_case, team_leader, team
):
    entry = _write(open_case.director, open_case)
    colleague = ProfessionalFactory(team=team)
    InvolvementFactory(case=open_case, professional=colleague)
    for other in (team_leader, colleague):
        with pytest.raises(Refused) as info:
            services.journal_correct(
                actor=act(other), entry=entry, text="Anders", reason="Fout"
            )
        assert info.value.decision.reason == "not_author"


def test_a_correction_keeps_the_confidentiality_and_never_leaves_the_organisation(
    open_case, team, other_team
):
    """A partner from another organisation sees neither the confidential report
    nor its corrections, even with everyone's consent for everything."""
    ggz = OrganisationFactory(name="GGZ", kind="mental_health")
    welfare = OrganisationFactory(name="Welzijn", kind="welfare")
    author = ProfessionalFactory(team=other_team, organisation=ggz)
    partner = ProfessionalFactory(team=other_team, organisation=welfare)
    for user in (author, partner):
        InvolvementFactory(case=open_case, professional=user)
    for person in members_of(open_case.household):
        consent_for(person, ggz)
        consent_for(person, welfare)
    secret = _write(author, open_case, "GGZ-behandeling gestart.", confidential=True)
    correction = services.journal_correct(
        actor=act(author), entry=secret, text="GGZ-traject gestart.", reason="Term"
    )
    assert correction.confidential and correction.organisation == ggz
    texts = {
        e.text
        for r in selectors.journal_for(actor=act(partner), case=open_case)
        for e in [r.current, *r.earlier]
    }
    assert texts == set()
    for user in (partner, open_case.director):
        with pytest.raises(Hidden):
            selectors.journal_entry_get(
                actor=act(user), uuid=correction.uuid, then=Action.JOURNAL_CORRECT
            )
    [seen] = selectors.journal_for(actor=act(author), case=open_case)
    assert seen.current == correction and seen.earlier == [secret]


def test_the_case_page_shows_the_current_version_and_the_earlier_one(client, open_case):
    director = open_case.director
    entry = _write(director, open_case, "Eerste tekst & meer.")
    services.journal_correct(
        actor=act(director), entry=entry, text="Tweede tekst.", reason="Aanvulling"
    )
    client.force_login(director)
    page = client.get(reverse("workspace:case", args=[open_case.uuid])).content.decode()
    assert "Tweede tekst." in page
    assert "Eerste tekst &amp; meer." in page
    assert "Aanvulling" in page
    assert page.index("Tweede tekst.") < page.index("Eerste tekst &amp; meer.")


def test_the_author_corrects_on_the_correction_page(client, open_case):
    director = open_case.director
    entry = _write(director, open_case, "Oud.")
    client.force_login(director)
    url = reverse("collaboration:journal_correct", args=[entry.uuid])
    assert client.get(url).status_code == 200
    response = client.post(url, {"text": "Nieuw.", "reason": "Fout"})
    assert response.status_code == 302
    assert JournalEntry.objects.get(corrects=entry).text == "Nieuw."
    # Without a reason the page is shown again with what was typed.
    newest = JournalEntry.objects.get(corrects=entry)
    url = reverse("collaboration:journal_correct", args=[newest.uuid])
    response = client.post(url, {"text": "Nieuwer.", "reason": ""})
    assert response.status_code == 200 and "Nieuwer." in response.content.decode()


def test_a_colleague_cannot_open_the_correction_page(client, open_case, team_leader):
    entry = _write(open_case.director, open_case)
    client.force_login(team_leader)
    url = reverse("collaboration:journal_correct", args=[entry.uuid])
    assert client.get(url).status_code == 403
    other = CaseFactory()
    client.force_login(other.director)
    assert client.get(url).status_code == 404
