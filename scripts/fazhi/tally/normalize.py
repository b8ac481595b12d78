"""Normalising cell values: ids, names, units, dates, hours, scores, statuses.

Every function here takes a raw cell as a reader gives it (``str`` from CSV;
``str``, ``float``, ``int``, ``bool``, ``datetime`` or ``date`` from a
workbook) and returns either the normalised value or a :class:`Bad` carrying
the reason in Chinese. Nothing is guessed: a value that cannot be read for
certain is reported, never repaired.

Dates are returned as ``date.toordinal()`` integers: cheap to compare and to
use in dictionary keys on the hot path.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from typing import Any

__all__ = [
    "Bad",
    "PARTS",
    "THREE_PARTS",
    "DEFAULT_PART_ALIASES",
    "to_halfwidth",
    "clean_text",
    "clean_name",
    "clean_id",
    "clean_idcard",
    "parse_day",
    "DayParser",
    "parse_hours",
    "parse_score",
    "parse_result",
    "part_of",
    "fold_key",
    "ord_to_date",
    "BEIJING",
]

BEIJING = _dt.timezone(_dt.timedelta(hours=8), "北京时间")


class Bad(str):
    """A reason why a value was not accepted (a ``str`` subclass, in Chinese).

    ``code`` is a short stable reason id used for counting (see
    ``engine.REASONS``).
    """

    code: str = "bad_value"

    def __new__(cls, text: str, code: str = "bad_value"):
        obj = super().__new__(cls, text)
        obj.code = code
        return obj


# --------------------------------------------------------------------------
# Parts of the training model
# --------------------------------------------------------------------------

#: The parts an activity can belong to, in report order.
PARTS = ("云平台", "现场观摩", "专题讲座", "会前学法", "测验")
#: The three parts of the enforcement training model.
THREE_PARTS = ("云平台", "现场观摩", "专题讲座")

#: Words seen in 培训形式 / 学习形式 columns, mapped to a part (after fold_key).
DEFAULT_PART_ALIASES = {
    "云平台": "云平台",
    "云平台学习": "云平台",
    "线上": "云平台",
    "线上学习": "云平台",
    "在线学习": "云平台",
    "网络学习": "云平台",
    "网上学习": "云平台",
    "网络培训": "云平台",
    "线上培训": "云平台",
    "网络课程": "云平台",
    "online": "云平台",
    "现场观摩": "现场观摩",
    "观摩": "现场观摩",
    "现场教学": "现场观摩",
    "现场": "现场观摩",
    "实地观摩": "现场观摩",
    "专题讲座": "专题讲座",
    "讲座": "专题讲座",
    "专题培训": "专题讲座",
    "集中授课": "专题讲座",
    "集中培训": "专题讲座",
    "面授": "专题讲座",
    "线下授课": "专题讲座",
    "会前学法": "会前学法",
    "学法": "会前学法",
    "常务会议学法": "会前学法",
    "测验": "测验",
    "测试": "测验",
    "考试": "测验",
    "在线测试": "测验",
    "quiz": "测验",
}


# --------------------------------------------------------------------------
# Text
# --------------------------------------------------------------------------

_HALFWIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_HALFWIDTH[0x3000] = 0x20  # ideographic space
_HALFWIDTH[0x00A0] = 0x20  # no-break space
_HALFWIDTH[0x200B] = None  # zero-width space
_HALFWIDTH[0xFEFF] = None  # stray BOM / zero-width no-break space


def to_halfwidth(text: str) -> str:
    """Full-width letters, digits, signs and spaces to their ASCII forms."""
    if text.isascii():
        return text
    return text.translate(_HALFWIDTH)


def clean_text(value: Any) -> str:
    """Trim a cell to a single-spaced, half-width string ('' for empty)."""
    if value is None:
        return ""
    if not isinstance(value, str):
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        value = str(value)
    return " ".join(to_halfwidth(value).split())


def fold_key(value: Any) -> str:
    """A comparison key: half-width, no whitespace at all, lower-case."""
    if value is None:
        return ""
    if not isinstance(value, str):
        value = clean_text(value)
    return "".join(to_halfwidth(value).split()).lower()


def clean_name(value: Any) -> str:
    """A person's name without any whitespace (sign-in sheets pad 张  三)."""
    if value is None:
        return ""
    if not isinstance(value, str):
        value = clean_text(value)
    return "".join(to_halfwidth(value).split())


_SCIENTIFIC = re.compile(r"^[+-]?\d+(?:\.\d+)?[eE][+-]?\d+$")
_DECIMAL = re.compile(r"^\d+\.\d+$")


def _mangled_text(text: str) -> Bad | None:
    if _SCIENTIFIC.match(text):
        return Bad(
            f"编号「{text}」被 Excel 改成了科学计数法，原来的数字已经丢失，不做猜测",
            "id_scientific",
        )
    if _DECIMAL.match(text):
        return Bad(f"编号「{text}」被存成了带小数点的数字，不做猜测", "id_number")
    return None


def clean_id(value: Any) -> str | Bad:
    """Normalise an id (工号 / 执法证号): trim, half-width, no spaces, upper-case.

    Returns '' for an empty cell and a :class:`Bad` for a value that Excel
    turned into a number it cannot give back (scientific notation, decimals,
    more than 15 digits). An integer-valued number cell is returned as its
    digits; whether leading zeros were lost is decided against the roster
    (see ``roster.Roster.lookup_id``).
    """
    if value is None:
        return ""
    if isinstance(value, str):
        text = (value if value.isascii() else value.translate(_HALFWIDTH)).strip()
        if " " in text or "\t" in text:
            text = "".join(text.split())
        if not text:
            return ""
        if text[0].isdigit() and ("E" in text or "e" in text or "." in text):
            bad = _mangled_text(text)
            if bad is not None:
                return bad
        return text.upper()
    if isinstance(value, bool):
        return Bad(f"编号「{value}」不是编号", "id_number")
    if isinstance(value, (int, float)):
        if isinstance(value, float) and (math.isnan(value) or not value.is_integer()):
            return Bad(f"编号「{value}」被存成了带小数点的数字，不做猜测", "id_number")
        number = int(value)
        if abs(number) >= 10**15:
            return Bad(
                f"编号被 Excel 存成了数字（{value:.6g}），超过 15 位的数字末尾已经丢失，不做猜测",
                "id_scientific",
            )
        return str(number)
    return Bad(f"编号「{value}」无法识别", "id_number")


def clean_idcard(value: Any) -> str | Bad:
    """Normalise a 身份证号 like an id (upper-case X, no spaces)."""
    return clean_id(value)


# --------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------

_EXCEL_EPOCH = _dt.date(1899, 12, 30).toordinal()
#: Years a record may carry (keeps a day's ordinal below 2**20, see engine keys).
_MIN_YEAR, _MAX_YEAR = 1900, 2199
_MIN_SERIAL, _MAX_SERIAL = 1, _dt.date(_MAX_YEAR, 12, 31).toordinal() - _EXCEL_EPOCH

_TIME_TAIL = r"(?:[\sT]*(?:上午|下午|晚上|凌晨)?\s*\d{1,2}(?:[:：]\d{1,2}(?:[:：]\d{1,2}(?:\.\d+)?)?|时(?:\d{1,2}分(?:\d{1,2}秒)?)?)\s*(?:[AaPp]\.?[Mm]\.?)?)?"
_TZ_TAIL = r"(?:\s*(?:Z|[+-]\d{2}:?\d{2}))?"

_YMD = re.compile(
    r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?" + _TIME_TAIL + _TZ_TAIL + r"$"
)
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:[\sT]*\d{2}:?\d{2}(?::?\d{2})?)?$")
_OTHER_ORDER = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4}),?" + _TIME_TAIL + r"$")
_SERIAL = re.compile(r"^\d{5}(?:\.\d+)?$")
_ISO_TZ = re.compile(r"^\d{4}-\d{2}-\d{2}T.*(?:Z|[+-]\d{2}:?\d{2})$")
_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for m in names
}
_DAY_MONTH_YEAR = re.compile(r"(?:^|[\s,])(\d{1,2})\s+([A-Za-z]+)\.?,?\s+(\d{4})(?:\b|,)")
_MONTH_DAY_YEAR = re.compile(r"(?:^|[\s,])([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})(?:\b|,)")


def ord_to_date(ordinal: int) -> _dt.date:
    return _dt.date.fromordinal(ordinal)


def _ordinal(year: int, month: int, day: int, raw: Any) -> int | Bad:
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        return Bad(f"日期「{raw}」的年份不合理", "bad_date")
    try:
        return _dt.date(year, month, day).toordinal()
    except ValueError:
        return Bad(f"日期「{raw}」不存在", "bad_date")


def _from_serial(number: float, raw: Any) -> int | Bad:
    if not (_MIN_SERIAL <= number <= _MAX_SERIAL):
        return Bad(f"日期「{raw}」无法识别", "bad_date")
    return _EXCEL_EPOCH + int(number)


def _checked(ordinal: int, raw: Any) -> int | Bad:
    year = _dt.date.fromordinal(ordinal).year
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        return Bad(f"日期「{raw}」的年份不合理", "bad_date")
    return ordinal


def parse_day(value: Any, date_order: str | None = None) -> int | Bad | None:
    """The calendar day of a cell, as ``date.toordinal()``.

    Accepted: ``datetime`` / ``date`` cells; Excel serial numbers (45356,
    45356.6); 20250305; 2025-03-05, 2025/3/5, 2025.3.5, 2025年3月5日, each with an
    optional time (14:20, 14:20:05, 下午 2:20, 14时20分); ISO 8601 with a time
    zone (converted to 北京时间); English forms such as ``5 March 2025, 2:20 PM``
    (Moodle). Day-first or month-first numeric forms (05/03/25) are read only
    with ``date_order`` ``"dmy"`` or ``"mdy"``. Returns None for an empty cell.
    """
    if value is None:
        return None
    if isinstance(value, _dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(BEIJING)
        return _checked(value.toordinal(), value)
    if isinstance(value, _dt.date):
        return _checked(value.toordinal(), value)
    if isinstance(value, bool):
        return Bad(f"日期「{value}」无法识别", "bad_date")
    if isinstance(value, (int, float)):
        if isinstance(value, float) and math.isnan(value):
            return None
        if 19000101 <= value <= 29991231 and float(value).is_integer():
            v = int(value)
            return _ordinal(v // 10000, v // 100 % 100, v % 100, value)
        return _from_serial(float(value), value)
    if isinstance(value, _dt.time):
        return Bad(f"只有时间「{value}」没有日期", "bad_date")
    text = str(value).strip()
    if not text:
        return None
    text = to_halfwidth(text).strip()
    m = _YMD.match(text)
    if m:
        if "T" in text and _ISO_TZ.match(text):
            try:
                moment = _dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
            except ValueError:
                return Bad(f"日期「{value}」无法识别", "bad_date")
            return _checked(moment.astimezone(BEIJING).toordinal(), value)
        return _ordinal(int(m.group(1)), int(m.group(2)), int(m.group(3)), value)
    m = _COMPACT.match(text)
    if m:
        return _ordinal(int(m.group(1)), int(m.group(2)), int(m.group(3)), value)
    if _SERIAL.match(text):
        return _from_serial(float(text), value)
    m = _OTHER_ORDER.match(text)
    if m:
        a, b, year = int(m.group(1)), int(m.group(2)), m.group(3)
        y = int(year) if len(year) == 4 else 2000 + int(year)
        if date_order == "dmy":
            return _ordinal(y, b, a, value)
        if date_order == "mdy":
            return _ordinal(y, a, b, value)
        return Bad(
            f"日期「{value}」分不清是日/月/年还是月/日/年",
            "bad_date",
        )
    lowered = text.lower()
    m = _DAY_MONTH_YEAR.search(lowered)
    if m and m.group(2) in _MONTHS:
        return _ordinal(int(m.group(3)), _MONTHS[m.group(2)], int(m.group(1)), value)
    m = _MONTH_DAY_YEAR.search(lowered)
    if m and m.group(1) in _MONTHS:
        return _ordinal(int(m.group(3)), _MONTHS[m.group(1)], int(m.group(2)), value)
    if re.match(r"^\d{1,2}[:：]\d{2}", text):
        return Bad(f"只有时间「{value}」没有日期", "bad_date")
    return Bad(f"日期「{value}」无法识别", "bad_date")


_PLAIN_TAIL = re.compile(r"[ T]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\+08:?00)?")


class DayParser:
    """``parse_day`` with caches, for the hot path.

    Values are cached whole (up to ``limit`` distinct values). Timestamps with a
    plain time of day (``2025/3/5 14:20``, ``2025-03-05T14:20:00+08:00``) are
    also split: the date part is parsed once and the time part only checked, so
    a million distinct minutes cost little.
    """

    __slots__ = ("cache", "heads", "date_order", "limit")

    def __init__(self, date_order: str | None = None, limit: int = 200_000):
        self.cache: dict[Any, int | Bad | None] = {}
        self.heads: dict[str, int | Bad | None] = {}
        self.date_order = date_order
        self.limit = limit

    def __call__(self, value: Any) -> int | Bad | None:
        try:
            return self.cache[value]
        except KeyError:
            return self.miss(value)
        except TypeError:  # unhashable: never from our readers
            return parse_day(value, self.date_order)

    def miss(self, value: Any) -> int | Bad | None:
        """Parse a value known not to be in ``cache`` (the hot loop looks there first)."""
        if value.__class__ is str:
            cut = value.find(" ", 6)
            if cut < 0:
                cut = value.find("T", 6)
            if cut > 0 and _PLAIN_TAIL.fullmatch(value, cut):
                head = value[:cut]
                result = self.heads.get(head)
                if result is None:
                    result = self.heads[head] = parse_day(head, self.date_order)
                if result.__class__ is int:
                    return result  # not cached whole: the date part is
        result = parse_day(value, self.date_order)
        if len(self.cache) < self.limit:
            self.cache[value] = result
        return result


# --------------------------------------------------------------------------
# Hours, scores, statuses
# --------------------------------------------------------------------------

_HOURS = re.compile(
    r"^([0-9]+(?:\.[0-9]+)?)\s*(学时|课时|小时|个小时|h|hr|hrs|hour|hours|分钟|分|min|mins|minutes)?$", re.IGNORECASE
)
_MINUTE_UNITS = {"分钟", "分", "min", "mins", "minutes"}


def parse_hours(value: Any, minutes_per_hour: float = 60.0, unit: str = "学时") -> float | Bad | None:
    """学时 of a cell: 2, 1.5, 「2学时」, 「2 小时」, 「90分钟」.

    ``unit`` is the column's unit when its header says so (``"分钟"`` for
    时长（分钟）); minutes are converted with ``minutes_per_hour`` (a plan
    setting). Returns None for an empty cell.
    """
    if value is None:
        return None
    if isinstance(value, bool):
        return Bad(f"学时「{value}」无法识别", "bad_hours")
    if isinstance(value, (int, float)):
        if isinstance(value, float) and math.isnan(value):
            return None
        number, word = float(value), unit
    elif isinstance(value, _dt.time):
        return value.hour + value.minute / 60 + value.second / 3600
    elif isinstance(value, _dt.timedelta):
        return value.total_seconds() / 3600
    else:
        text = "".join(to_halfwidth(str(value)).split())
        if not text:
            return None
        m = _HOURS.match(text)
        if not m:
            hms = re.match(r"^(\d{1,3}):(\d{2})(?::(\d{2}))?$", text)
            if hms:
                return int(hms.group(1)) + int(hms.group(2)) / 60 + int(hms.group(3) or 0) / 3600
            return Bad(f"学时「{value}」无法识别", "bad_hours")
        number, word = float(m.group(1)), (m.group(2) or unit)
    if number < 0 or number > 10_000:
        return Bad(f"学时「{value}」不合理", "bad_hours")
    if word.lower() in _MINUTE_UNITS:
        return number / minutes_per_hour
    return number


_SCORE = re.compile(r"^([0-9]+(?:\.[0-9]+)?)\s*(?:分|%|％)?(?:/([0-9]+(?:\.[0-9]+)?))?$")


def parse_score(value: Any) -> float | Bad | None:
    """A score in percent: 85, 「85分」, 「85%」, 「8.5/10」. None when empty."""
    if value is None:
        return None
    if isinstance(value, bool):
        return Bad(f"成绩「{value}」无法识别", "bad_score")
    if isinstance(value, (int, float)):
        if isinstance(value, float) and math.isnan(value):
            return None
        number = float(value)
    else:
        text = "".join(to_halfwidth(str(value)).split())
        if not text or text in ("-", "--", "—"):
            return None
        m = _SCORE.match(text)
        if not m:
            return Bad(f"成绩「{value}」无法识别", "bad_score")
        number = float(m.group(1))
        if m.group(2):
            top = float(m.group(2))
            if top <= 0:
                return Bad(f"成绩「{value}」无法识别", "bad_score")
            number = number * 100 / top
    if number < 0 or number > 100:
        return Bad(f"成绩「{value}」不在 0–100 之间", "bad_score")
    return number


_DONE = {
    "已完成", "完成", "是", "合格", "通过", "已通过", "已合格", "已签到", "签到", "出席", "已参加", "参加",
    "y", "yes", "true", "1", "√", "✓", "✔", "completed", "complete", "passed", "pass", "done",
    "completed(achievedpassgrade)", "completed(passgrade)",
}
_NOT_DONE = {
    "未完成", "否", "不合格", "未通过", "未签到", "缺勤", "缺席", "请假", "学习中", "进行中", "未开始", "未参加",
    "n", "no", "false", "0", "×", "✗", "notcompleted", "incomplete", "failed", "fail", "inprogress",
    "completed(didnotachievepassgrade)", "completed(failgrade)",
}


def parse_result(value: Any) -> bool | Bad | None:
    """Whether a status cell (完成状态, 是否合格…) says completed. None when empty."""
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    key = fold_key(value)
    if not key:
        return None
    if key in _DONE:
        return True
    if key in _NOT_DONE:
        return False
    return Bad(f"完成状态「{value}」无法识别", "bad_status")


def part_of(value: Any, aliases: dict[str, str]) -> str | None:
    """The part named by a 培训形式 cell, or None when it names none."""
    key = fold_key(value)
    if not key:
        return None
    return aliases.get(key)
