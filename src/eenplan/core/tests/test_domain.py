# SPDX-License-Identifier: EUPL-1.2
"""The BSN elfproef, its normalisation and its form validator. No database."""

import pytest
from django.core.exceptions import ValidationError

from eenplan.core.bsn import is_valid_bsn, normalise_bsn, validate_bsn
from eenplan.core.tests.factories import bsn_with_check_digit, next_bsn

VALID = ["111222333", "123456782", "999999990", "010000008"]


@pytest.mark.parametrize("bsn", VALID)
def test_numbers_that_pass_the_elfproef_are_valid(bsn):
    assert is_valid_bsn(bsn)


@pytest.mark.parametrize(
    "bsn",
    [
        "111222334",  # last digit off by one
        "123456781",
        "123456789",
        "987654321",
        "111222332",
    ],
)
def test_wrong_checksum_is_invalid(bsn):
    assert not is_valid_bsn(bsn)


@pytest.mark.parametrize(
    "bsn",
    [
        "12345678",  # eight digits: must be normalised first
        "1112223330",  # ten digits
        "11122233",
        "",
    ],
)
def test_wrong_length_is_invalid(bsn):
    assert not is_valid_bsn(bsn)


@pytest.mark.parametrize("bsn", ["11122233a", "ABCDEFGHI", "111 22 333", "-11222333"])
def test_letters_spaces_and_signs_are_invalid(bsn):
    assert not is_valid_bsn(bsn)


def test_all_zeros_passes_the_arithmetic_but_is_invalid():
    assert sum(0 * w for w in (9, 8, 7, 6, 5, 4, 3, 2, -1)) % 11 == 0
    assert not is_valid_bsn("000000000")


@pytest.mark.parametrize("value", [None, 111222333, 1.0, ["111222333"]])
def test_non_strings_are_invalid(value):
    assert not is_valid_bsn(value)


def test_the_last_digit_counts_negatively():
    # 111222333 is valid; with a positive weight on the last digit the sum
    # would be 72, not a multiple of 11.
    assert is_valid_bsn("111222333")
    assert not is_valid_bsn("111222336")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("111 222 333", "111222333"),
        ("111.222.333", "111222333"),
        ("111-222-333", "111222333"),
        (" 123456782 ", "123456782"),
        ("10000008", "010000008"),  # eight digits get the leading zero back
        ("", ""),
        (None, ""),
    ],
)
def test_normalise_strips_separators_and_pads_eight_digits(raw, expected):
    assert normalise_bsn(raw) == expected


def test_normalise_does_not_pad_eight_characters_that_are_not_digits():
    assert normalise_bsn("1234567a") == "1234567a"


def test_a_normalised_eight_digit_bsn_is_valid():
    assert not is_valid_bsn("10000008")
    assert is_valid_bsn(normalise_bsn("10000008"))


def test_validator_accepts_a_valid_bsn():
    validate_bsn("123456782")  # no exception


@pytest.mark.parametrize("bsn", ["123456781", "12345678", "000000000", "abc"])
def test_validator_refuses_an_invalid_bsn_with_a_code(bsn):
    with pytest.raises(ValidationError) as info:
        validate_bsn(bsn)
    assert info.value.code == "invalid_bsn"


def test_test_bsns_are_valid_and_unique():
    numbers = [next_bsn() for _ in range(200)]
    assert all(is_valid_bsn(n) for n in numbers)
    assert len(set(numbers)) == len(numbers)


def test_eight_digits_whose_check_digit_would_be_ten_have_no_bsn():
    assert bsn_with_check_digit("11122233") == "111222333"
    # 9*1 + 2*1 = 11 -> remainder 0
    assert bsn_with_check_digit("10000001") == "100000010"
    # 9*1 + 8*0 + 7*0 + 6*0 + 5*0 + 4*0 + 3*0 + 2*6 = 21 -> remainder 10: no BSN.
    assert bsn_with_check_digit("10000006") is None
