# SPDX-License-Identifier: EUPL-1.2
"""The arithmetic of steering information: suppression of small cells (also
against differencing), percentiles, shares, and the concentration of cost.
Pure: values in, values out."""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

# Any cell built from fewer households than this is shown as "< 5".
THRESHOLD = 5


@dataclass(frozen=True)
class Cell:
    """A figure and how many distinct households it is built from."""

    value: Decimal | int | float | None
    households: int


@dataclass
class Table:
    """Rows × columns of cells, with row and column totals. After `suppress`,
    `hidden` holds the (row, column) keys shown as "< 5"; a total's column key
    is TOTAL, a column total's row key is TOTAL."""

    rows: list[Hashable]
    columns: list[Hashable]
    cells: dict[tuple[Hashable, Hashable], Cell]
    hidden: set[tuple[Hashable, Hashable]] = field(default_factory=set)

    def cell(self, row: Hashable, column: Hashable) -> Cell:
        return self.cells.get((row, column), Cell(0, 0))

    def shown(self, row: Hashable, column: Hashable) -> bool:
        return (row, column) not in self.hidden


TOTAL = "__total__"


def _line_needs_more(table: Table, keys: Sequence[tuple[Hashable, Hashable]]) -> bool:
    """A line (row or column with its total shown) with exactly one hidden
    non-empty cell: its value follows from the total minus the others."""
    hidden = [k for k in keys if k in table.hidden and table.cell(*k).households > 0]
    return len(hidden) == 1


def hide_small(table: Table, threshold: int = THRESHOLD) -> Table:
    """Primary suppression only: hide every cell built from 1 to threshold-1
    households. For tables without totals, whose cells stand on their own."""
    for key, cell in table.cells.items():
        if 0 < cell.households < threshold:
            table.hidden.add(key)
    return table


def suppress(table: Table, threshold: int = THRESHOLD) -> Table:
    """Hide every cell built from 1 to threshold-1 households (primary), then,
    where a row or column shows its total, hide the smallest further cell of a
    line that has exactly one hidden cell (secondary), until no hidden cell
    can be recomputed from a total. Empty cells (0 households) are shown: a
    zero reveals nobody. Totals built from too few households are hidden too."""
    hide_small(table, threshold)
    changed = True
    while changed:
        changed = False
        lines = [
            [(row, column) for column in [*table.columns, TOTAL]] for row in table.rows
        ] + [
            [(row, column) for row in [*table.rows, TOTAL]] for column in table.columns
        ]
        for line in lines:
            total_key = line[-1]
            if total_key in table.hidden:
                continue
            inner = line[:-1]
            if not _line_needs_more(table, inner):
                continue
            candidates = [
                k
                for k in inner
                if k not in table.hidden and table.cell(*k).households > 0
            ]
            if candidates:
                smallest = min(candidates, key=lambda k: table.cell(*k).households)
                table.hidden.add(smallest)
            else:
                # No other cell to hide: hide the total instead.
                table.hidden.add(total_key)
            changed = True
    return table


def table_of(
    counts: Mapping[tuple[Hashable, Hashable], int],
    rows: Sequence[Hashable],
    columns: Sequence[Hashable],
    households: Mapping[tuple[Hashable, Hashable], int] | None = None,
) -> Table:
    """A table of counts with totals; `households` per cell when a cell counts
    other things than households (default: the count is of households)."""
    per = households if households is not None else counts
    cells: dict[tuple[Hashable, Hashable], Cell] = {}
    for row in rows:
        for column in columns:
            cells[(row, column)] = Cell(
                counts.get((row, column), 0), per.get((row, column), 0)
            )
        cells[(row, TOTAL)] = Cell(
            sum(counts.get((row, c), 0) for c in columns),
            sum(per.get((row, c), 0) for c in columns),
        )
    for column in [*columns, TOTAL]:
        source = [c for c in columns] if column == TOTAL else [column]
        cells[(TOTAL, column)] = Cell(
            sum(counts.get((r, c), 0) for r in rows for c in source),
            sum(per.get((r, c), 0) for r in rows for c in source),
        )
    return Table(list(rows), list(columns), cells)


def percentile(values: Sequence[float], share: float) -> float | None:
    """The `share` (0–1) percentile by linear interpolation between closest
    ranks (as numpy's default and Excel's PERCENTILE.INC), to two decimals;
    None when empty."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * share
    low, high = math.floor(position), math.ceil(position)
    if low == high:
        return float(ordered[low])
    value = ordered[low] + (ordered[high] - ordered[low]) * (position - low)
    return round(float(value), 2)


def share(part: int | Decimal, whole: int | Decimal) -> Decimal | None:
    """part / whole as a percentage to one decimal; None for an empty whole."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP
    )


def lorenz(costs: Sequence[Decimal], points: int = 20) -> list[tuple[Decimal, Decimal]]:
    """The Lorenz curve of cost over households: (share of households, share
    of cost), both in percent, households sorted from cheapest to dearest, at
    `points` evenly spaced shares (and 0, 0)."""
    ordered = sorted(Decimal(c) for c in costs)
    total = sum(ordered, Decimal(0))
    n = len(ordered)
    if not n or not total:
        return []
    curve = [(Decimal(0), Decimal(0))]
    running = Decimal(0)
    cumulative = []
    for cost in ordered:
        running += cost
        cumulative.append(running)
    for step in range(1, points + 1):
        households = math.ceil(n * step / points)
        curve.append(
            (
                Decimal(100 * step / points).quantize(Decimal("0.1")),
                (cumulative[households - 1] * 100 / total).quantize(Decimal("0.1")),
            )
        )
    return curve


def top_share(costs: Sequence[Decimal], top: float = 0.05) -> Decimal | None:
    """The share (percent) of all cost taken by the dearest `top` of households
    (at least one household); None without cost."""
    ordered = sorted((Decimal(c) for c in costs), reverse=True)
    total = sum(ordered, Decimal(0))
    if not ordered or not total:
        return None
    count = max(1, math.ceil(len(ordered) * top))
    return share(sum(ordered[:count], Decimal(0)), total)
