"""Markdown for the quiz pages: module pages, embedded questions, the catalog and assignment pages.

Plain functions from validated models (:mod:`fazhi.quizzes`,
:mod:`fazhi.assignments`) to Markdown text that mkdocs-quiz renders. The build
hook (scripts/hooks/quiz_modules.py) calls them; tests call them directly.

mkdocs-quiz has two traps that the generated Markdown must never fall into,
whatever a YAML file says:

- a ``[[…]]`` anywhere inside a ``<quiz>`` block turns a choice question into
  a fill-in question, so every ``[[`` / ``]]`` of the text is written as HTML
  entities (only the one blank of a 填空 question is a real ``[[answer]]``);
- answers are list items ``- [x] text`` with ASCII brackets and a space, and a
  line of the stem that looks like one would be taken as an answer, so the
  generator writes the answer list itself and escapes such stem lines.

Each generated question starts with an invisible marker
(``<span class="fz-q" data-key=… data-fp=… data-values=…>``) that the hook uses
after mkdocs-quiz has rendered the page, to give the question a stable id and
its options stable values (see :func:`fazhi.quizzes.Question.key`).
"""

from __future__ import annotations

import datetime as _dt
import html
import json
import posixpath
import re
from typing import Callable, Iterable, Sequence

from fazhi.assignments import Assignment
from fazhi.quizzes import BLANK_RE, TRACKS, Question, QuizModule

__all__ = [
    "MODULES_DIR",
    "ASSIGNMENTS_DIR",
    "module_src",
    "assignment_src",
    "question_markdown",
    "module_page",
    "embed_markdown",
    "catalog_page",
    "assignment_page",
    "assignments_index_page",
    "assignment_state",
]

#: Where the generated pages live inside the site (URLs /quizzes/<id>/, /assignments/<id>/).
MODULES_DIR = "quizzes"
ASSIGNMENTS_DIR = "assignments"

#: Looks up the title of a docs page (docs-relative path) for source links.
TitleLookup = Callable[[str], str]

_CHECKBOX_LIKE = re.compile(r"^(\s*)([-*+])(\s*\[)")
_TYPE_HINT = {"单选": "单选题", "多选": "多选题（选出全部正确答案后点“提交”）", "判断": "判断题", "填空": "填空题"}


def _front_matter(meta: dict) -> str:
    """YAML front matter (JSON is YAML) for a generated page."""
    return f"---\n{json.dumps(meta, ensure_ascii=False)}\n---\n\n"


def module_src(module_id: str) -> str:
    return f"{MODULES_DIR}/{module_id}.md"


def assignment_src(assignment_id: str) -> str:
    return f"{ASSIGNMENTS_DIR}/{assignment_id}.md"


def _rel(target: str, from_src: str) -> str:
    """Relative Markdown link from the page ``from_src`` to ``target`` (both docs-relative)."""
    path, _, anchor = target.partition("#")
    rel = posixpath.relpath(path, posixpath.dirname(from_src) or ".")
    return rel + (f"#{anchor}" if anchor else "")


def _safe(text: str) -> str:
    """Text that cannot trigger mkdocs-quiz syntax: no [[ ]] pairs, no <quiz> tags."""
    text = text.replace("[[", "&#91;&#91;").replace("]]", "&#93;&#93;")
    return re.sub(r"<(/?)quiz>", r"&lt;\1quiz&gt;", text, flags=re.I)


def _safe_block(text: str) -> str:
    """Multi-line text for the stem: also escape lines that look like answers or the --- separator."""
    lines = []
    for line in _safe(text).splitlines():
        if line.strip() == "---":
            line = line.replace("-", "\\-")
        line = _CHECKBOX_LIKE.sub(lambda m: f"{m.group(1)}\\{m.group(2)}{m.group(3)}", line)
        lines.append(line)
    return "\n".join(lines)


def _one_line(text: str) -> str:
    """One line of inline text: a leading list, heading or quote marker is escaped, so it stays text."""
    line = " ".join(_safe(text).split())
    return re.sub(r"^([-*+#>]|\d+[.)])", lambda m: "\\" + m.group(1) if m.group(1)[0] in "-*+#>" else m.group(1)[:-1] + "\\" + m.group(1)[-1], line)


def _marker(q: Question) -> str:
    attrs = {
        "class": "fz-q",
        "data-key": q.key,
        "data-fp": q.fingerprint,
        "data-type": q.kind,
    }
    if q.kind == "fill":
        attrs["data-alternatives"] = json.dumps(list(q.answers), ensure_ascii=False)
    else:
        attrs["data-values"] = " ".join(q.option_value(o) for o in q.options)
    inner = " ".join(f'{k}="{html.escape(v, quote=True)}"' for k, v in attrs.items())
    return f"<span {inner}></span>"


def _source_markdown(q: Question, from_src: str, title_of: TitleLookup | None) -> str:
    parts = []
    if q.source.laws:
        parts.append("**依据：**" + "；".join(_one_line(law) for law in q.source.laws))
    if q.source.page:
        title = (title_of(q.source.page_path) if title_of else "") or "本站学习材料"
        parts.append(f"**学习材料：**[{_one_line(title)}]({_rel(q.source.page, from_src)})")
    return "\n\n".join(parts)


def question_markdown(q: Question, from_src: str, title_of: TitleLookup | None = None) -> str:
    """One ``<quiz>`` block for mkdocs-quiz: marker, type, stem, answers, then 解析 and 依据.

    ``from_src``: docs-relative path of the page the block goes on (for the
    relative link to the source page).
    """
    label = f'<span class="fz-qtype">{_TYPE_HINT[q.type]}</span>'
    explanation = f"**解析：**{_safe(q.explanation)}"
    source = _source_markdown(q, from_src, title_of)
    tail = explanation + ("\n\n" + source if source else "")
    if q.kind == "fill":
        # The blank's shown answer is the first accepted one; the others are
        # added to the input by the hook (data-alternatives on the marker).
        stem = _safe_block(q.stem)
        primary = q.answers[0].replace("[", "").replace("]", "")
        stem = BLANK_RE.sub(lambda _m: f"[[{primary}]]", stem, count=1)
        return f"<quiz>\n{_marker(q)}{label}\n\n{stem}\n\n---\n\n{tail}\n</quiz>"
    answers = "\n".join(f"- [{'x' if q.is_correct_option(o) else ' '}] {_one_line(o)}" for o in q.options)
    return f"<quiz>\n{_marker(q)}{label}\n\n{_safe_block(q.stem)}\n\n{answers}\n\n{tail}\n</quiz>"


def _counts_text(module: QuizModule) -> str:
    counts = "、".join(f"{name} {n}" for name, n in module.type_counts().items())
    return f"{len(module.questions)} 题（{counts}）"


def _pct(value: float) -> str:
    return f"{value:g}%"


def receipt_slot(kind: str, ident: str) -> str:
    """Where 我的学习's script (my-study.js) shows the state and the 「下载完成回执」 button."""
    return f'<div class="fazhi-receipt" data-{kind}="{html.escape(ident)}"></div>'


def module_page(
    module: QuizModule,
    assignments: Iterable[Assignment] = (),
    title_of: TitleLookup | None = None,
) -> str:
    """The whole page of a module at ``/quizzes/<id>/``."""
    src = module_src(module.id)
    rows = [
        ("栏目", module.track),
        ("适用对象", "、".join(module.audience) or "全体学员"),
        ("题量", _counts_text(module)),
        ("预计用时", f"{module.minutes} 分钟"),
        ("及格线", f"答对 {_pct(module.pass_mark)} 的题目"),
    ]
    if module.hours:
        rows.append(("学时", f"{module.hours:g} 学时（达到及格线后计入）"))
    if module.tags:
        rows.append(("标签", " · ".join(f"[{_one_line(t)}]({_rel('quizzes/index.md#' + _tag_anchor(t), src)})" for t in module.tags)))
    rows.append(("模块编号", f"`{module.id}`"))
    table = "| 项目 | 内容 |\n| --- | --- |\n" + "\n".join(f"| {k} | {v} |" for k, v in rows)
    used_in = [a for a in assignments if module.id in a.modules]
    assigned = ""
    if used_in:
        items = "\n".join(
            f"- [{_one_line(a.title)}]({_rel(assignment_src(a.id), src)})：{a.opens} 至 {a.due}" for a in used_in
        )
        assigned = f"\n\n## 布置了本测验的任务\n\n{items}"
    questions = "\n\n".join(question_markdown(q, src, title_of) for q in module.questions)
    front = {
        "title": module.title,
        "description": module.description,
        "quiz": {"enabled": True, "auto_number": True},
    }
    return (
        _front_matter(front) + f"# {_one_line(module.title)}\n\n"
        f"{_safe(module.description)}\n\n"
        f"{table}\n\n"
        '!!! info "作答说明"\n\n'
        "    单选题和判断题点选后即提交；多选题选好全部答案后点“提交”；填空题填写后点“提交”。"
        "提交后显示对错、正确答案、解析和法律依据。每道题以第一次提交为准；"
        "想从头再做一遍，点“重置测验”（清除本页的全部作答）。\n\n"
        "    作答记录只保存在您这台电脑的浏览器里，不会上传。"
        f"{assigned}\n\n"
        "## 题目\n\n"
        "<!-- mkdocs-quiz intro -->\n\n"
        f"{questions}\n\n"
        "## 成绩\n\n"
        "<!-- mkdocs-quiz results -->\n\n"
        f'{receipt_slot("module", module.id)}\n'
    )


def embed_markdown(
    module: QuizModule,
    question_ids: Sequence[str],
    page_src: str,
    title_of: TitleLookup | None = None,
) -> str:
    """What replaces an embed line on a curriculum page: a heading line and the chosen questions."""
    chosen = [module.question(qid) for qid in question_ids] if question_ids else list(module.questions)
    questions = "\n\n".join(question_markdown(q, page_src, title_of) for q in chosen if q is not None)
    link = _rel(module_src(module.id), page_src)
    what = f"选自测验模块 [{_one_line(module.title)}]({link})" if question_ids else f"测验模块 [{_one_line(module.title)}]({link})"
    count = sum(1 for q in chosen if q is not None)
    return f"**随堂测验**：{what}，共 {count} 题。\n\n{questions}\n"


def _tag_anchor(tag: str) -> str:
    return "tag-" + re.sub(r"[\s#]+", "-", tag.strip())


def catalog_page(modules: Sequence[QuizModule]) -> str:
    """``/quizzes/``: every module by track, then by tag, with counts and minutes."""
    src = f"{MODULES_DIR}/index.md"
    total = sum(len(m.questions) for m in modules)
    out = [
        _front_matter({"title": "测验目录", "description": "全部测验模块：按栏目和标签分类，附题量和预计用时。"}),
        "# 测验目录",
        "",
        f"本站共有 {len(modules)} 个测验模块、{total} 道题。每个模块一页，可以随时自测；"
        f"培训管理员布置的测验见[测验任务]({_rel(ASSIGNMENTS_DIR + '/index.md', src)})。",
        "",
    ]
    for track in TRACKS:
        in_track = [m for m in modules if m.track == track]
        if not in_track:
            continue
        out += [f"## {track}", "", "| 测验模块 | 简介 | 题量 | 预计用时 | 标签 |", "| --- | --- | --- | --- | --- |"]
        for m in in_track:
            tags = " · ".join(f"[{_one_line(t)}](#{_tag_anchor(t)})" for t in m.tags) or "—"
            out.append(
                f"| [{_one_line(m.title)}]({_rel(module_src(m.id), src)}) | {_one_line(m.description)} | "
                f"{len(m.questions)} | {m.minutes} 分钟 | {tags} |"
            )
        out.append("")
    tags: dict[str, list[QuizModule]] = {}
    for m in modules:
        for t in m.tags:
            tags.setdefault(t, []).append(m)
    if tags:
        out += ["## 按标签", ""]
        for tag in sorted(tags):
            items = "、".join(f"[{_one_line(m.title)}]({_rel(module_src(m.id), src)})" for m in tags[tag])
            out += [f"### {_one_line(tag)} {{#{_tag_anchor(tag)}}}", "", f"{items}（{len(tags[tag])} 个模块）", ""]
    return "\n".join(out)


def assignment_state(assignment: Assignment, today: _dt.date) -> str:
    """进行中 / 未开始 / 已结束 on ``today``."""
    if today < assignment.opens:
        return "未开始"
    if today > assignment.due:
        return "已结束"
    return "进行中"


def _target_text(a: Assignment) -> str:
    if a.target.everyone:
        return "全体人员"
    parts = []
    if a.target.units:
        parts.append("单位：" + "、".join(a.target.units))
    if a.target.roles:
        parts.append("人员：" + "、".join(a.target.roles))
    return "；".join(parts)


def assignment_page(a: Assignment, modules: dict[str, QuizModule]) -> str:
    """``/assignments/<id>/``: what to do, by when, and how it counts."""
    src = assignment_src(a.id)
    rows = [
        ("任务编号", f"`{a.id}`"),
        ("作答时间", f"{a.opens} 至 {a.due}（截止日当天完成仍算按时）"),
        ("面向", _target_text(a)),
        ("及格线", f"每个模块答对 {_pct(a.pass_mark)} 的题目"),
    ]
    table = "| 项目 | 内容 |\n| --- | --- |\n" + "\n".join(f"| {k} | {_safe(v)} |" for k, v in rows)
    mod_rows = ["| 测验模块 | 题量 | 预计用时 |", "| --- | --- | --- |"]
    minutes = 0
    for mid in a.modules:
        m = modules[mid]
        minutes += m.minutes
        mod_rows.append(f"| [{_one_line(m.title)}]({_rel(module_src(mid), src)}) | {len(m.questions)} | {m.minutes} 分钟 |")
    steps = [
        f"在 **{a.due}**（含当天）之前，打开上表中的每个测验模块，完成全部题目；",
        f"每个模块答对的题目达到 **{_pct(a.pass_mark)}**（模块页面底部“成绩”处显示）；"
        "没达到的，点模块页面上的“重置测验”，重新作答；",
        "按培训管理员的要求报送完成情况：在本站作答的，全部模块达到及格线后，"
        "在本页下方或[我的学习](" + _rel("my-study/index.md", src) + ")页面点「下载完成回执」，把回执文件交给管理员；"
        "也可以是培训平台的完成记录等管理员指定的方式。"
        "管理员按本任务的面向范围、时间和及格线统计完成率。",
    ]
    notes = f"\n\n## 说明\n\n{_safe(a.notes)}" if a.notes else ""
    front = {"title": a.title, "description": f"测验任务：{a.opens} 至 {a.due}"}
    return (
        _front_matter(front) + f"# {_one_line(a.title)}\n\n"
        f"{table}\n\n"
        f"## 需要完成的测验\n\n" + "\n".join(mod_rows) + f"\n\n合计约 {minutes} 分钟。\n\n"
        "## 怎样算完成\n\n" + "\n".join(f"{i}. {s}" for i, s in enumerate(steps, 1)) + notes + "\n\n"
        "## 我的完成情况\n\n" + receipt_slot("assignment", a.id) + "\n"
    )


def assignments_index_page(assignments: Sequence[Assignment], modules: dict[str, QuizModule], today: _dt.date) -> str:
    """``/assignments/``: current, upcoming and past assignments (grouped on ``today``).

    The page says on which date it was grouped; every entry shows its dates.
    """
    src = f"{ASSIGNMENTS_DIR}/index.md"
    groups = {"进行中": [], "未开始": [], "已结束": []}
    for a in sorted(assignments, key=lambda a: (a.due, a.id)):
        groups[assignment_state(a, today)].append(a)
    groups["已结束"].reverse()  # most recent first
    out = [
        _front_matter({"title": "测验任务", "description": "培训管理员布置的测验：进行中、未开始和已结束的任务。"}),
        "# 测验任务",
        "",
        "培训管理员布置的测验任务。每个任务写明要完成哪些测验模块、截止日期和及格线。"
        f"以下按本站生成之日（{today}）分组，请以各任务的起止日期为准。",
        "",
    ]
    for name, items in groups.items():
        out += [f"## {name}", ""]
        if not items:
            out.append("（无）")
        for a in items:
            titles = "、".join(_one_line(modules[m].title) for m in a.modules if m in modules)
            out.append(
                f"- [{_one_line(a.title)}]({_rel(assignment_src(a.id), src)})：{a.opens} 至 {a.due}；"
                f"{_safe(_target_text(a))}；测验：{titles}"
            )
        out.append("")
    return "\n".join(out)
