"""Turn citations in a page's rendered HTML into links to the law library.

Only text outside links, code, headings, form controls, labels, scripts and
styles is touched, and outside quiz questions (``.quiz-question``: a tooltip
there would show the answer before the learner gives it; the explanation,
shown after answering, is linked) and anything an author marks with the
class ``fazhi-nolink``. A verified citation becomes
``<a class="fazhi-cite" href="…#a33" title="《…》第三十三条：…">``: Material's
``content.tooltips`` shows the title as a tooltip on hover and focus, and
docs/assets/javascripts/law-citations.js makes a first tap on a phone show it
(a second tap follows the link). A mention of a law the library holds
(《行政处罚法》 alone) links to the law's page. Unverifiable and wrong
citations stay plain text.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from fazhi.laws.citations import VERIFIED, check_citation, find_citations, unit_text
from fazhi.laws.database import LawDatabase

TOKEN_RE = re.compile(r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<![^>]*>|<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\"[^\"]*\"|'[^']*'|[^'\">])*)>|[^<]+|<", re.S)
SKIP = {"a", "code", "pre", "kbd", "samp", "script", "style", "textarea", "select", "option", "button", "label", "svg", "math", "title",
        "h1", "h2", "h3", "h4", "h5", "h6"}
SKIP_CLASSES = {"quiz-question", "fazhi-nolink"}
CLASS_RE = re.compile(r"""\bclass\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
RAW_TEXT = {"script", "style", "textarea", "title"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
TOOLTIP_LIMIT = 240
# Material inserts the title into the tooltip as HTML: keep markup characters out of it.
TOOLTIP_SAFE = str.maketrans({"<": "＜", ">": "＞", "&": "＆"})


def tooltip(title: str, text: str) -> str:
    text = " ".join(text.split("\n"))
    if len(text) > TOOLTIP_LIMIT:
        text = text[:TOOLTIP_LIMIT].rstrip("，、；：") + "……"
    return f"{title}：{text}".translate(TOOLTIP_SAFE)


def _link(url: str, title: str, label: str, kind: str) -> str:
    return (
        f'<a class="fazhi-cite fazhi-cite--{kind}" href="{html.escape(url)}" '
        f'title="{html.escape(title)}">{label}</a>'
    )


def link_text(text: str, db: LawDatabase, url_for: Callable[[str], str | None]) -> str:
    """``text`` (an HTML text node) with its citations linked; ``url_for(law name)`` gives the law page's URL."""
    citations = find_citations(text)
    if not citations:
        return text
    out: list[str] = []
    pos = 0
    for citation in citations:
        if citation.historical:
            continue
        law = db.law(citation.name)
        if law is None:
            continue
        base = url_for(law.name)
        if base is None:
            continue
        if citation.is_mention:
            out.append(text[pos:citation.start])
            title = f"《{law.name}》（{law.version_date} 版，{law.status}）：打开全文"
            out.append(_link(base, title.translate(TOOLTIP_SAFE), text[citation.start:citation.end], "law"))
            pos = citation.end
            continue
        checks = check_citation(citation, db)
        for index, check in enumerate(checks):
            ref = check.ref
            start = citation.start if index == 0 else ref.start
            out.append(text[pos:start])
            label = text[start:ref.end]
            if check.status == VERIFIED:
                title = tooltip(f"《{law.short}》{ref.label()}", unit_text(check.article, ref))
                out.append(_link(f"{base}#{check.article.anchor}", title, label, "article"))
            else:
                out.append(label)
            pos = ref.end
    out.append(text[pos:])
    return "".join(out)


def _skips(tag: str, attrs: str) -> bool:
    if tag in SKIP:
        return True
    match = CLASS_RE.search(attrs)
    if match:
        classes = set((match.group(1) or match.group(2) or match.group(3) or "").split())
        return bool(classes & SKIP_CLASSES)
    return False


def link_citations(content: str, db: LawDatabase, url_for: Callable[[str], str | None]) -> str:
    """``content`` (a page's HTML) with the citations in its text linked."""
    if "《" not in content:
        return content
    out: list[str] = []
    stack: list[tuple[str, bool]] = []  # open elements: (tag, whether its text is left alone)
    skipping = 0
    pos = 0
    length = len(content)
    while pos < length:
        match = TOKEN_RE.match(content, pos)
        token = match.group(0)
        pos = match.end()
        tag = (match.group(2) or "").lower()
        if tag:
            out.append(token)
            if match.group(1) == "/":
                for index in range(len(stack) - 1, -1, -1):
                    if stack[index][0] == tag:
                        skipping -= sum(flag for _tag, flag in stack[index:])
                        del stack[index:]
                        break
                continue
            if tag in RAW_TEXT:
                end = re.compile(rf"</{tag}\s*>", re.I).search(content, pos)
                stop = end.end() if end else length
                out.append(content[pos:stop])
                pos = stop
                continue
            if tag in VOID or token.endswith("/>"):
                continue
            flag = _skips(tag, match.group(3) or "")
            stack.append((tag, flag))
            skipping += flag
            continue
        if token.startswith("<") or skipping or "《" not in token:
            out.append(token)
        else:
            out.append(link_text(token, db, url_for))
    return "".join(out)
