"""CSV for a reader's spreadsheet, shared by the brief's export (render) and the story list's (serve).

Article text is hostile input: a cell that opens with ``=``, ``+``, ``-``, ``@`` or a tab a spreadsheet would
run as a formula, so such a cell gets a leading apostrophe, which spreadsheets show as text and hide."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

_FORMULA_OPENERS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: object) -> str:
    cell = "" if value is None else str(value)
    return "'" + cell if cell.startswith(_FORMULA_OPENERS) else cell


def write_csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """RFC 4180 CSV (CRLF line ends, quoted where needed), every cell made safe for a spreadsheet."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow([spreadsheet_safe(cell) for cell in row])
    return out.getvalue()
