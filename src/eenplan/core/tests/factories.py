# SPDX-License-Identifier: EUPL-1.2
"""Shared test data helpers: Dutch fake data and unique, valid BSNs."""

import itertools

import factory

from eenplan.core.bsn import is_valid_bsn

# Every factory in the project draws names, streets and postcodes from nl_NL.
factory.Faker._DEFAULT_LOCALE = "nl_NL"

_WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2)
# Starts above the hand-picked numbers the tests use (111222333, 123456782).
_bsn_bases = itertools.count(20_000_000)


def bsn_with_check_digit(first_eight: str) -> str | None:
    """Complete eight digits to a BSN that passes the elfproef, or None if none can."""
    total = sum(int(d) * w for d, w in zip(first_eight, _WEIGHTS, strict=True))
    last = total % 11
    if last == 10:
        return None
    return f"{first_eight}{last}"


def next_bsn() -> str:
    """A valid BSN never handed out before in this test run."""
    for base in _bsn_bases:
        bsn = bsn_with_check_digit(f"{base:08d}")
        if bsn is not None:
            assert is_valid_bsn(bsn)
            return bsn
    raise RuntimeError("unreachable")  # pragma: no cover
