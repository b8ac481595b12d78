"""Opening input files: CSV, XLSX/XLS/ODS, completion receipts (JSON / CSV).

:func:`open_table` looks at a file's bytes (not only its name), detects the
encoding and delimiter of CSV text, finds the header row under any title rows,
maps the columns (:mod:`fazhi.tally.columns`) and returns a :class:`Source`
whose ``rows`` iterator yields the data rows as lists of cells. Everything
that makes a file unreadable is raised as an :class:`InputError` with a
message in Chinese; problems found while streaming (a truncated CSV, a byte
that does not decode) are raised as :class:`ReadError` with the row number.

Receipts (the site's completion records, see :mod:`fazhi.tally.receipts`)
are turned into rows of the fixed layout ``RECEIPT_COLUMNS``.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence

from fazhi.errors import InputError, Problem
from fazhi.tally import access_log, receipts
from fazhi.tally.columns import (
    LOG_HEADERS,
    ColumnMap,
    FIELD_LABELS,
    Profile,
    describe_headers,
    find_header_row,
    missing_explicit,
    profile_hint,
    recognise,
)

__all__ = ["Source", "ReadError", "open_table", "detect_encoding", "HEADER_SCAN_ROWS"]

#: How many rows from the top are searched for the header.
HEADER_SCAN_ROWS = 30
_SAMPLE_BYTES = 256 * 1024

csv.field_size_limit(16 * 1024 * 1024)


class ReadError(Exception):
    """A file went bad while its rows were being read."""

    def __init__(self, message: str, row: int | None = None, hint: str = ""):
        super().__init__(message)
        self.message = message
        self.row = row
        self.hint = hint


@dataclass
class Source:
    """An opened input table, ready to stream."""

    path: Path
    shown: str
    kind: str  # csv / xlsx / xls / ods / receipt-json / receipt-csv / access-log
    cmap: ColumnMap
    rows: Iterator[list] = field(repr=False, default_factory=lambda: iter(()))
    first_row: int = 1  # sheet row number of the first data row
    header_row: int | None = None  # 1-based, None when there is no header (JSON)
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    size: int = 0
    total_rows: int | None = None
    profile: Profile | None = None
    position: Callable[[], int] | None = field(default=None, repr=False)  # bytes read so far (CSV)
    close: Callable[[], None] = field(default=lambda: None, repr=False)

    @property
    def format_label(self) -> str:
        base = {
            "csv": "CSV",
            "xlsx": "XLSX",
            "xls": "XLS",
            "ods": "ODS",
            "receipt-json": "完成回执（JSON）",
            "receipt-csv": "完成回执（CSV）",
            "access-log": "访问日志（完成记录上报）",
        }.get(self.kind, self.kind)
        if self.cmap.moodle:
            base += "（Moodle 课程完成报告）"
        return base


# --------------------------------------------------------------------------
# Sniffing
# --------------------------------------------------------------------------

_GB_FAMILY = {"gb2312", "gbk", "gb18030", "hz", "cp936", "euc_cn", "euccn"}


def _plausible_chinese(text: str) -> bool:
    """True when most non-ASCII characters are CJK ideographs or CJK punctuation."""
    other = [c for c in text if ord(c) > 127]
    if not other:
        return False
    cjk = sum(
        1
        for c in other
        if "\u4e00" <= c <= "\u9fff" or "\u3000" <= c <= "\u303f" or "\uff00" <= c <= "\uffef" or c in "·—…“”‘’"
    )
    return cjk / len(other) >= 0.9


def detect_encoding(sample: bytes, complete: bool) -> str | None:
    """The text encoding of a CSV sample, or None when it is not text we can read.

    Order: a byte-order mark; valid UTF-8; GB18030 when the text decodes and
    reads as Chinese; otherwise charset-normalizer's best guess.
    """
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=complete)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = codecs.getincrementaldecoder("gb18030")().decode(sample, final=complete)
        if _plausible_chinese(text):
            return "gb18030"
    except UnicodeDecodeError:
        pass
    import charset_normalizer

    best = charset_normalizer.from_bytes(sample).best()
    if best is None:
        return None
    enc = best.encoding.lower().replace("-", "_")
    if enc in _GB_FAMILY:
        return "gb18030"
    return best.encoding


def _kind_of(path: Path, head: bytes) -> str:
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return "ods" if path.suffix.lower() == ".ods" else "xlsx"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "xls"
    if path.suffix.lower() in (".xlsx", ".xlsm", ".xls", ".ods", ".et"):
        return "broken-workbook"
    stripped = head.lstrip(codecs.BOM_UTF8).lstrip()
    if path.suffix.lower() in (".json", ".jsonl") or stripped[:1] in (b"{", b"["):
        return "json"
    return "text"


def _looks_binary(sample: bytes) -> bool:
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False  # Excel's "Unicode text" export
    if b"\x00" in sample[:8192]:
        return True
    control = sum(1 for b in sample[:8192] if b < 9 or 13 < b < 32)
    return control > len(sample[:8192]) * 0.05


# --------------------------------------------------------------------------
# Opening
# --------------------------------------------------------------------------


def open_table(
    path: str | Path,
    shown: str | None = None,
    *,
    table: dict[str, str] = LOG_HEADERS,
    profile: Profile | None = None,
    sheet: str | int | None = None,
    what: str = "记录文件",
) -> Source:
    """Open one input file and find its header; raise InputError if it can't be read."""
    path = Path(path)
    shown = shown or str(path)
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(_SAMPLE_BYTES)
    except FileNotFoundError:
        raise InputError([Problem(shown, f"{what}不存在", hint="检查路径和文件名")]) from None
    except IsADirectoryError:
        raise InputError([Problem(shown, "这是一个文件夹，不是文件")]) from None
    except OSError as exc:
        raise InputError([Problem(shown, f"无法读取文件：{exc.strerror or exc}")]) from None
    if size == 0 or not head.strip():
        raise InputError([Problem(shown, "文件是空的", hint="重新导出，确认文件里有数据")])
    kind = _kind_of(path, head)
    if kind == "broken-workbook":
        raise InputError(
            [Problem(shown, "文件扩展名是表格，但内容不是有效的 Excel/WPS 表格文件（可能已损坏或只下载了一部分）",
                     hint="在 Excel 或 WPS 中打开确认，重新导出或另存为 .xlsx")]
        )
    if kind in ("xlsx", "xls", "ods"):
        return _open_workbook(path, shown, kind, size, table, profile, sheet)
    if kind == "json":
        if table is not LOG_HEADERS:
            raise InputError([Problem(shown, f"{what}应当是 CSV 或 XLSX 表格，这里是 JSON 文件")])
        return _open_json(path, shown, size, head)
    return _open_csv(path, shown, size, head, table, profile)


def _header_problem(shown: str, rows: Sequence[Sequence[Any]], note: str = "") -> InputError:
    found = describe_headers(rows)
    return InputError(
        [
            Problem(
                shown,
                f"无法识别表头：没有找到含「工号/执法证号/身份证号/姓名」之一并且还有其他可识别列的一行。{note}"
                f"找到的内容：{found}",
                hint=profile_hint(Path(shown).name),
            )
        ]
    )


def _locate_header(
    shown: str,
    head_rows: list[list],
    table: dict[str, str],
    profile: Profile | None,
    note: str = "",
) -> tuple[int, ColumnMap]:
    explicit = profile.explicit_columns() if profile and profile.columns else None
    if profile is not None and profile.header_row is not None:
        idx = profile.header_row - 1
        if idx >= len(head_rows):
            raise InputError([Problem(shown, f"配置 {profile.path} 指定表头在第 {profile.header_row} 行，但文件没有这么多行")])
    else:
        idx = find_header_row(head_rows, table, explicit)
        if idx is None:
            if explicit:
                found = describe_headers(head_rows)
                wanted = "、".join(f"{FIELD_LABELS.get(f, f)}=「{'/'.join(n)}」" for f, n in explicit.items())
                raise InputError(
                    [Problem(shown, f"按配置 {profile.path} 的列名（{wanted}）找不到表头行。找到的内容：{found}",
                             hint="检查配置里的列名是否与文件表头完全一致，或用 header_row 指定表头行号")]
                )
            raise _header_problem(shown, head_rows, note)
    cmap = recognise(head_rows[idx], table, explicit)
    if explicit:
        missing = missing_explicit(cmap, explicit)
        if missing:
            found = "、".join(f"「{h}」" for h in cmap.headers if h)
            names = "；".join(f"{FIELD_LABELS.get(f, f)}：{'/'.join(n)}" for f, n in missing)
            raise InputError(
                [Problem(shown, f"配置 {profile.path} 指定的列在第 {idx + 1} 行的表头中找不到（{names}）。该行表头：{found}",
                         line=idx + 1, hint="列名要与表头完全一致（空格、全角半角不计）")]
            )
    if profile is not None and profile.hours_unit:
        cmap.hours_unit = profile.hours_unit
    if profile is not None and profile.format == "moodle":
        cmap.moodle = True
    if not cmap.has_identity:
        raise _header_problem(shown, head_rows, note)
    return idx, cmap


def _sniff_delimiter(text: str) -> str:
    """The delimiter giving the most columns in the first lines (comma on ties)."""
    lines = text.splitlines()[:HEADER_SCAN_ROWS]
    best, best_cols = ",", 1
    for cand in (",", "\t", ";", "|"):
        try:
            widths = [len(r) for r in csv.reader(lines, delimiter=cand)]
        except csv.Error:
            continue
        cols = max(widths, default=1)
        if cols > best_cols:
            best, best_cols = cand, cols
    return best


def _open_csv(path: Path, shown: str, size: int, head: bytes, table, profile: Profile | None) -> Source:
    if _looks_binary(head):
        raise InputError(
            [Problem(shown, "这不是文本表格：文件里有二进制内容（可能是损坏的文件或别的格式改了扩展名）",
                     hint="请导出为 CSV 或 XLSX 后再试")]
        )
    complete = len(head) >= size
    encoding = profile.encoding if profile and profile.encoding else detect_encoding(head, complete)
    if encoding is None:
        raise InputError([Problem(shown, "无法识别文件编码", hint="用 Excel/WPS 另存为「CSV UTF-8」或 XLSX 后再试")])
    try:
        text_head = codecs.getincrementaldecoder(encoding)(errors="strict").decode(head, final=complete)
    except UnicodeDecodeError as exc:
        line = head[: exc.start].count(b"\n") + 1
        raise InputError(
            [Problem(shown, f"按 {encoding} 编码读取时在第 {line} 行附近遇到无法解码的字节", line=line,
                     hint="确认文件编码，或在列映射配置中写 encoding: gb18030 / utf-8")]
        ) from None
    except LookupError:
        raise InputError([Problem(shown, f"不认识的编码「{encoding}」")]) from None
    if table is LOG_HEADERS and access_log.looks_like_access_log(text_head):
        return _open_access_log(path, shown, size, encoding)
    delimiter = profile.delimiter if profile and profile.delimiter else _sniff_delimiter(text_head)

    raw = path.open("rb")
    text = io.TextIOWrapper(raw, encoding=encoding, errors="strict", newline="")
    reader = csv.reader(text, delimiter=delimiter)
    head_rows: list[list] = []
    try:
        for row in itertools.islice(reader, HEADER_SCAN_ROWS):
            head_rows.append(row)
    except (UnicodeDecodeError, csv.Error) as exc:
        raw.close()
        raise InputError([Problem(shown, f"读取表头时出错：{exc}")]) from None
    note = ""
    if max((len(r) for r in head_rows), default=0) <= 1:
        note = "每行只读出 1 列，可能分隔符不对（支持逗号、制表符、分号、竖线）或这不是表格。"
    try:
        idx, cmap = _locate_header(shown, head_rows, table, profile, note)
    except InputError:
        raw.close()
        raise
    if table is LOG_HEADERS and receipts.is_receipt_header(head_rows[idx]):
        return _receipt_csv(path, shown, size, encoding, delimiter, head_rows, idx, reader, raw, profile)

    return _csv_source(path, shown, size, encoding, delimiter, head_rows, idx, reader, raw, profile, "csv", cmap)


def _decode_error_line(path: Path, encoding: str) -> int | None:
    """The line (1-based) of the first byte that ``encoding`` cannot decode, or None."""
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    lines = 0
    with path.open("rb") as fh:
        while True:
            chunk = fh.read(1 << 20)
            try:
                decoder.decode(chunk, final=not chunk)
            except UnicodeDecodeError as exc:
                # exc.start is relative to the decoder's buffered input: pending bytes + this chunk
                pending = len(exc.object) - len(chunk)
                bad = max(0, exc.start - pending)
                return lines + chunk[:bad].count(b"\n") + 1
            if not chunk:
                return None
            lines += chunk.count(b"\n")


def _open_workbook(path: Path, shown: str, kind: str, size: int, table, profile: Profile | None,
                   sheet: str | int | None) -> Source:
    import python_calamine

    wanted = profile.sheet if profile and profile.sheet is not None else sheet
    try:
        book = python_calamine.CalamineWorkbook.from_path(str(path))
        names = list(book.sheet_names)
    except Exception as exc:  # calamine raises several error types for broken files
        raise InputError(
            [Problem(shown, f"无法打开表格文件：文件已损坏、不完整或加了密码（{type(exc).__name__}）",
                     hint="在 Excel 或 WPS 中打开确认，另存为 .xlsx 后再试")]
        ) from None
    if not names:
        raise InputError([Problem(shown, "表格文件里没有工作表")])
    if wanted is None:
        sheet_name = names[0]
    elif isinstance(wanted, int):
        if not 1 <= wanted <= len(names):
            raise InputError([Problem(shown, f"没有第 {wanted} 个工作表（共 {len(names)} 个：{'、'.join(names)}）")])
        sheet_name = names[wanted - 1]
    else:
        if wanted not in names:
            raise InputError(
                [Problem(shown, f"没有名为「{wanted}」的工作表", hint=f"文件中的工作表：{'、'.join(names)}")]
            )
        sheet_name = wanted
    try:
        ws = book.get_sheet_by_name(sheet_name)
        iterator = iter(ws.iter_rows())
        head_rows = [list(r) for r in itertools.islice(iterator, HEADER_SCAN_ROWS)]
        total = ws.height if hasattr(ws, "height") else None
        start = ws.start[0] if getattr(ws, "start", None) else 0
    except Exception as exc:
        raise InputError(
            [Problem(shown, f"读取工作表「{sheet_name}」失败：文件已损坏或不完整（{type(exc).__name__}）",
                     hint="在 Excel 或 WPS 中打开确认，另存为 .xlsx 后再试")]
        ) from None
    if not head_rows:
        raise InputError([Problem(shown, f"工作表「{sheet_name}」是空的")])
    idx, cmap = _locate_header(shown, head_rows, table, profile)

    def rows() -> Iterator[list]:
        yield from head_rows[idx + 1:]
        try:
            yield from iterator
        except Exception as exc:  # pragma: no cover - calamine reads the sheet up front
            raise ReadError(f"读取工作表时出错：{exc}") from None

    return Source(
        path=path,
        shown=shown,
        kind=kind,
        cmap=cmap,
        rows=rows(),
        first_row=idx + 2,
        header_row=idx + 1,
        sheet=sheet_name,
        size=size,
        total_rows=(total + start) if total is not None else None,
        profile=profile,
    )


def _open_json(path: Path, shown: str, size: int, head: bytes) -> Source:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError([Problem(shown, "JSON 文件不是 UTF-8 编码")]) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            [Problem(shown, f"JSON 格式错误：{exc.msg}", line=exc.lineno, column=exc.colno,
                     hint="文件可能被截断或手工改坏了；请重新导出完成回执")]
        ) from None
    if isinstance(data, dict):
        statements = [data]
    elif isinstance(data, list):
        statements = data
    else:
        raise InputError([Problem(shown, "JSON 文件里既不是一条完成回执也不是回执列表")])
    if statements and not any(isinstance(s, dict) and ("actor" in s or "verb" in s) for s in statements):
        raise InputError(
            [Problem(shown, "JSON 文件不是完成回执：没有 actor / verb 字段", hint="完成回执的格式见 README「完成回执」")]
        )
    rows = [receipts.statement_to_row(s) for s in statements]
    return Source(
        path=path,
        shown=shown,
        kind="receipt-json",
        cmap=receipts.receipt_column_map(),
        rows=iter(rows),
        first_row=1,
        header_row=None,
        encoding="utf-8",
        size=size,
        total_rows=len(rows),
    )


def _open_access_log(path: Path, shown: str, size: int, encoding: str) -> Source:
    """A web server access log with the site's completion beacons (:mod:`fazhi.tally.access_log`)."""
    raw = path.open("rb")
    text = io.TextIOWrapper(raw, encoding=encoding, errors="strict", newline="")

    def rows() -> Iterator[list]:
        try:
            yield from access_log.rows_of(text)
        except UnicodeDecodeError:
            raise ReadError(f"按 {encoding} 编码读取时遇到无法解码的字节", row=_decode_error_line(path, encoding),
                            hint="访问日志应当是 UTF-8 或 ASCII 文本") from None
        finally:
            raw.close()

    return Source(
        path=path,
        shown=shown,
        kind="access-log",
        cmap=receipts.receipt_column_map(),
        rows=rows(),
        first_row=1,
        header_row=None,
        encoding=encoding,
        size=size,
        position=raw.tell,
        close=raw.close,
    )


def _receipt_csv(path, shown, size, encoding, delimiter, head_rows, idx, reader, raw, profile) -> Source:
    header = [str(h).strip() for h in head_rows[idx]]
    return _csv_source(path, shown, size, encoding, delimiter, head_rows, idx, reader, raw, profile,
                       "receipt-csv", receipts.receipt_column_map(), convert=receipts.csv_row_converter(header))


def _csv_source(path, shown, size, encoding, delimiter, head_rows, idx, reader, raw, profile, kind, cmap,
                convert=None) -> Source:
    """A Source over the CSV rows below the header at ``idx``; ``convert`` maps each non-empty row."""

    def rows() -> Iterator[list]:
        try:
            for row in itertools.chain(head_rows[idx + 1:], reader):
                yield convert(row) if convert is not None and row else row
        except UnicodeDecodeError as exc:
            line = _decode_error_line(path, encoding) or reader.line_num
            raise ReadError(f"第 {line} 行有按 {encoding} 编码无法解码的字节（{exc.reason}），文件可能混用了两种编码",
                            row=line, hint="用 Excel/WPS 打开后另存为「CSV UTF-8」，或在列映射配置中写 encoding") from None
        except csv.Error as exc:
            raise ReadError(f"CSV 格式错误：{exc}", row=reader.line_num,
                            hint="检查引号是否成对；文件可能被截断") from None
        finally:
            raw.close()

    return Source(
        path=path,
        shown=shown,
        kind=kind,
        cmap=cmap,
        rows=rows(),
        first_row=idx + 2,
        header_row=idx + 1,
        encoding=encoding,
        delimiter=delimiter,
        size=size,
        profile=profile,
        position=raw.tell,
        close=raw.close,
    )
