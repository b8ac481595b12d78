"""Text of a PDF printed by Chromium, in a form that Chinese text can be looked up in.

Chromium (Skia) writes each embedded font's ToUnicode map with one code point
per glyph, and the Noto CJK fonts share glyphs between CJK ideographs and the
look-alike radical characters: the extracted text of 行 can come out as ⾏
(KANGXI RADICAL WALK), 页 as ⻚ (CJK RADICAL C-SIMPLIFIED LEAF). NFKC folds
the Kangxi radicals; the table below folds the CJK Radicals Supplement
characters that have a unified ideograph (Unicode's
EquivalentUnifiedIdeograph.txt). Whitespace is dropped, since line breaks and
spaces fall anywhere in extracted text.
"""

from __future__ import annotations

import io
import re
import unicodedata

from pypdf import PdfReader

_SUPPLEMENT = {
    0x2E8C: "小", 0x2E8D: "小", 0x2E97: "心", 0x2E9F: "母", 0x2EA0: "民", 0x2EA7: "牛", 0x2EAA: "疋",
    0x2EAE: "竹", 0x2EB3: "网", 0x2EB9: "老", 0x2EBC: "肉", 0x2EBE: "艸", 0x2EBF: "艸", 0x2EC0: "艸",
    0x2EC4: "西", 0x2EC6: "角", 0x2EC8: "讠", 0x2EC9: "贝", 0x2ECB: "车", 0x2ED1: "長", 0x2ED2: "镸",
    0x2ED3: "长", 0x2ED4: "门", 0x2ED6: "阝", 0x2ED7: "雨", 0x2ED8: "青", 0x2ED9: "韦", 0x2EDA: "页",
    0x2EDB: "风", 0x2EDC: "飞", 0x2EDD: "食", 0x2EDF: "飠", 0x2EE0: "饣", 0x2EE2: "马", 0x2EE3: "骨",
    0x2EE4: "鬼", 0x2EE5: "鱼", 0x2EE6: "鸟", 0x2EE7: "卤", 0x2EE8: "麦", 0x2EE9: "黄", 0x2EEA: "黾",
    0x2EEB: "斉", 0x2EEC: "齐", 0x2EED: "歯", 0x2EEE: "齿", 0x2EEF: "竜", 0x2EF0: "龙", 0x2EF1: "龜",
    0x2EF2: "亀", 0x2EF3: "龟",
}


def fold(text: str) -> str:
    """``text`` with radicals folded to ideographs and without whitespace."""
    text = unicodedata.normalize("NFKC", text).translate(_SUPPLEMENT)
    return re.sub(r"\s+", "", text)


def pdf_pages(data: bytes) -> list[str]:
    """The folded text of each page of a PDF."""
    return [fold(page.extract_text() or "") for page in PdfReader(io.BytesIO(data)).pages]
