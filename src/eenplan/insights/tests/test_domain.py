# SPDX-License-Identifier: EUPL-1.2
"""Suppression of small cells, percentiles and the concentration of cost,
against figures worked out by hand (no database)."""

from decimal import Decimal

from eenplan.insights import domain
from eenplan.insights.domain import TOTAL


def _table(counts):
    rows = sorted({r for r, _c in counts})
    columns = sorted({c for _r, c in counts})
    return domain.suppress(domain.table_of(counts, rows, columns))


THREE_CHANNELS = {
    ("noord", "online"): 4,
    ("noord", "phone"): 12,
    ("noord", "desk"): 30,
    ("zuid", "online"): 9,
    ("zuid", "phone"): 20,
    ("zuid", "desk"): 25,
}


def test_a_cell_of_fewer_than_five_households_is_hidden():
    table = _table(THREE_CHANNELS)
    assert ("noord", "online") in table.hidden
    # The desk column needs no hiding: its cells are large and none is hidden.
    assert table.shown("noord", "desk") and table.shown("zuid", "desk")
    assert table.shown(TOTAL, TOTAL)


def test_a_hidden_cell_cannot_be_recomputed_from_a_total():
    # Noord's total (46) minus phone (12) and desk (30) would give the 4 back:
    # the smallest other cell of the row (12) is hidden too, and then the
    # online and phone columns each need a second hidden cell (9 and 20).
    table = _table(THREE_CHANNELS)
    assert table.hidden == {
        ("noord", "online"),
        ("noord", "phone"),
        ("zuid", "online"),
        ("zuid", "phone"),
    }
    rows, columns = ["noord", "zuid"], ["online", "phone", "desk"]
    lines = [[(r, c) for c in columns] for r in rows]
    lines += [[(r, c) for r in rows] for c in columns]
    for line in lines:
        assert len([k for k in line if k in table.hidden]) != 1, line


def test_empty_cells_are_shown_and_need_no_partner():
    table = _table({("noord", "online"): 0, ("noord", "phone"): 30})
    assert not table.hidden


def test_a_small_total_is_hidden_and_a_lone_small_cell_hides_the_total():
    table = _table({("noord", "online"): 3, ("noord", "phone"): 0})
    # The row total (3) is small itself; the only non-empty cell is hidden.
    assert ("noord", TOTAL) in table.hidden
    assert ("noord", "online") in table.hidden


def test_percentiles_interpolate_between_closest_ranks():
    days = [2, 4, 4, 5, 7, 9, 10, 12, 15, 30]
    assert domain.percentile(days, 0.5) == 8.0  # between 7 and 9
    assert domain.percentile(days, 0.9) == 16.5  # 15 + 0.1 × 15
    assert domain.percentile([], 0.5) is None


def test_share_is_a_percentage_to_one_decimal():
    assert domain.share(1, 3) == Decimal("33.3")
    assert domain.share(2, 3) == Decimal("66.7")
    assert domain.share(1, 0) is None


def test_the_lorenz_curve_and_the_top_five_percent():
    # 20 households: 19 cost 100, one costs 8,100: total 10,000.
    costs = [Decimal(100)] * 19 + [Decimal(8100)]
    curve = domain.lorenz(costs, points=4)
    assert curve[0] == (Decimal(0), Decimal(0))
    # A quarter of the households (5 cheapest) take 500 / 10,000 = 5 %.
    assert curve[1] == (Decimal("25.0"), Decimal("5.0"))
    assert curve[-1] == (Decimal("100.0"), Decimal("100.0"))
    # The dearest 5 % (1 of 20) take 81 %.
    assert domain.top_share(costs) == Decimal("81.0")
    assert domain.top_share([]) is None


def test_figures_read_in_the_dutch_way():
    from django.utils import translation

    from eenplan.insights.templatetags.insights import figure_value

    with translation.override("nl"):
        assert figure_value(Decimal("1118291.83")) == "1.118.291,83"
        assert figure_value(Decimal("7.9")) == "7,9"
        assert figure_value(1656) == "1.656"
        assert figure_value(5.5) == "5,5"
        assert figure_value("< 5") == "< 5"
        assert figure_value(None) == "—"
