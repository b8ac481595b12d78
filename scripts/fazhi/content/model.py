"""The page types of the curriculum and THE validation of one page of each type.

A content page is a Markdown file of ``docs/`` whose front matter names a
``type`` (see /work/spec-content.md and docs/guide/maintainers.md, “添加内容页面”):

==============  =========================================  ==========================
type            file                                        what it is
==============  =========================================  ==========================
huiqian-kit     docs/huiqian/<id>.md                        会前学法 session kit
huiqian-plan    docs/huiqian/<id>.md                        会前学法 year plan
zhifa-module    docs/zhifa/<id>/index.md                    enforcement training module
zhifa-online    docs/zhifa/<module>/online.md               its 云平台 part
zhifa-visit     docs/zhifa/<module>/visit.md                its 现场观摩 part
zhifa-lecture   docs/zhifa/<module>/lecture.md              its 专题讲座 part
case            docs/anli/<id>.md                           典型案例
==============  =========================================  ==========================

:func:`validate_page` turns a :class:`~fazhi.content.pages.SourcePage` into one
of the models below, adding every problem of the page (front matter fields and
required sections, each with its line) to a list; it returns None when the page
has problems. Checks that need other files (quiz modules, a module's parts,
the kits a plan names) are in :mod:`fazhi.content.check`.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from fazhi.errors import Problem
from fazhi.content.pages import Section, SourcePage
from fazhi.laws.citations import find_citations
from fazhi.laws.sources import block_quote_citation, block_quotes, mask_markdown
from fazhi.yamlfile import (
    SLUG_RE,
    YamlList,
    YamlMap,
    check_keys,
    expect_number,
    expect_str,
    expect_str_list,
    line_of,
    slug_problem,
    type_name,
)

__all__ = [
    "PAGE_TYPES",
    "FIELDS",
    "CASE_TYPES",
    "ORIGINS",
    "TEACHING",
    "PUBLIC",
    "PARTS",
    "PART_TYPES",
    "SECTIONS",
    "QUIZ_SECTION",
    "PRESENTER_SECTION",
    "KEYS",
    "ContentPage",
    "Kit",
    "Plan",
    "PlanSession",
    "Module",
    "Part",
    "Case",
    "validate_page",
    "reading_refs",
    "table_rows",
]

#: type → what it is, in words for messages.
PAGE_TYPES = {
    "huiqian-kit": "会前学法材料包",
    "huiqian-plan": "会前学法年度计划",
    "zhifa-module": "执法培训模块",
    "zhifa-online": "执法培训模块的云平台自学页",
    "zhifa-visit": "执法培训模块的现场观摩页",
    "zhifa-lecture": "执法培训模块的专题讲座页",
    "case": "典型案例",
}
#: Enforcement fields (case ``field``, module ``field``).
FIELDS = ("市场监管", "城市管理", "生态环境", "交通运输", "应急管理", "卫生健康", "文化旅游", "农业农村", "自然资源", "综合")
#: Case types (case ``case_types``).
CASE_TYPES = ("轻微违法免罚", "首违慎罚", "程序违法", "行政复议纠错", "行政诉讼败诉", "行政调解", "信息公开", "行政许可", "行政强制")
TEACHING, PUBLIC = "教学案例", "公开案例"
ORIGINS = (TEACHING, PUBLIC)
#: The three parts of a training module, in order (keys of a module's ``hours``).
PARTS = ("云平台", "现场观摩", "专题讲座")
#: part page type → (file stem, part name).
PART_TYPES = {"zhifa-online": ("online", "云平台"), "zhifa-visit": ("visit", "现场观摩"), "zhifa-lecture": ("lecture", "专题讲座")}

#: Required H2 sections of each type, in order, exact titles.
SECTIONS = {
    "huiqian-kit": ("学习目标", "阅读材料", "学习要点", "讨论题", "小测验", "领学人提示"),
    "huiqian-plan": ("计划说明", "全年安排"),
    "zhifa-module": ("模块概述", "学习目标", "三个环节"),
    "zhifa-online": ("学习目标", "学习内容", "测验"),
    "zhifa-visit": ("观摩目的", "观摩要点", "检查清单", "观摩记录表", "交流与反思"),
    "zhifa-lecture": ("讲座提纲", "重点内容", "问答", "主讲人指南"),
    "case": ("基本案情", "争议焦点", "处理结果", "法律依据", "评析与启示", "思考题"),
}
#: The section that embeds the page's quiz module.
QUIZ_SECTION = {"huiqian-kit": "小测验", "zhifa-online": "测验", "case": "思考题"}
#: The section that is for the presenter only (wrapped in div.fazhi-presenter by the build).
PRESENTER_SECTION = {"huiqian-kit": "领学人提示", "zhifa-lecture": "主讲人指南"}

#: Front matter keys Material itself reads; allowed on every content page.
MATERIAL_KEYS = ("description", "hide", "search", "status", "icon", "subtitle")
#: type → (required keys, optional keys).
KEYS = {
    "huiqian-kit": (("type", "id", "title", "topic", "minutes", "audience", "readings", "objectives", "quiz"), ("tags",)),
    "huiqian-plan": (("type", "id", "title", "year", "sessions"), ()),
    "zhifa-module": (("type", "id", "title", "hours", "objectives", "quiz"), ("field", "tags")),
    "zhifa-online": (("type", "module", "title"), ("hours", "objectives")),
    "zhifa-visit": (("type", "module", "title"), ("hours", "objectives")),
    "zhifa-lecture": (("type", "module", "title"), ("hours", "objectives")),
    "case": (("type", "id", "title", "field", "case_types", "origin", "quiz"), ("publisher", "published", "source", "tags")),
}
_SESSION_KEYS = ("month", "topic", "kit", "meeting", "readings")
_PUBLIC_KEYS = ("publisher", "published", "source")
#: Most body rows of a 观摩记录表 that still print on one A4 page (with room to write).
MAX_RECORD_ROWS = 20
_TASK_RE = re.compile(r"^\s*[-*+][ \t]+\[[ xX]\][ \t]+\S")
_TABLE_SEP_RE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")


# --------------------------------------------------------------------------
# Models
# --------------------------------------------------------------------------


@dataclass
class ContentPage:
    """What every content page has."""

    src: str  # docs-relative path
    shown: str  # path in messages (docs/…)
    type: str
    title: str
    source: SourcePage = field(repr=False, compare=False)

    @property
    def id(self) -> str:
        return Path(self.src).stem

    def tag_list(self) -> list[str]:
        """The page's tags for Material's tags plugin."""
        return []


@dataclass
class Kit(ContentPage):
    kit_id: str = ""
    topic: str = ""
    minutes: int = 0
    audience: tuple[str, ...] = ()
    readings: tuple[str, ...] = ()
    objectives: tuple[str, ...] = ()
    quiz: str = ""
    tags: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return self.kit_id

    def tag_list(self) -> list[str]:
        return list(dict.fromkeys(self.tags))


@dataclass
class PlanSession:
    month: int
    topic: str
    kit: str = ""
    meeting: str = ""
    readings: tuple[str, ...] = ()
    line: int | None = None
    kit_line: int | None = None


@dataclass
class Plan(ContentPage):
    plan_id: str = ""
    year: int = 0
    sessions: tuple[PlanSession, ...] = ()

    @property
    def id(self) -> str:
        return self.plan_id


@dataclass
class Module(ContentPage):
    module_id: str = ""
    field_name: str = ""
    hours: dict[str, float] = field(default_factory=dict)
    objectives: tuple[str, ...] = ()
    quiz: str = ""
    tags: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return self.module_id

    @property
    def total_hours(self) -> float:
        return sum(self.hours.values())

    def tag_list(self) -> list[str]:
        return list(dict.fromkeys(([self.field_name] if self.field_name else []) + list(self.tags)))


@dataclass
class Part(ContentPage):
    module: str = ""
    part: str = ""  # 云平台 / 现场观摩 / 专题讲座
    hours: float | None = None
    hours_line: int | None = None
    module_line: int | None = None
    objectives: tuple[str, ...] = ()


@dataclass
class Case(ContentPage):
    case_id: str = ""
    field_name: str = ""
    case_types: tuple[str, ...] = ()
    origin: str = ""
    publisher: str = ""
    published: str = ""
    source_ref: str = ""  # ``source``: where the published case can be read
    quiz: str = ""
    tags: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return self.case_id

    @property
    def is_teaching(self) -> bool:
        return self.origin == TEACHING

    def tag_list(self) -> list[str]:
        return list(dict.fromkeys([self.field_name, *self.case_types, *self.tags]))


# --------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------


def _key_line(meta: YamlMap, key: str) -> int | None:
    """Line of ``key:`` itself (for a block list, the value starts on the next line)."""
    return meta.key_lines.get(key, meta.line)


def _display_list(items) -> str:
    return "、".join(items)


def _check_id(meta: YamlMap, expected: str, page: SourcePage, problems: list[Problem], what: str, rename_hint: str) -> str:
    ident = expect_str(meta, "id", page.shown, problems)
    if ident is None:
        return ""
    if not SLUG_RE.match(ident):
        problems.append(slug_problem(page.shown, what, ident, line_of(meta, "id")))
    elif ident != expected:
        problems.append(
            Problem(
                page.shown,
                f"{what}「{ident}」与{rename_hint}「{expected}」不一致",
                line=line_of(meta, "id"),
                hint=f"把 id 改为 {expected}，或者把{rename_hint}改为 {ident}",
            )
        )
    return ident


def _check_quiz_id(meta: YamlMap, page: SourcePage, problems: list[Problem]) -> str:
    quiz = expect_str(meta, "quiz", page.shown, problems)
    if quiz is None:
        return ""
    if not SLUG_RE.match(quiz):
        problems.append(slug_problem(page.shown, "测验模块编号", quiz, line_of(meta, "quiz")))
        return ""
    return quiz


def _count_items(meta: YamlMap, key: str, items: list[str] | None, page: SourcePage, problems: list[Problem], low: int, high: int | None, what: str) -> None:
    if items is None:
        return
    if len(items) < low or (high is not None and len(items) > high):
        span = f"{low} 至 {high} 条" if high is not None else f"至少 {low} 条"
        problems.append(
            Problem(page.shown, f"「{key}」（{what}）应当有 {span}，这里有 {len(items)} 条", line=_key_line(meta, key))
        )


def _vocabulary(value: str, allowed, key: str, meta: YamlMap, page: SourcePage, problems: list[Problem], line: int | None = None) -> bool:
    if value in allowed:
        return True
    problems.append(
        Problem(
            page.shown,
            f"「{key}」的值「{value}」不在规定的范围内",
            line=line if line is not None else line_of(meta, key),
            hint="只能是 " + _display_list(allowed) + "；需要新的取值时，先在 scripts/fazhi/content/model.py 中加入并更新维护者指南",
        )
    )
    return False


def _place_problem(page: SourcePage, problems: list[Problem], expected: str) -> None:
    problems.append(
        Problem(page.shown, f"{PAGE_TYPES[page.page_type]}应当放在 {expected}", line=line_of(page.meta, "type"), hint="移动文件，或改正 type")
    )


def _looks_like(written: str, title: str) -> bool:
    """A heading that was probably meant to be the required ``title`` (阅读材料（节选）, 争议的焦点 …)."""
    return title in written or difflib.SequenceMatcher(None, written, title).ratio() >= 0.75


def check_sections(page: SourcePage, required: tuple[str, ...]) -> list[Problem]:
    """Missing, duplicated and out-of-order required sections of ``page``."""
    problems: list[Problem] = []
    present: dict[str, Section] = {}
    for section in page.sections:
        if section.title in required:
            if section.title in present:
                problems.append(
                    Problem(
                        page.shown,
                        f"小节「## {section.title}」出现了两次（第一次在第 {present[section.title].line} 行）",
                        line=section.line,
                        hint="合并成一节，或者给其中一节换个标题",
                    )
                )
            else:
                present[section.title] = section
    # Out of order: a required section after one that should come after it.
    furthest = -1
    for section in page.sections:
        if section.title not in required or present.get(section.title) is not section:
            continue
        index = required.index(section.title)
        if index < furthest:
            problems.append(
                Problem(
                    page.shown,
                    f"小节「## {section.title}」的位置不对：应当在「## {required[furthest]}」之前",
                    line=section.line,
                    hint="必需的小节按这个顺序排列：" + " → ".join(required),
                )
            )
        furthest = max(furthest, index)
    for index, title in enumerate(required):
        if title in present:
            continue
        later = [present[t].line for t in required[index + 1 :] if t in present]
        line = min(later) if later else max(page.line_count, page.body_line)
        near = next((s for s in page.sections if s.title not in required and _looks_like(s.title, title)), None)
        if near is not None:
            line = near.line
            hint = f"这一行的标题「## {near.title}」要写成「## {title}」，一字不差"
        elif later:
            before = next(t for t in required[index + 1 :] if t in present)
            hint = f"在「## {before}」之前加上一节「## {title}」"
        else:
            hint = f"在页面末尾加上一节「## {title}」"
        problems.append(Problem(page.shown, f"缺少必需的小节「## {title}」", line=line, hint=hint))
    return problems


def _name_key(name: str) -> str:
    name = name.strip()
    return name[len("中华人民共和国"):] if name.startswith("中华人民共和国") else name


def reading_refs(text: str) -> list[tuple[str, tuple]]:
    """(law name key, (article, sub, para, item)) of every article a reading entry cites."""
    out = []
    for citation in find_citations(text):
        for ref in citation.refs:
            out.append((_name_key(citation.name), (ref.article, ref.sub, ref.para, ref.item)))
    return out


def _quoted_refs(section: Section) -> set[tuple[str, tuple]]:
    """The articles quoted as block quotes (first line: citation and colon) in a section."""
    found: set[tuple[str, tuple]] = set()
    for quote in block_quotes(mask_markdown(section.text)):
        result = block_quote_citation(quote)
        if result is None:
            continue
        citation = result[0]
        for ref in citation.refs:
            found.add((_name_key(citation.name), (ref.article, ref.sub, ref.para, ref.item)))
    return found


def table_rows(section: Section) -> tuple[int | None, list[list[str]]]:
    """(line of the header row, body rows as cell lists) of the first Markdown table in ``section``; (None, []) if none."""
    lines = list(section.numbered())
    for i in range(1, len(lines)):
        number, line = lines[i]
        header_line, header = lines[i - 1]
        if _TABLE_SEP_RE.match(line) and "|" in header and ("|" in line or line.strip().startswith("-")):
            rows = []
            for _n, row in lines[i + 1 :]:
                if "|" not in row or not row.strip():
                    break
                cells = row.strip()
                if cells.startswith("|"):
                    cells = cells[1:]
                if cells.endswith("|"):
                    cells = cells[:-1]
                rows.append([c.strip() for c in cells.split("|")])
            return header_line, rows
    return None, []


def _integer(meta: YamlMap, key: str, page: SourcePage, problems: list[Problem], low: int, high: int, where: str = "") -> int:
    count = len(problems)
    value = expect_number(meta, key, page.shown, problems, minimum=low, maximum=high, where=where)
    if value is None:
        return 0
    if len(problems) == count and value != int(value):
        prefix = f"{where}：" if where else ""
        problems.append(Problem(page.shown, f"{prefix}「{key}」应当是整数，这里是 {value}", line=line_of(meta, key)))
        return 0
    return int(value)


def _optional_list(meta: YamlMap, key: str, page: SourcePage, problems: list[Problem]) -> tuple[str, ...]:
    return tuple(expect_str_list(meta, key, page.shown, problems) or ())


# --------------------------------------------------------------------------
# One validator per page type
# --------------------------------------------------------------------------


def _kit(page: SourcePage, meta: YamlMap, title: str, problems: list[Problem]) -> Kit:
    if page.folder != "huiqian":
        _place_problem(page, problems, f"docs/huiqian/{page.stem}.md")
    ident = _check_id(meta, page.stem, page, problems, "材料包编号", "文件名")
    topic = expect_str(meta, "topic", page.shown, problems) or ""
    minutes = _integer(meta, "minutes", page, problems, 5, 60) if meta.get("minutes") is not None else 0
    audience = expect_str_list(meta, "audience", page.shown, problems)
    _count_items(meta, "audience", audience, page, problems, 1, None, "适用对象")
    readings = expect_str_list(meta, "readings", page.shown, problems)
    _count_items(meta, "readings", readings, page, problems, 1, None, "阅读材料")
    objectives = expect_str_list(meta, "objectives", page.shown, problems)
    _count_items(meta, "objectives", objectives, page, problems, 2, 5, "学习目标")
    quiz = _check_quiz_id(meta, page, problems)
    tags = _optional_list(meta, "tags", page, problems)
    section = page.section("阅读材料")
    if readings and section is not None:
        quoted = _quoted_refs(section)
        raw = meta.get("readings")
        for index, reading in enumerate(readings):
            line = line_of(raw, index) if isinstance(raw, YamlList) else line_of(meta, "readings")
            for name, ref in reading_refs(reading):
                if (name, ref) not in quoted:
                    problems.append(
                        Problem(
                            page.shown,
                            f"阅读材料「{reading}」没有在「## 阅读材料」里以块引用全文引出",
                            line=line,
                            hint=f"在第 {section.line} 行的「## 阅读材料」下写 > {reading}：后接条文全文（构建时与法律原文逐字核对）",
                        )
                    )
                    break
    return Kit(
        page.src, page.shown, "huiqian-kit", title, page,
        kit_id=ident, topic=topic, minutes=minutes, audience=tuple(audience or ()), readings=tuple(readings or ()),
        objectives=tuple(objectives or ()), quiz=quiz, tags=tags,
    )


def _plan(page: SourcePage, meta: YamlMap, title: str, problems: list[Problem]) -> Plan:
    if page.folder != "huiqian":
        _place_problem(page, problems, f"docs/huiqian/{page.stem}.md")
    ident = _check_id(meta, page.stem, page, problems, "计划编号", "文件名")
    year = _integer(meta, "year", page, problems, 2000, 2100) if meta.get("year") is not None else 0
    sessions: list[PlanSession] = []
    raw = meta.get("sessions")
    if raw is not None and not isinstance(raw, YamlList):
        problems.append(
            Problem(page.shown, f"「sessions」应当是每月一项的列表（每项以「- month: 」开头），这里是{type_name(raw)}", line=_key_line(meta, "sessions"))
        )
    elif isinstance(raw, YamlList):
        months: dict[int, int | None] = {}
        for index, item in enumerate(raw):
            where = f"sessions 第 {index + 1} 项"
            if not isinstance(item, YamlMap):
                problems.append(Problem(page.shown, f"{where}应当是「键: 值」的映射，这里是{type_name(item)}", line=line_of(raw, index)))
                continue
            problems.extend(check_keys(item, page.shown, allowed=_SESSION_KEYS, required=("month", "topic"), where=where))
            month = _integer(item, "month", page, problems, 1, 12, where) if item.get("month") is not None else 0
            topic = expect_str(item, "topic", page.shown, problems, where=where) or ""
            kit = ""
            if item.get("kit") is not None:
                kit = expect_str(item, "kit", page.shown, problems, where=where) or ""
                if kit and not SLUG_RE.match(kit):
                    problems.append(slug_problem(page.shown, f"{where}的材料包编号", kit, line_of(item, "kit")))
                    kit = ""
            meeting = expect_str(item, "meeting", page.shown, problems, where=where) or ""
            readings = expect_str_list(item, "readings", page.shown, problems, where=where) or []
            if month:
                if month in months:
                    problems.append(
                        Problem(page.shown, f"{month} 月在计划里出现了两次（第一次在第 {months[month]} 行）", line=line_of(item, "month"), hint="每个月恰好一期")
                    )
                else:
                    months[month] = line_of(item, "month")
            sessions.append(PlanSession(month, topic, kit, meeting, tuple(readings), line_of(raw, index), line_of(item, "kit")))
        if len(raw) != 12:
            problems.append(
                Problem(page.shown, f"全年计划应当恰好有 12 期（1 至 12 月各一期），这里有 {len(raw)} 期", line=_key_line(meta, "sessions"))
            )
        missing = [m for m in range(1, 13) if m not in months]
        if missing and len(raw) == 12:
            problems.append(
                Problem(page.shown, "计划缺少这些月份：" + "、".join(f"{m} 月" for m in missing), line=_key_line(meta, "sessions"), hint="month 写 1 至 12，每月一期")
            )
    return Plan(page.src, page.shown, "huiqian-plan", title, page, plan_id=ident, year=year, sessions=tuple(sorted(sessions, key=lambda s: s.month)))


def _module(page: SourcePage, meta: YamlMap, title: str, problems: list[Problem]) -> Module:
    folder = Path(page.src).parent
    if page.stem != "index" or folder.parent.as_posix() != "zhifa":
        _place_problem(page, problems, "docs/zhifa/<模块编号>/index.md")
    ident = _check_id(meta, folder.name, page, problems, "模块编号", "文件夹名")
    field_name = ""
    if meta.get("field") is not None:
        field_name = expect_str(meta, "field", page.shown, problems) or ""
        if field_name and not _vocabulary(field_name, FIELDS, "field", meta, page, problems):
            field_name = ""
    hours: dict[str, float] = {}
    raw = meta.get("hours")
    if raw is not None and not isinstance(raw, YamlMap):
        problems.append(
            Problem(page.shown, f"「hours」应当是三个环节的学时，写成 {{云平台: 2, 现场观摩: 2, 专题讲座: 2}}，这里是{type_name(raw)}", line=line_of(meta, "hours"))
        )
    elif isinstance(raw, YamlMap):
        problems.extend(check_keys(raw, page.shown, allowed=PARTS, required=PARTS, where="hours"))
        for part in PARTS:
            if raw.get(part) is None:
                continue
            count = len(problems)
            value = expect_number(raw, part, page.shown, problems, where="hours")
            if value is not None and value <= 0:
                problems.append(Problem(page.shown, f"hours：「{part}」的学时应当大于 0，这里是 {value}", line=line_of(raw, part)))
            elif value is not None and len(problems) == count:
                hours[part] = float(value)
    objectives = expect_str_list(meta, "objectives", page.shown, problems)
    _count_items(meta, "objectives", objectives, page, problems, 2, 6, "学习目标")
    quiz = _check_quiz_id(meta, page, problems)
    tags = _optional_list(meta, "tags", page, problems)
    return Module(
        page.src, page.shown, "zhifa-module", title, page,
        module_id=ident, field_name=field_name, hours=hours, objectives=tuple(objectives or ()), quiz=quiz, tags=tags,
    )


def _part(page: SourcePage, meta: YamlMap, title: str, problems: list[Problem]) -> Part:
    page_type = page.page_type
    stem, part = PART_TYPES[page_type]
    folder = Path(page.src).parent
    if page.stem != stem or folder.parent.as_posix() != "zhifa":
        _place_problem(page, problems, f"docs/zhifa/<模块编号>/{stem}.md")
    module = expect_str(meta, "module", page.shown, problems) or ""
    if module and module != folder.name:
        problems.append(
            Problem(
                page.shown,
                f"「module」写的是「{module}」，但本页在模块文件夹 docs/zhifa/{folder.name}/ 中",
                line=line_of(meta, "module"),
                hint=f"module 写本页所在文件夹的名称 {folder.name}",
            )
        )
    hours = None
    if meta.get("hours") is not None:
        hours = expect_number(meta, "hours", page.shown, problems)
        if hours is not None and hours <= 0:
            problems.append(Problem(page.shown, f"「hours」应当大于 0，这里是 {hours}", line=line_of(meta, "hours")))
            hours = None
    objectives = _optional_list(meta, "objectives", page, problems)
    if page_type == "zhifa-visit":
        _check_visit(page, problems)
    return Part(
        page.src, page.shown, page_type, title, page,
        module=module, part=part, hours=float(hours) if hours is not None else None, hours_line=line_of(meta, "hours"),
        module_line=line_of(meta, "module"), objectives=objectives,
    )


def _check_visit(page: SourcePage, problems: list[Problem]) -> None:
    checklist = page.section("检查清单")
    if checklist is not None and not any(_TASK_RE.match(line) for line in checklist.lines):
        problems.append(
            Problem(page.shown, "「## 检查清单」里没有任务列表", line=checklist.line, hint="每个检查项写成一行「- [ ] 检查项」（减号、空格、[ ]、空格）")
        )
    form = page.section("观摩记录表")
    if form is None:
        return
    header_line, rows = table_rows(form)
    if header_line is None:
        problems.append(
            Problem(
                page.shown,
                "「## 观摩记录表」里没有表格",
                line=form.line,
                hint="写一个 Markdown 表格：表头一行、分隔行 | --- | --- |，再写若干行，要手写的格子留空",
            )
        )
        return
    if not any(cell == "" or cell == "&nbsp;" for row in rows for cell in row):
        problems.append(
            Problem(page.shown, "观摩记录表没有留空的格子供手写", line=header_line, hint="要现场填写的格子留空，例如 | 观察到的做法 |  |")
        )
    if len(rows) > MAX_RECORD_ROWS:
        problems.append(
            Problem(
                page.shown,
                f"观摩记录表有 {len(rows)} 行，打印时一页 A4 放不下（最多 {MAX_RECORD_ROWS} 行）",
                line=header_line,
                hint="合并相近的观察项，或拆成两张表",
            )
        )


def _case(page: SourcePage, meta: YamlMap, title: str, problems: list[Problem]) -> Case:
    if page.folder != "anli":
        _place_problem(page, problems, f"docs/anli/{page.stem}.md")
    ident = _check_id(meta, page.stem, page, problems, "案例编号", "文件名")
    field_name = expect_str(meta, "field", page.shown, problems) or ""
    if field_name and not _vocabulary(field_name, FIELDS, "field", meta, page, problems):
        field_name = ""
    case_types: list[str] = []
    raw_types = meta.get("case_types")
    types = expect_str_list(meta, "case_types", page.shown, problems)
    if types is not None:
        _count_items(meta, "case_types", types, page, problems, 1, None, "案例类型")
        for index, value in enumerate(types):
            line = line_of(raw_types, index) if isinstance(raw_types, YamlList) else line_of(meta, "case_types")
            if value in case_types:
                problems.append(Problem(page.shown, f"案例类型「{value}」重复", line=line))
            elif _vocabulary(value, CASE_TYPES, "case_types", meta, page, problems, line=line):
                case_types.append(value)
    origin = expect_str(meta, "origin", page.shown, problems) or ""
    if origin and not _vocabulary(origin, ORIGINS, "origin", meta, page, problems):
        origin = ""
    publisher = published = source = ""
    if origin == PUBLIC:
        for key in _PUBLIC_KEYS:
            if meta.get(key) in (None, ""):
                problems.append(
                    Problem(
                        page.shown,
                        f"公开案例缺少「{key}」",
                        line=line_of(meta, "origin"),
                        hint="公开案例要写明 publisher（发布机关）、published（发布时间，如 2023-05-18）和 source（原文出处：文件名称或网址）",
                    )
                )
        publisher = expect_str(meta, "publisher", page.shown, problems) or ""
        value = meta.get("published")
        if isinstance(value, (_dt.date, _dt.datetime)):
            published = value.strftime("%Y-%m-%d")
        elif value is not None:
            published = expect_str(meta, "published", page.shown, problems) or ""
        source = expect_str(meta, "source", page.shown, problems) or ""
    elif origin == TEACHING:
        for key in _PUBLIC_KEYS:
            if key in meta:
                problems.append(
                    Problem(
                        page.shown,
                        f"教学案例不写「{key}」：教学案例是本站编写的，没有发布机关和出处",
                        line=meta.key_lines.get(key),
                        hint=f"删掉 {key}；如果这是公开发布的案例，把 origin 改为 公开案例",
                    )
                )
    quiz = _check_quiz_id(meta, page, problems)
    tags = _optional_list(meta, "tags", page, problems)
    return Case(
        page.src, page.shown, "case", title, page,
        case_id=ident, field_name=field_name, case_types=tuple(case_types), origin=origin,
        publisher=publisher, published=published, source_ref=source, quiz=quiz, tags=tags,
    )


_VALIDATORS = {
    "huiqian-kit": _kit,
    "huiqian-plan": _plan,
    "zhifa-module": _module,
    "zhifa-online": _part,
    "zhifa-visit": _part,
    "zhifa-lecture": _part,
    "case": _case,
}


def validate_page(page: SourcePage, problems: list[Problem]) -> ContentPage | None:
    """The model of a typed page; every problem of the page is appended to ``problems``.

    Returns None for an ordinary page (no ``type``) and for an unknown type. A
    page with problems still gets its model (fields that were wrong are left
    empty), so that checks across pages can report their problems too; the
    caller tells valid pages from the others by the problems added.
    """
    meta = page.meta
    if meta is None or "type" not in meta:
        return None
    page_type = meta.get("type")
    if not isinstance(page_type, str) or page_type.strip() not in PAGE_TYPES:
        shown = page_type if isinstance(page_type, str) else type_name(page_type)
        problems.append(
            Problem(
                page.shown,
                f"不认识的页面类型「{shown}」",
                line=line_of(meta, "type"),
                hint="type 只能是 " + "、".join(PAGE_TYPES) + "；普通页面不写 type",
            )
        )
        return None
    page_type = page_type.strip()
    required, optional = KEYS[page_type]
    problems.extend(check_keys(meta, page.shown, allowed=(*required, *optional, *MATERIAL_KEYS), required=required))
    title = expect_str(meta, "title", page.shown, problems) or ""
    model = _VALIDATORS[page_type](page, meta, title, problems)
    problems.extend(check_sections(page, SECTIONS[page_type]))
    return model
