"""Chinese numerals as used in article, paragraph and item numbers (第一百二十条, 第（三）项)."""

from __future__ import annotations

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
UNITS = {"十": 10, "百": 100, "千": 1000}
FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")

# Characters a number may be written with (for regular expressions).
NUMBER_CHARS = "0-9０-９零〇一二三四五六七八九十百千两"


def to_int(text: str) -> int | None:
    """三十三 → 33, 一百零一 → 101, 十 → 10, 33 → 33; None when it is not a number."""
    text = (text or "").strip().translate(FULLWIDTH)
    if not text:
        return None
    if text.isdigit():
        return int(text)
    total = 0
    current = None
    for char in text:
        if char in DIGITS:
            if current is not None and current != 0:
                return None  # two digits in a row (e.g. 三三) is not how laws number articles
            current = DIGITS[char]
        elif char in UNITS:
            total += (1 if current is None else current) * UNITS[char]
            current = None
        else:
            return None
    return total + (current or 0)


def to_chinese(number: int) -> str:
    """33 → 三十三, 10 → 十, 110 → 一百一十, 101 → 一百零一 (as laws number their articles)."""
    if number < 0 or number >= 10000:
        raise ValueError(number)
    if number == 0:
        return "零"
    names = "零一二三四五六七八九"
    parts: list[str] = []
    zero = False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = number // value % 10
        if digit:
            if zero and parts:
                parts.append("零")
            parts.append(names[digit] + unit)
            zero = False
        else:
            zero = True
    text = "".join(parts)
    if text.startswith("一十"):
        text = text[1:]
    return text
