"""What the build adds to typed pages: Markdown before rendering, HTML wrappers after.

Plain functions from the validated models (:mod:`fazhi.content.model`) and the
checked site (:class:`~fazhi.content.check.ContentSite`) to text; the build hook
scripts/hooks/content_pages.py calls them, tests call them directly.

Markdown (``on_page_markdown``, before mkdocs-quiz and the quiz-module hook):

- a summary box under the page title of kits, modules and part pages, in the
  manner of the Carpentries' lesson overview (时长 / 学时, 适用对象, 阅读材料,
  学习目标 from the front matter), with the print buttons on kits and lecture
  pages;
- the 12-row table of the year plan under ``## 全年安排``, linking each
  session's kit when that page exists (relative links: the site works under
  any sub-path), 「材料包编写中」 otherwise;
- the table of a module's three parts with their 学时 and the total, under
  ``## 三个环节``;
- the label of a teaching case (教学案例) or the source of a published case;
- for kits, an answer key of the questions the page embeds (answer, 解析,
  依据), at the end of ``## 领学人提示``, collapsed and kept out of search.

HTML (``on_page_content``, after everything else): the presenter-only
section (领学人提示 / 主讲人指南) and the observation record form (观摩记录表)
are wrapped in ``<div class="fazhi-presenter">`` / ``<div
class="fazhi-record-form">`` for the print stylesheet
(docs/assets/stylesheets/print.css).
"""

from __future__ import annotations

import html
import posixpath
import re

from fazhi.content.check import ContentSite, kit_src
from fazhi.content.model import PARTS, PUBLIC, Case, ContentPage, Kit, Module, Part, Plan
from fazhi.content.pages import split_sections
from fazhi.quiz_check import find_embeds
from fazhi.quizzes import BLANK_RE, Question, QuizModule

__all__ = [
    "TEACHING_LABEL",
    "WRITING",
    "PRESENTER_CLASS",
    "RECORD_FORM_CLASS",
    "page_extras",
    "summary_markdown",
    "plan_table",
    "hours_table",
    "case_label",
    "answer_key",
    "print_buttons",
    "insert_after_title",
    "insert_in_section",
    "wrap_section",
]

#: The visible label of a case composed for teaching.
TEACHING_LABEL = "本案例根据执法工作中的常见情形编写，用于教学，不是真实案件；当事人均为代称。"
#: Shown in the year plan for a session whose kit page does not exist yet.
WRITING = "材料包编写中"
PRESENTER_CLASS = "fazhi-presenter"
RECORD_FORM_CLASS = "fazhi-record-form"
QUIZ_PAGES_DIR = "quizzes"  # the quiz-module hook's generated pages: quizzes/<id>.md

_ESCAPE_RE = re.compile(r"([\\`*_\[\]#])")
_H1_RE = re.compile(r"^ {0,3}#(?!#)[ \t]")


# --------------------------------------------------------------------------
# Small Markdown helpers
# --------------------------------------------------------------------------


def _text(value: str) -> str:
    """Plain text from the front matter as inline Markdown: one line, no markup."""
    value = " ".join(str(value).split())
    return _ESCAPE_RE.sub(r"\\\1", value).replace("<", "&lt;")


def _cell(value: str) -> str:
    return _text(value).replace("|", "\\|")


def _rel(target: str, from_src: str) -> str:
    """Relative Markdown link target from page ``from_src`` to ``target`` (both docs-relative .md paths)."""
    path, _, anchor = target.partition("#")
    rel = posixpath.relpath(path, posixpath.dirname(from_src) or ".")
    return rel + (f"#{anchor}" if anchor else "")


def _hours(value: float) -> str:
    return f"{value:g}"


def _indent(block: str, prefix: str = "    ") -> str:
    return "\n".join(prefix + line if line.strip() else "" for line in block.splitlines())


def _admonition(kind: str, css: str, title: str, body: str) -> str:
    return f'!!! {kind} {css} "{title}"\n\n{_indent(body)}\n'


def _bullets(items) -> str:
    return "\n".join(f"- {_text(item)}" for item in items)


def _quiz_link(module_id: str, site: ContentSite, from_src: str) -> str:
    module = site.quiz_modules.get(module_id)
    title = _text(module.title) if module else module_id
    return f"[{title}]({_rel(f'{QUIZ_PAGES_DIR}/{module_id}.md', from_src)})"


# --------------------------------------------------------------------------
# Inserting into a page's Markdown
# --------------------------------------------------------------------------


def insert_after_title(markdown: str, block: str) -> str:
    """``block`` after the page's H1 (when the page starts with one), else at the top."""
    lines = markdown.split("\n")
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        if _H1_RE.match(line):
            return "\n".join(lines[: index + 1] + ["", block, ""] + lines[index + 1 :])
        break
    return block + "\n\n" + markdown


def insert_in_section(markdown: str, title: str, block: str, at: str = "start") -> str:
    """``block`` right under the heading ``## title`` (at="start") or at the end of its section (at="end")."""
    lines = markdown.split("\n")
    section = next((s for s in split_sections(lines) if s.title == title), None)
    if section is None:
        return markdown
    if at == "start":
        where = section.line  # 1-based line of the heading → insert after it
    else:
        where = section.end
        while where > section.line and not lines[where - 1].strip():
            where -= 1
    return "\n".join(lines[:where] + ["", block, ""] + lines[where:])


# --------------------------------------------------------------------------
# The blocks
# --------------------------------------------------------------------------


def print_buttons(page: ContentPage) -> str:
    """The two print buttons (shown by docs/assets/javascripts/print-mode.js, hidden without it)."""
    who = "主讲人" if page.type == "zhifa-lecture" else "领学人"
    extra = "（含答案）" if page.type == "huiqian-kit" else ""
    return (
        '<div class="fazhi-print-buttons" hidden>'
        '<button type="button" class="md-button" data-fazhi-print="learner">打印讲义</button> '
        f'<button type="button" class="md-button" data-fazhi-print="presenter">打印{who}版{extra}</button>'
        "</div>"
    )


OBJECTIVES_SECTION = "学习目标"
_OBJECTIVES_LEAD = {
    "huiqian-kit": "学完本期，能够：",
    "zhifa-module": "完成本模块后，能够：",
    "zhifa-online": "完成本环节后，能够：",
}


def _objectives_written(page: ContentPage) -> bool:
    """Whether the page's 学习目标 section has text of its own (then the box does not repeat the list)."""
    section = page.source.section(OBJECTIVES_SECTION)
    return section is not None and bool(re.sub(r"<!--.*?-->", "", section.text, flags=re.S).strip())


def _objectives_row(page: ContentPage) -> list[str]:
    """The summary box's 学习目标 row: only when the page does not show the objectives in its own section."""
    objectives = getattr(page, "objectives", ())
    if not objectives or page.source.section(OBJECTIVES_SECTION) is not None:
        return []
    return ["- **学习目标**：\n" + _indent(_bullets(objectives))]


def objectives_markdown(page: ContentPage) -> str:
    """The list that fills an empty 学习目标 section, from the front matter's ``objectives``."""
    objectives = getattr(page, "objectives", ())
    if not objectives:
        return ""
    return _OBJECTIVES_LEAD.get(page.type, "能够：") + "\n\n" + _bullets(objectives)


def summary_markdown(page: ContentPage, site: ContentSite) -> str:
    """The summary box of a kit, module or part page ('' for other types)."""
    if isinstance(page, Kit):
        rows = [f"- **主题**：{_text(page.topic)}", f"- **时长**：{page.minutes} 分钟"]
        rows.append("- **适用对象**：" + "、".join(_text(a) for a in page.audience))
        rows.append("- **阅读材料**：\n" + _indent(_bullets(page.readings)))
        rows += _objectives_row(page)
        if page.quiz:
            rows.append(f"- **小测验**：{_quiz_link(page.quiz, site, page.src)}")
        return _admonition("abstract", "fazhi-summary", "本期概要", "\n".join(rows)) + "\n" + print_buttons(page)
    if isinstance(page, Module):
        rows = []
        if page.field_name:
            rows.append(f"- **领域**：{_text(page.field_name)}")
        parts = "，".join(f"{p} {_hours(page.hours[p])}" for p in PARTS if p in page.hours)
        rows.append(f"- **学时**：共 {_hours(page.total_hours)} 学时（{parts}）")
        rows += _objectives_row(page)
        if page.quiz:
            rows.append(f"- **测验**：{_quiz_link(page.quiz, site, page.src)}")
        return _admonition("abstract", "fazhi-summary", "模块概要", "\n".join(rows))
    if isinstance(page, Part):
        module = site.module_of(page)
        rows = []
        if module is not None:
            rows.append(f"- **所属模块**：[{_text(module.title)}]({_rel(module.src, page.src)})")
            hours = module.hours.get(page.part)
            rows.append(f"- **环节**：{page.part}" + (f"，{_hours(hours)} 学时" if hours is not None else ""))
        else:
            rows.append(f"- **环节**：{page.part}")
        rows += _objectives_row(page)
        if page.type == "zhifa-online" and module is not None and module.quiz:
            rows.append(f"- **测验**：{_quiz_link(module.quiz, site, page.src)}")
        box = _admonition("abstract", "fazhi-summary", "本环节概要", "\n".join(rows))
        return box + ("\n" + print_buttons(page) if page.type == "zhifa-lecture" else "")
    return ""


def plan_table(plan: Plan, site: ContentSite) -> str:
    """The 12-row table of a year plan."""
    lines = ["| 月份 | 主题 | 会议 | 阅读材料 | 材料包 |", "| --- | --- | --- | --- | --- |"]
    written = 0
    for session in plan.sessions:
        kit = site.kit_page(session.kit) if session.kit else None
        if kit is not None:
            written += 1
            cell = f"[{_cell(kit.title)}]({_rel(kit_src(session.kit), plan.src)})"
        elif session.kit:
            cell = WRITING
        else:
            cell = "—"
        readings = "、".join(_cell(r) for r in session.readings) or "—"
        lines.append(
            f"| {session.month} 月 | {_cell(session.topic)} | {_cell(session.meeting) or '—'} | {readings} | {cell} |"
        )
    lines += ["", f"已编写材料包的有 {written} 期；「{WRITING}」的各期，材料包发布后这里自动加上链接。"]
    return "\n".join(lines)


def hours_table(module: Module, site: ContentSite) -> str:
    """The module's three parts with their 学时 and the total."""
    parts = site.parts_of(module)
    lines = ["| 环节 | 学习材料 | 学时 |", "| --- | --- | ---: |"]
    for part in PARTS:
        page = parts.get(part)
        link = f"[{_cell(page.title)}]({_rel(page.src, module.src)})" if page else "—"
        hours = _hours(module.hours[part]) if part in module.hours else "—"
        lines.append(f"| {part} | {link} | {hours} |")
    lines.append(f"| **合计** | | **{_hours(module.total_hours)}** |")
    return "\n".join(lines)


def case_label(case: Case) -> str:
    """The box at the top of a case: teaching-case label, or where a published case comes from."""
    if case.origin == PUBLIC:
        rows = [
            f"- **发布机关**：{_text(case.publisher)}",
            f"- **发布时间**：{_text(case.published)}",
            f"- **原文出处**：{_text(case.source_ref)}",
            "- 本文依据公开发布的文本整理，未添加未公开的细节。",
        ]
        return _admonition("quote", "fazhi-case-source", "公开案例", "\n".join(rows))
    return _admonition("info", "fazhi-case-label", "教学案例", TEACHING_LABEL)


def _embedded_questions(page: ContentPage, module: QuizModule, section_title: str) -> list[Question]:
    section = page.source.section(section_title)
    chosen: list[str] = []
    if section is not None:
        embeds, _bad = find_embeds(section.text, page.src)
        for embed in embeds:
            if embed.module_id == module.id:
                chosen = list(embed.question_ids)
                break
    if not chosen:
        return list(module.questions)
    return [q for q in (module.question(i) for i in chosen) if q is not None]


def _answer_text(q: Question) -> str:
    if q.type == "填空":
        return " / ".join(_text(a) for a in q.answers)
    return "；".join(_text(a) for a in q.answers)


def answer_key(kit: Kit, site: ContentSite) -> str:
    """The kit's quiz questions with answer, 解析 and 依据 (collapsed, excluded from search)."""
    module = site.quiz_modules.get(kit.quiz)
    if module is None:
        return ""
    questions = _embedded_questions(kit, module, "小测验")
    items = []
    for number, q in enumerate(questions, 1):
        stem = BLANK_RE.sub("（　　）", " ".join(q.stem.split()))
        item = [f"{number}. （{q.type}）{_text(stem)}"]
        if q.type in ("单选", "多选"):
            letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
            options = "　".join(f"{letters[i]}. {_text(o)}" for i, o in enumerate(q.options))
            item.append(f"    {options}")
        item.append(f"    **答案**：{_answer_text(q)}")
        item.append(f"    **解析**：{' '.join(q.explanation.split())}")
        if q.source.laws:
            item.append("    **依据**：" + "；".join(_text(law) for law in q.source.laws))
        items.append("\n\n".join(item))
    body = "\n\n".join(items)
    return (
        '<details class="fazhi-answer-key" data-search-exclude="true" markdown>\n'
        f"<summary>小测验答案与解析（领学人用，共 {len(questions)} 题）</summary>\n\n"
        f"{body}\n\n"
        "</details>"
    )


def page_extras(markdown: str, page: ContentPage, site: ContentSite) -> str:
    """``markdown`` (a typed page's body) with everything the build adds for its type."""
    if isinstance(page, Plan):
        return insert_in_section(markdown, "全年安排", plan_table(page, site))
    if isinstance(page, Case):
        return insert_after_title(markdown, case_label(page))
    if isinstance(page, Module):
        markdown = insert_in_section(markdown, "三个环节", hours_table(page, site), at="end")
    if isinstance(page, Kit):
        key = answer_key(page, site)
        if key:
            markdown = insert_in_section(markdown, "领学人提示", key, at="end")
    if page.source.section(OBJECTIVES_SECTION) is not None and not _objectives_written(page):
        markdown = insert_in_section(markdown, OBJECTIVES_SECTION, objectives_markdown(page))
    summary = summary_markdown(page, site)
    return insert_after_title(markdown, summary) if summary else markdown


# --------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------

_H2_OPEN_RE = re.compile(r"<h2\b[^>]*>(.*?)</h2>", re.S)
_TAG_RE = re.compile(r"<[^>]+>")


def _heading_text(inner: str) -> str:
    text = html.unescape(_TAG_RE.sub("", inner))
    return text.replace("¶", "").strip()


def wrap_section(html_text: str, title: str, css_class: str, label: str = "") -> str:
    """Wrap the ``<h2>`` titled ``title`` and everything up to the next ``<h2>`` in a div of ``css_class``.

    Only top-level H2s count as section ends (the sections of a page are
    siblings in the rendered article). ``label``: a short note shown at the
    top of the wrapper.
    """
    headings = list(_H2_OPEN_RE.finditer(html_text))
    for index, match in enumerate(headings):
        if _heading_text(match.group(1)) != title:
            continue
        end = headings[index + 1].start() if index + 1 < len(headings) else len(html_text)
        note = f'<p class="{css_class}__label">{html.escape(label)}</p>\n' if label else ""
        return (
            html_text[: match.start()]
            + f'<div class="{css_class}">\n'
            + html_text[match.start() : match.end()]
            + "\n"
            + note
            + html_text[match.end() : end].rstrip()
            + "\n</div>\n"
            + html_text[end:]
        )
    return html_text
