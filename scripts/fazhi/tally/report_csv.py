"""rejects.csv and duplicates.csv: every row not counted, with file, row and reason.

Both are UTF-8 with a byte-order mark (so Excel and WPS open them as Chinese
text), and every cell goes through :func:`safe_cells.neutralise`.

rejects.csv columns: 文件, 行号, 原因代码, 原因, 说明, 编号, 姓名, 活动, 日期.
``行号`` is the row as seen in Excel/WPS (1-based, title and header rows
included); for a JSON receipt file it is the statement's position (1-based).

duplicates.csv columns: 文件, 行号, 编号, 姓名, 活动, 日期, 首次出现文件, 首次出现行号.
"""

from __future__ import annotations

import csv
from pathlib import Path

from fazhi.tally.engine import REASONS, Result
from fazhi.tally.safe_cells import neutralise_row

__all__ = ["write_rejects", "write_duplicates", "REJECT_HEADER", "DUPLICATE_HEADER"]

REJECT_HEADER = ("文件", "行号", "原因代码", "原因", "说明", "编号", "姓名", "活动", "日期")
DUPLICATE_HEADER = ("文件", "行号", "编号", "姓名", "活动", "日期", "首次出现文件", "首次出现行号")


def write_rejects(result: Result, path: Path) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(REJECT_HEADER)
        for file, row, code, text, ident, name, act, date in result.rejects:
            out.writerow(neutralise_row((file, row, code, REASONS.get(code, code), text, ident, name, act, date)))


def write_duplicates(result: Result, path: Path) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(DUPLICATE_HEADER)
        for file, row, ident, name, act, day, first_file, first_row in result.duplicates:
            out.writerow(neutralise_row((file, row, ident, name, act, day.isoformat(), first_file, first_row)))
