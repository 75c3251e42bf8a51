# SPDX-License-Identifier: EUPL-1.2
"""Dutch labels for the codes an audit entry keeps: the action (from the one
registry), the function, roles in teams, the relation an access rested on, the
policy's reason, the legal basis and the kind of object. The trail keeps the
codes; the audit page and the CSV show the labels beside them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.apps import apps
from django.utils.translation import gettext as _

from eenplan.access.actions import label as action_label
from eenplan.access.decisions import Reason, Relation
from eenplan.accounts.models import User
from eenplan.organisations.models import Membership, Team
from eenplan.people.models import Person
from eenplan.privacy.models import LegalBasis

__all__ = ["action_label", "EntryLabels"]


def _choice(choices, code: str) -> str:
    try:
        return str(choices(code).label)
    except ValueError:
        return code


def function_label(code: str) -> str:
    return _choice(User.Function, code) if code else ""


def purpose_label(code: str) -> str:
    """A read's purpose is the relation it rested on; other purposes are text."""
    return _choice(Relation, code) if code else ""


def reason_label(code: str) -> str:
    """A refusal keeps the policy's reason code; an emergency access the user's
    own reason (text)."""
    try:
        return str(Reason(code).label)
    except ValueError:
        return code


def legal_basis_label(code: str) -> str:
    if code == "consent":
        return _("consent")
    return _choice(LegalBasis.Law, code)


def object_label(code: str) -> str:
    """`cases.case` → the model's Dutch name."""
    try:
        return str(apps.get_model(code)._meta.verbose_name)
    except (LookupError, ValueError):
        return code


def role_label(role: str, teams: Mapping[str, str]) -> str:
    name, _sep, team = role.partition("@")
    label = _choice(Membership.Role, name)
    return f"{label}, {teams.get(team, team)}" if team else label


class EntryLabels:
    """The labels for one page of entries: team and person names in two
    queries, the rest from the registries."""

    def __init__(self, entries: Iterable) -> None:
        entries = list(entries)
        team_uuids = {
            role.split("@", 1)[1] for e in entries for role in e.roles if "@" in role
        }
        self.teams = (
            {
                str(uuid): name
                for uuid, name in Team.objects.filter(uuid__in=team_uuids).values_list(
                    "uuid", "name"
                )
            }
            if team_uuids
            else {}
        )
        person_ids = {pid for e in entries for pid in e.person_ids}
        self.persons = (
            {
                pk: f"{given} {family}"
                for pk, given, family in Person.objects.filter(
                    pk__in=person_ids
                ).values_list("pk", "given_names", "family_name")
            }
            if person_ids
            else {}
        )

    def row(self, entry) -> dict:
        return {
            "entry": entry,
            "action": action_label(entry.action),
            "roles": [role_label(role, self.teams) for role in entry.roles],
            "function": function_label(entry.function),
            "object": object_label(entry.object_type) if entry.object_type else "",
            "persons": [
                (pid, self.persons.get(pid, _("(destroyed)")))
                for pid in entry.person_ids
            ],
            "purpose": purpose_label(entry.purpose),
            "legal_basis": legal_basis_label(entry.legal_basis)
            if entry.legal_basis
            else "",
            "reason": reason_label(entry.reason),
        }
