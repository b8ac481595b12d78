"""Neutralise cells that a spreadsheet would run as a formula.

Excel, WPS and LibreOffice treat a cell that begins with ``=``, ``+``, ``-`` or
``@`` (and, in some versions, a leading tab or carriage return, or the
full-width forms of those signs) as a formula, even in a CSV file. Every text
cell this tool writes to CSV or XLSX goes through :func:`neutralise`, which
puts an apostrophe in front of such text so it shows as plain text and runs
nothing. Numbers, dates and None pass through unchanged.
"""

from __future__ import annotations

from typing import Any, Iterable

__all__ = ["DANGEROUS_PREFIXES", "neutralise", "neutralise_row"]

#: First characters that make a spreadsheet evaluate a cell.
DANGEROUS_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


def neutralise(value: Any) -> Any:
    """Return ``value`` made safe for a spreadsheet cell."""
    if isinstance(value, str) and value.startswith(DANGEROUS_PREFIXES):
        return "'" + value
    return value


def neutralise_row(values: Iterable[Any]) -> list[Any]:
    return [neutralise(v) for v in values]
