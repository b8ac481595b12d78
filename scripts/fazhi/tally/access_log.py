"""Completion records from a web server's access log (nginx ``combined`` format).

When mkdocs.yml sets ``extra.my_study.beacon`` (e.g. ``my-study/beacon.gif``),
the study site's browser script requests that same-origin URL once per
completion, with the receipt's CSV fields in the query string::

    GET /fazhi/my-study/beacon.gif?timestamp=…&learner_id=T0001&learner_name=…&unit=…
        &verb=passed&object_id=http://…/fazhi/quizzes/xzcf-basics/&object_name=…
        &score_scaled=0.9&score_raw=18&score_max=20&success=true&completion=true

and the server's access log records it, e.g. (one line)::

    10.0.0.5 - - [05/Mar/2025:14:20:07 +0800] "GET /fazhi/my-study/beacon.gif?… HTTP/1.1" 200 43 "http://…" "Mozilla/5.0 …"

Each log line is one row: a beacon request becomes a receipt row (the same
layout as the site's receipts, :mod:`fazhi.tally.receipts`); any other line
is rejected with its reason — nothing is skipped silently. Give nginx a log of
its own for the beacon URL (docs/guide/deploy.md) so that the file holds
completions only.
"""

from __future__ import annotations

import re
from typing import Iterator
from urllib.parse import parse_qsl, urlsplit

from fazhi.tally import receipts
from fazhi.tally.normalize import Bad

__all__ = ["COMBINED_RE", "looks_like_access_log", "line_to_row", "rows_of"]

#: nginx ``combined`` (and ``common``, without the last two fields).
COMBINED_RE = re.compile(
    r'^(?P<addr>\S+) \S+ (?P<user>\S+) \[(?P<time>[^\]]+)\] "(?P<request>(?:[^"\\]|\\.)*)" '
    r'(?P<status>\d{3}) (?P<bytes>\S+)(?: "(?P<referer>(?:[^"\\]|\\.)*)" "(?P<agent>(?:[^"\\]|\\.)*)")?'
)
_REQUIRED = ("learner_id", "object_id", "verb")


def looks_like_access_log(text_head: str) -> bool:
    """True when the first non-empty line of ``text_head`` is an access-log line."""
    for line in text_head.splitlines():
        if line.strip():
            return COMBINED_RE.match(line.strip()) is not None
    return False


def _reject(message: str, code: str) -> list:
    row: list = [""] * len(receipts.RECEIPT_COLUMNS)
    row[0] = Bad(message, code)
    return row


def line_to_row(line: str, convert) -> list:
    """One log line → a receipt row, a rejected row, or [] for a blank line."""
    line = line.strip()
    if not line:
        return []
    m = COMBINED_RE.match(line)
    if not m:
        return _reject("这一行不是 nginx combined 格式的访问日志", "bad_log_line")
    parts = m.group("request").split(" ")
    if len(parts) < 2 or parts[0] != "GET":
        return _reject(f"不是完成记录上报（请求：{m.group('request')[:80]}）", "not_beacon")
    query = dict(parse_qsl(urlsplit(parts[1]).query, keep_blank_values=True, encoding="utf-8", errors="replace"))
    if not all(query.get(k) for k in _REQUIRED):
        return _reject(f"不是完成记录上报（请求：{urlsplit(parts[1]).path[:80]}）", "not_beacon")
    return convert([query.get(name, "") for name in receipts.RECEIPT_CSV_HEADER])


def rows_of(lines) -> Iterator[list]:
    """Rows of an access log, one per line (line N is row N)."""
    convert = receipts.csv_row_converter(list(receipts.RECEIPT_CSV_HEADER))
    for line in lines:
        yield line_to_row(line, convert)
