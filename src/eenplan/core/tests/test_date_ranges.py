# SPDX-License-Identifier: EUPL-1.2
"""Which dates make sense, per date field (issue 8).

Nothing that happened lies in the future; what follows the opening of a case
(or a consent, or an agreement) does not lie before it; what is planned does
not lie in the past when it is set, nor absurdly far ahead. The examples the
issue found accepted are in the table: a request received on 05-05-2031 or
01-01-0001, a ZRM in 2030, an action due on 01-01-1999, a case closed on
01-01-2030, a member born on 01-01-2030.
"""

import datetime

import pytest
from django.utils import translation

from eenplan.assessments.domain import assessed_on_range
from eenplan.cases.domain import closed_on_range, intake_held_on_range
from eenplan.collaboration.domain import answer_by_range
from eenplan.core.dates import EARLIEST, LATEST
from eenplan.intake.domain import received_on_range
from eenplan.people.domain import birth_date_range
from eenplan.plans.domain import agreed_on_range, due_on_range, review_held_on_range
from eenplan.privacy.domain import consent_given_on_range, withdrawal_asked_on_range

TODAY = datetime.date(2026, 12, 2)
SINCE = datetime.date(2026, 3, 1)  # the case opened, the consent was given ...
DAY = datetime.timedelta(days=1)


def d(text):
    day, month, year = (int(part) for part in text.split("-"))
    return datetime.date(year, month, day)


# field -> (range, dates that make sense, dates that do not)
FIELDS = {
    "person.birth_date": (
        birth_date_range(TODAY),
        [TODAY, EARLIEST, d("03-06-2007")],
        [d("01-01-2030"), TODAY + DAY, EARLIEST - DAY, d("01-01-0001")],
    ),
    "request.received_on": (
        received_on_range(TODAY),
        [TODAY, TODAY - datetime.timedelta(days=300)],
        [d("05-05-2031"), d("01-01-0001"), TODAY + DAY, TODAY - 400 * DAY],
    ),
    "case intake.held_on": (
        intake_held_on_range(TODAY, SINCE),
        [SINCE, TODAY],
        [SINCE - DAY, TODAY + DAY],
    ),
    "case.closed_on": (
        closed_on_range(TODAY, SINCE),
        [SINCE, TODAY],
        [d("01-01-2030"), SINCE - DAY, TODAY + DAY],
    ),
    "assessment.assessed_on": (
        assessed_on_range(TODAY, SINCE),
        [SINCE, TODAY],
        [d("01-06-2030"), SINCE - DAY],
    ),
    "plan.agreed_on": (
        agreed_on_range(TODAY, SINCE),
        [SINCE, TODAY],
        [SINCE - DAY, TODAY + DAY],
    ),
    "review.held_on": (
        review_held_on_range(TODAY, SINCE),
        [SINCE, TODAY],
        [SINCE - DAY, TODAY + DAY],
    ),
    "action.due_on": (
        due_on_range(TODAY),
        [TODAY, TODAY + 700 * DAY],
        [d("01-01-1999"), TODAY - DAY, TODAY + 800 * DAY],
    ),
    "referral.answer_by": (
        answer_by_range(TODAY),
        [TODAY, TODAY + 300 * DAY],
        [TODAY - DAY, TODAY + 400 * DAY],
    ),
    "consent.given_on": (
        consent_given_on_range(TODAY, SINCE),
        [SINCE, TODAY],
        [SINCE - DAY, TODAY + DAY],
    ),
    "consent.withdrawal_asked_on": (
        withdrawal_asked_on_range(TODAY, SINCE),
        [SINCE, TODAY],
        [SINCE - DAY, TODAY + DAY],
    ),
}


@pytest.mark.parametrize("name", FIELDS)
def test_dates_that_make_sense_are_in_the_range(name):
    allowed, good, _bad = FIELDS[name]
    assert [day for day in good if day not in allowed] == []


@pytest.mark.parametrize("name", FIELDS)
def test_dates_that_make_no_sense_are_refused(name):
    allowed, _good, bad = FIELDS[name]
    assert [day for day in bad if day in allowed] == []


@pytest.mark.parametrize("name", FIELDS)
def test_the_message_says_why_and_which_dates_to_choose_in_dutch(name):
    allowed = FIELDS[name][0]
    with translation.override("nl"):
        message = allowed.message()
    assert "Kies een datum" in message
    assert allowed.earliest is None or allowed.earliest.strftime("%d-%m-%Y") in message
    assert allowed.latest is None or allowed.latest.strftime("%d-%m-%Y") in message


@pytest.mark.parametrize("name", FIELDS)
def test_every_range_lies_within_what_any_date_field_accepts(name):
    allowed = FIELDS[name][0]
    assert allowed.earliest >= EARLIEST and allowed.latest <= LATEST
