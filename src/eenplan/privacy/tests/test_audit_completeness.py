# SPDX-License-Identifier: EUPL-1.2
"""Every page that shows personal data audits each person shown, and every refusal.

Walks the access matrix: every GET page as every kind of user. A person
counts as shown when their name, or their household's address, is on the
page; each such person must be among the persons of an audit entry written
during that request. A refused request must leave a refusal in the trail.
"""

import pytest
from django.utils.html import escape

from eenplan.audit.models import AuditEntry
from eenplan.people.models import Household, Person

from .test_access_matrix import ACTORS, ROUTES, World

GET_ROUTES = sorted(
    name for name, (method, _k, _a) in ROUTES.items() if method == "get"
)


def persons_shown(html: str) -> set[int]:
    shown = {p.pk for p in Person.objects.all() if escape(str(p)) in html}
    for household in Household.objects.all():
        if escape(household.address) in html:
            shown |= {p.pk for p in household.members()}
    return shown


@pytest.mark.django_db
@pytest.mark.parametrize("actor", sorted(ACTORS))
@pytest.mark.parametrize("name", GET_ROUTES)
def test_every_person_shown_and_every_refusal_is_audited(client, name, actor):
    world = World(actor)
    client.force_login(world.user)
    before = (
        AuditEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
    )
    response = client.get(world.url(name))
    entries = list(AuditEntry.objects.filter(id__gt=before))
    if response.status_code in (403, 404):
        assert any(e.outcome == "refused" for e in entries), (name, actor)
        return
    if response.status_code == 302:  # sent on to the user's own start page
        return
    assert response.status_code == 200, (name, actor, response.status_code)
    audited = {pid for e in entries if e.outcome != "refused" for pid in e.person_ids}
    body = (
        b"".join(response.streaming_content) if response.streaming else response.content
    ).decode()
    missing = persons_shown(body) - audited
    assert not missing, (name, actor, missing)
