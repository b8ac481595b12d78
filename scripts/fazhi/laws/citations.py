"""Citations of law articles in text, and checking them against the law database.

Forms recognised (numbers in Chinese or Arabic digits)::

    《中华人民共和国行政处罚法》第三十三条
    《行政处罚法》第三十三条第二款
    《行政处罚法》第六十四条第一款第（一）项      (also 第一项, 第(一)项)
    《刑法》第一百二十条之一
    《行政处罚法》第三十九条、第四十七条          (further articles of the same law,
    《行政处罚法》第三十三条第一款、第二款          joined by 、和及与或或者以及至到)

The name is the full name, the name without 中华人民共和国, or a known
abbreviation (config.BUILTIN_ALIASES, ``extra.law_library.aliases``). Exact
names only: 《行政复议法实施条例》 is not 《行政复议法》.

A citation of an earlier version is not checked against the current text:
a year in brackets after the name (《行政复议法》（2017年修正）第九条) or 原 /
修订前的 before it (原《行政复议法》第九条). A bare later reference to another
article without the law's name (……，第三十四条规定……) is not a citation.

A 《name》 without an article number is a mention of the law: a law the
database holds is put in the library and linked to its page.

Quotes (see docs/guide/maintainers.md, “引用法律”):

- inline: a citation, then 规定 and/or a colon, then text in “…” or 「…」: the
  quoted text must be part of the cited article (or 款, 项), whitespace aside;
- block: a Markdown blockquote whose first line is a citation (alone, or
  followed by a colon and text): the rest must be the whole cited article (or
  款, 项), whitespace aside.

In both, …… marks an omission; inner quotation marks ‘’ equal “”, and the
Markdown emphasis marks * and _ are ignored.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from fazhi.laws.database import Article, Law, LawDatabase
from fazhi.laws.numerals import NUMBER_CHARS, to_chinese, to_int

NUM = f"[{NUMBER_CHARS}]+"
NAME_RE = re.compile(r"《([^《》\n]{1,60})》")
VERSION_RE = re.compile(r"\s*[（(]([^（）()\n]{0,30}?\d{4}\s*年[^（）()\n]{0,30}?)[）)]")
ARTICLE_RE = re.compile(rf"\s*第\s*({NUM})\s*条(?:\s*之\s*({NUM}))?")
PARA_RE = re.compile(rf"\s*第\s*({NUM})\s*款")
ITEM_RE = re.compile(rf"\s*第\s*(?:[（(]\s*({NUM})\s*[）)]|({NUM}))\s*项")
SEP_RE = re.compile(r"\s*(?:、|以及|或者|和|及|或|与|至|到)")
HISTORICAL_BEFORE = ("原", "旧", "修订前的", "修正前的", "修改前的")
QUOTE_INTRO_RE = re.compile(r"\s*(?:(?:的规定|明确规定|规定)\s*[：:]?|[：:])\s*([“「])")
CLOSING = {"“": "”", "「": "」"}
ELLIPSIS_RE = re.compile(r"……|…|⋯⋯|⋯|\.{3,}")
IGNORED_RE = re.compile(r"[\s\u200b\u3000*_]+")
QUOTE_MARKS = str.maketrans({"‘": "“", "’": "”"})


@dataclass(frozen=True)
class Ref:
    """One article (or 款, 项 of it) that a citation points at."""

    start: int
    end: int
    article: int
    sub: int = 0
    para: int | None = None
    item: int | None = None

    def article_label(self) -> str:
        return f"第{to_chinese(self.article)}条" + (f"之{to_chinese(self.sub)}" if self.sub else "")

    def label(self) -> str:
        text = self.article_label()
        if self.para:
            text += f"第{to_chinese(self.para)}款"
        if self.item:
            text += f"第（{to_chinese(self.item)}）项"
        return text


@dataclass
class Citation:
    """《name》 and the articles after it (none for a mere mention of the law)."""

    start: int
    end: int
    name: str
    name_end: int
    refs: list[Ref] = field(default_factory=list)
    version: str | None = None
    historical: bool = False

    @property
    def is_mention(self) -> bool:
        return not self.refs


def _number(text: str | None) -> int | None:
    return to_int(text) if text else None


def _parse_refs(text: str, pos: int) -> list[Ref]:
    """The articles cited from ``pos`` on: 第…条[第…款][第…项], then more joined by 、和及至….

    After a separator, 第…款 continues the previous article and 第…项 the previous 款.
    """
    refs: list[Ref] = []
    match = ARTICLE_RE.match(text, pos)
    while match:
        start = match.start() + len(match.group(0)) - len(match.group(0).lstrip())
        end = match.end()
        if match.re is ARTICLE_RE:
            article, sub = _number(match.group(1)), _number(match.group(2)) or 0
            para = item = None
            para_match = PARA_RE.match(text, end)
            if para_match:
                para, end = _number(para_match.group(1)), para_match.end()
        elif match.re is PARA_RE:
            article, sub, para, item = refs[-1].article, refs[-1].sub, _number(match.group(1)), None
        else:
            article, sub, para = refs[-1].article, refs[-1].sub, refs[-1].para
            item = _number(match.group(1) or match.group(2))
        if match.re is not ITEM_RE:
            item_match = ITEM_RE.match(text, end)
            if item_match:
                item, end = _number(item_match.group(1) or item_match.group(2)), item_match.end()
        if article is None:
            break
        refs.append(Ref(start, end, article, sub, para, item))
        sep = SEP_RE.match(text, end)
        if not sep:
            break
        match = ARTICLE_RE.match(text, sep.end()) or PARA_RE.match(text, sep.end()) or ITEM_RE.match(text, sep.end())
    return refs


def find_citations(text: str) -> list[Citation]:
    """Every 《name》 in ``text``, with the articles cited right after it."""
    found: list[Citation] = []
    for name_match in NAME_RE.finditer(text):
        name = name_match.group(1).strip()
        pos = name_match.end()
        version = None
        version_match = VERSION_RE.match(text, pos)
        if version_match and ARTICLE_RE.match(text, version_match.end()):
            version, pos = version_match.group(1).strip(), version_match.end()
        refs = _parse_refs(text, pos)
        before = text[max(0, name_match.start() - 4):name_match.start()]
        historical = version is not None or before.endswith(HISTORICAL_BEFORE)
        end = refs[-1].end if refs else name_match.end()
        found.append(Citation(name_match.start(), end, name, name_match.end(), refs, version, historical))
    return found


def citation_text(text: str, citation: Citation) -> str:
    return text[citation.start:citation.end]


# --- checking ----------------------------------------------------------------

VERIFIED, UNVERIFIABLE, FAILED = "verified", "unverifiable", "failed"


@dataclass
class RefCheck:
    """What the database says about one Ref of a citation."""

    ref: Ref
    status: str
    law: Law | None = None
    article: Article | None = None
    reason: str = ""  # why unverifiable / what is wrong (Chinese)
    hint: str = ""
    group: str = ""  # unverifiable: what to group it under in the report


def check_citation(citation: Citation, db: LawDatabase) -> list[RefCheck]:
    """One RefCheck per article the citation names (none for a mention)."""
    checks: list[RefCheck] = []
    if citation.historical:
        for ref in citation.refs:
            checks.append(RefCheck(ref, UNVERIFIABLE, reason="引用的是以前的版本，只核对现行版本", group=f"《{citation.name}》以前的版本"))
        return checks
    law = db.law(citation.name)
    if law is None:
        versions = db.known_not_current(citation.name)
        if versions:
            reason = f"数据库中只有该法律的非现行版本（{'；'.join(versions)}），无法核对现行条文"
        else:
            reason = "数据库未收录（行政法规、地方性法规、司法解释和规范性文件都不在库中）"
        for ref in citation.refs:
            checks.append(RefCheck(ref, UNVERIFIABLE, reason=reason, group=f"《{citation.name}》"))
        return checks
    for ref in citation.refs:
        checks.append(check_ref(ref, law))
    return checks


def _count_text(law: Law) -> str:
    last = law.articles[-1] if law.articles else None
    return f"现行的 {law.version_date} 版共 {len(law.articles)} 条" + (f"，最后一条是{last.label}" if last else "")


def check_ref(ref: Ref, law: Law) -> RefCheck:
    article = law.article(ref.article, ref.sub)
    name = f"《{law.short}》"
    if article is None:
        return RefCheck(ref, FAILED, law, None, f"{name}没有{ref.article_label()}（{_count_text(law)}）", "核对条号；法律修改后条号常有变化，请对照本站法律法规库中的现行文本")
    if ref.para is not None:
        if not 1 <= ref.para <= len(article.paragraphs):
            return RefCheck(ref, FAILED, law, article, f"{name}{article.label}只有 {len(article.paragraphs)} 款，没有第{to_chinese(ref.para)}款", "核对款号（每一自然段是一款，以（一）（二）开头的是项）")
        if ref.item is not None:
            items = article.paragraphs[ref.para - 1].items
            if not 1 <= ref.item <= len(items):
                return RefCheck(ref, FAILED, law, article, f"{name}{article.label}第{to_chinese(ref.para)}款" + (f"只有 {len(items)} 项" if items else "没有分项") + f"，没有第（{to_chinese(ref.item)}）项", "核对项号")
    elif ref.item is not None and not 1 <= ref.item <= len(article.items):
        return RefCheck(ref, FAILED, law, article, f"{name}{article.label}" + (f"只有 {len(article.items)} 项" if article.items else "没有分项") + f"，没有第（{to_chinese(ref.item)}）项", "核对项号")
    return RefCheck(ref, VERIFIED, law, article)


def unit_text(article: Article, ref: Ref) -> str:
    """The text a ref points at: the article, or its 款, or its 项."""
    if ref.para is not None:
        paragraph = article.paragraphs[ref.para - 1]
        if ref.item is not None:
            return paragraph.items[ref.item - 1]
        return paragraph.full_text()
    if ref.item is not None:
        return article.items[ref.item - 1]
    return "\n".join(article.lines)


# --- quotes ------------------------------------------------------------------


@dataclass
class Quote:
    """Quoted text attributed to a citation. ``whole``: a block quote, of the whole cited text."""

    text: str
    whole: bool
    start: int = 0  # offset of the quoted text in the scanned text (inline quotes)


def inline_quote_after(text: str, citation: Citation) -> Quote | None:
    """The “…” quoted right after ``citation`` (after 规定 and a colon), if any."""
    match = QUOTE_INTRO_RE.match(text, citation.end)
    if not match:
        return None
    opening = match.group(1)
    closing = CLOSING[opening]
    depth, pos = 1, match.end()
    while pos < len(text):
        char = text[pos]
        if char == opening:
            depth += 1
        elif char == closing:
            depth -= 1
            if depth == 0:
                return Quote(text[match.end():pos], whole=False, start=match.end())
        pos += 1
    return None


def normalize(text: str) -> str:
    """Text as compared: no whitespace or emphasis marks, inner quotation marks as “”."""
    return IGNORED_RE.sub("", text).translate(QUOTE_MARKS)


def _pieces(quote: str) -> tuple[list[str], bool, bool]:
    norm = normalize(quote)
    parts = ELLIPSIS_RE.split(norm)
    open_start = bool(ELLIPSIS_RE.match(norm))
    open_end = bool(parts) and parts[-1] == "" and norm != ""
    return [p for p in parts if p], open_start, open_end


def _strip_outer_marks(norm: str) -> str:
    for opening, closing in CLOSING.items():
        if norm.startswith(opening) and norm.endswith(closing):
            return norm[1:-1]
    return norm


def quote_matches(quote: Quote, unit: str) -> bool:
    """Whether ``quote`` is faithful to the cited text ``unit``."""
    text = quote.text
    if quote.whole:
        text = _strip_outer_marks(normalize(text))
    pieces, open_start, open_end = _pieces(text)
    if not pieces:
        return True
    units = [normalize(unit)]
    item = re.match(r"^[（(][一二三四五六七八九十]+[）)]", units[0])
    if item:
        units.append(units[0][item.end():])
    pattern = ".*?".join(re.escape(p) for p in pieces)
    for candidate in units:
        if quote.whole:
            regex = ("(?s)" + (".*?" if open_start else "") + pattern + (".*" if open_end else ""))
            if re.fullmatch(regex, candidate):
                return True
        elif re.search("(?s)" + pattern, candidate):
            return True
    return False


def _mark(a: str, b: str, context: int = 12) -> str:
    """``b`` against ``a``: 【-…-】 is in ``a`` only, 【+…+】 in ``b`` only; long equal runs shortened."""
    out = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    opcodes = matcher.get_opcodes()
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            chunk = a[i1:i2]
            first, last = index == 0, index == len(opcodes) - 1
            if len(chunk) > 2 * context + 2:
                head = "" if first else chunk[:context]
                tail = "" if last else chunk[-context:]
                chunk = head + "……" + tail
            out.append(chunk)
        else:
            if i2 > i1:
                out.append(f"【-{a[i1:i2]}-】")
            if j2 > j1:
                out.append(f"【+{b[j1:j2]}+】")
    return "".join(out)


def _best_window(unit: str, piece: str) -> str:
    matcher = difflib.SequenceMatcher(None, unit, piece, autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size]
    if not blocks:
        return unit[: len(piece)]
    start = max(0, blocks[0].a - blocks[0].b)
    end = min(len(unit), blocks[-1].a + blocks[-1].size + (len(piece) - blocks[-1].b - blocks[-1].size))
    return unit[start:end]


def quote_difference(quote: Quote, unit: str) -> str:
    """A readable account of how ``quote`` differs from the cited text ``unit``."""
    norm_unit = normalize(unit)
    text = _strip_outer_marks(normalize(quote.text)) if quote.whole else normalize(quote.text)
    pieces, _open_start, _open_end = _pieces(text)
    if quote.whole and len(pieces) == 1 and not ELLIPSIS_RE.search(text):
        return "差异：" + _mark(norm_unit, pieces[0])
    lines = []
    pos = 0
    for piece in pieces:
        found = norm_unit.find(piece, pos)
        if found >= 0:
            pos = found + len(piece)
            continue
        window = _best_window(norm_unit, piece)
        lines.append("差异：" + _mark(window, piece))
    return "\n".join(lines) or "差异：引文各部分都能在原文中找到，但顺序或首尾与原文不符"
