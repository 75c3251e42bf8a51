# SPDX-License-Identifier: EUPL-1.2
"""The story files of the demo: complete, and a broken one says where it broke."""

import shutil

import pytest

from eenplan.assessments.models import LifeDomain
from eenplan.demo.content import STORIES_DIR, StoryError, load_stories
from eenplan.demo.management.commands.seed_demo import HOUSEHOLD_TEAMS
from eenplan.organisations.models import Membership


def test_story_files_load_and_are_complete():
    # load_stories raises StoryError naming every file and key that is wrong.
    stories = load_stories(STORIES_DIR)
    assert [theme.key for theme in stories.themes] == list(stories.households.themes)
    assert all(theme.goals and theme.questions for theme in stories.themes)


def test_households_live_in_teams_with_a_front_desk_leader_and_director():
    town = load_stories(STORIES_DIR).municipality
    for team in HOUSEHOLD_TEAMS:
        roles = {
            (membership.role, membership.can_direct)
            for staff in town.staff
            for membership in staff.memberships
            if membership.team == team
        }
        assert team in town.teams, f"municipality.toml: no team {team!r}"
        assert (Membership.Role.FRONT_DESK, False) in roles, f"{team}: no front desk"
        assert (Membership.Role.TEAM_LEADER, False) in roles, f"{team}: no leader"
        assert (Membership.Role.PROFESSIONAL, True) in roles, f"{team}: no director"


@pytest.mark.django_db
def test_stories_name_only_life_domains_of_the_zrm():
    stories = load_stories(STORIES_DIR)
    named = {
        (f"themes/{theme.key}.toml", code)
        for theme in stories.themes
        for code in (*theme.domains, *(goal.domain for goal in theme.goals))
    } | {("households.toml", q.domain) for q in stories.households.door_questions}
    codes = set(LifeDomain.objects.filter(active=True).values_list("code", flat=True))
    unknown = sorted((file, code) for file, code in named if code not in codes)
    assert not unknown, f"not a life domain of the ZRM: {unknown}"


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        (
            "themes/money.toml",
            'kind = "volunteer"',
            'kind = "vrijwilliger"',
            "themes/money.toml: goals[0].actions[0].kind: 'vrijwilliger' is not one "
            "of household, network, volunteer, professional",
        ),
        (
            "themes/lonely.toml",
            "intake_note = ",
            "intake_notes = ",
            "themes/lonely.toml: intake_note: missing",
        ),
        (
            "themes/parenting.toml",
            'performer = "@jeugd"',
            'performer = "@jeugdd"',
            "themes/parenting.toml: goals[1].actions[2].performer: 'jeugdd' is not a "
            "staff username of municipality.toml",
        ),
        (
            "households.toml",
            '"caregiver"]',
            '"caregiver", "debts"]',
            "themes/debts.toml: file not found",
        ),
        (
            "privacy.toml",
            'partner = "mental_health"',
            'partner = "GGZ Voorbeeld"',
            "privacy.toml: partner: 'GGZ Voorbeeld' is not an organisation of "
            "municipality.toml",
        ),
        (
            "municipality.toml",
            'city = "Voorbeeld"',
            'city = ""',
            "municipality.toml: city: empty",
        ),
    ],
)
def test_a_broken_story_file_fails_with_its_file_and_key(
    tmp_path, file, old, new, message
):
    shutil.copytree(STORIES_DIR, tmp_path, dirs_exist_ok=True)
    path = tmp_path / file
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    with pytest.raises(StoryError) as raised:
        load_stories(tmp_path)
    assert message in str(raised.value)
