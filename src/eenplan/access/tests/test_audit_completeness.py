# SPDX-License-Identifier: EUPL-1.2
"""Every page that shows personal data audits each person shown, and every
refused request is audited exactly once.

Walks the access matrix: every URL as every kind of actor. A person counts as
shown when their name, or their household's address, is on the page; each such
person must be among the persons of an audit entry written during that request.
A refused request (403 or 404) leaves exactly one entry: the refusal.
"""

import pytest
from django.utils.html import escape

from eenplan.audit.models import AuditEntry
from eenplan.people.models import Household, Person

from .test_access_matrix import ROUTES, request
from .world import ACTORS, World


def persons_shown(html: str) -> set[int]:
    """Persons named on the page, and the members of a household whose address
    is on it, unless the page withholds members (a partner whose consent covers
    some of them: the address is then the basic data of those named)."""
    shown = {p.pk for p in Person.objects.all() if escape(str(p)) in html}
    if "data-withheld-persons" in html:
        return shown
    for household in Household.objects.all():
        if escape(household.address) in html:
            shown |= {p.pk for p in household.members()}
    return shown


def _last_entry_id() -> int:
    return AuditEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0


@pytest.mark.django_db
@pytest.mark.parametrize("actor", sorted(ACTORS))
@pytest.mark.parametrize("route", sorted(ROUTES))
def test_every_person_shown_and_every_refusal_is_audited(client, route, actor):
    world = World(actor)
    client.force_login(world.user)
    before = _last_entry_id()
    response = request(client, world, route)
    entries = list(AuditEntry.objects.filter(id__gt=before))
    if response.status_code in (403, 404):
        assert [e.outcome for e in entries] == ["refused"], (route, actor)
        return
    if response.status_code == 302 or ROUTES[route].method != "get":
        return
    assert response.status_code == 200, (route, actor, response.status_code)
    audited = {pid for e in entries if e.outcome != "refused" for pid in e.person_ids}
    body = (
        b"".join(response.streaming_content) if response.streaming else response.content
    ).decode(errors="replace")  # a file (PDF, XLSX) is searched as far as it is text
    missing = persons_shown(body) - audited
    assert not missing, (route, actor, missing)
