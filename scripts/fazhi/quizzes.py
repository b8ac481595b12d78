"""Quiz modules: ``quizzes/<id>.yml``, THE loader used by the build, the checker and the exporters.

A quiz module is a named set of questions on one subject that trainers assign
and learners take on its own page (``/quizzes/<id>/``). Maintainers edit the
question banks as YAML, apart from the prose. This module turns a file into a
validated :class:`QuizModule` or raises :class:`~fazhi.errors.InputError`
listing every problem with file and line.

File format (UTF-8 YAML, one module per file, the file stem is its id)::

    id: xzcf-basics              # = file name without .yml; ASCII slug
    title: 《行政处罚法》基础
    track: 执法培训                # 会前学法 / 执法培训 / 典型案例
    description: 行政处罚的种类、设定……
    audience: [行政执法人员]        # optional
    pass_mark: 80                # percent of questions answered right
    minutes: 15                  # optional; default one minute per question
    hours: 1                     # optional; 学时 credited for passing (shown in 我的学习)
    tags: [行政处罚法, 听证]        # optional
    questions:
      - id: zhonglei-1           # stable ASCII slug, unique in the module
        type: 单选                # 单选 / 多选 / 判断 / 填空
        stem: 下列哪一项……？
        options: [警告, 记过, 罚款] # 单选 / 多选 only
        answer: 记过              # 单选: one option; 多选: list of ≥2 options;
                                 # 判断: 正确 / 错误; 填空: list of accepted answers
        explanation: ……           # 解析, required
        source:                  # at least one of law / page
          law: 《行政处罚法》第九条  # a citation or a list of them
          page: zhifa/index.md#三段式培训   # a page of this site (relative to docs/)

A 填空 stem holds exactly one blank, written as four underscores ``____``.

Learners' saved answers are keyed by module id + question id (see
:attr:`Question.key`) plus a fingerprint of the question's content, so adding or
reordering questions never attaches an old answer to another question, and
editing a question drops the answers given to its old version.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from fazhi.errors import InputError, Problem
from fazhi.yamlfile import (
    SLUG_RE,
    YamlList,
    YamlMap,
    check_keys,
    expect_number,
    expect_str,
    expect_str_list,
    expect_file_id,
    line_of,
    load_yaml_file,
    require_mapping,
    shown_path,
    slug_problem,
    type_name,
    yaml_files_in,
)

__all__ = [
    "TRACKS",
    "TYPES",
    "TRUE_FALSE",
    "BLANK_RE",
    "Question",
    "QuizModule",
    "Source",
    "load_module",
    "load_modules",
    "normalize_answer",
]

#: The three tracks of the site, in the order the catalog shows them.
TRACKS = ("会前学法", "执法培训", "典型案例")
#: Question types: Chinese name → short code used in HTML and exports.
TYPES = {"单选": "single", "多选": "multiple", "判断": "truefalse", "填空": "fill"}
#: The two options of a 判断 question, in display order.
TRUE_FALSE = ("正确", "错误")
#: A blank in a 填空 stem: three or more ASCII underscores (or full-width ＿).
BLANK_RE = re.compile(r"_{3,}|＿{2,}")

_MODULE_KEYS = ("id", "title", "track", "description", "audience", "pass_mark", "minutes", "hours", "tags", "questions")
_MODULE_REQUIRED = ("id", "title", "track", "description", "pass_mark", "questions")
_QUESTION_KEYS = ("id", "type", "stem", "options", "answer", "explanation", "source")
_QUESTION_REQUIRED = ("id", "type", "stem")
_SOURCE_KEYS = ("law", "page")
_TF_WORDS = {"正确": "正确", "对": "正确", "错误": "错误", "错": "错误", True: "正确", False: "错误"}


def normalize_answer(text: str) -> str:
    """The form in which fill-in answers are compared (the browser does the same).

    NFKC folds full-width letters, digits and punctuation to their usual forms
    (６０ → 60), all whitespace is removed and Latin letters are lower-cased.
    """
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).lower()


@dataclass(frozen=True)
class Source:
    """Where the answer of a question comes from."""

    laws: tuple[str, ...] = ()
    page: str = ""  # docs-relative path, optionally with #anchor

    @property
    def page_path(self) -> str:
        return self.page.split("#", 1)[0]


@dataclass(frozen=True)
class Question:
    """One validated question.

    ``options`` are what the learner chooses from (for 判断 the fixed pair
    正确 / 错误; empty for 填空). ``answers`` are the correct options, or for
    填空 the accepted answers, the first of which is shown as the right one.
    """

    module_id: str
    id: str
    type: str
    stem: str
    options: tuple[str, ...]
    answers: tuple[str, ...]
    explanation: str
    source: Source
    line: int | None = None

    @property
    def kind(self) -> str:
        """single / multiple / truefalse / fill."""
        return TYPES[self.type]

    @property
    def key(self) -> str:
        """Stable identity across rebuilds: ``<module>--<question>``."""
        return f"{self.module_id}--{self.id}"

    @property
    def fingerprint(self) -> str:
        """Short hash of what the learner answers; changes when the question changes."""
        parts = [self.type, self.stem, *self.options, "|", *self.answers]
        return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:8]

    def option_value(self, option: str) -> str:
        """Stable value of an option's input (not its position)."""
        return "o-" + hashlib.sha1(option.encode("utf-8")).hexdigest()[:8]

    def is_correct_option(self, option: str) -> bool:
        return option in self.answers


@dataclass(frozen=True)
class QuizModule:
    """One validated quiz module file."""

    id: str
    title: str
    track: str
    description: str
    pass_mark: float
    questions: tuple[Question, ...]
    audience: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    minutes: int = 0
    hours: float = 0.0  # 学时 credited for passing the module (0: not set)
    path: str = ""
    line_of_id: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    def question(self, question_id: str) -> Question | None:
        for q in self.questions:
            if q.id == question_id:
                return q
        return None

    def type_counts(self) -> dict[str, int]:
        """Number of questions per type, in the order of :data:`TYPES`."""
        counts = {name: 0 for name in TYPES}
        for q in self.questions:
            counts[q.type] += 1
        return {k: v for k, v in counts.items() if v}


# --------------------------------------------------------------------------
# Validation
# --------------------------------------------------------------------------


def _source(q: YamlMap, shown: str, where: str, problems: list[Problem]) -> Source:
    raw = q.get("source")
    if raw is None or raw == "" or raw == {}:
        problems.append(
            Problem(
                shown,
                f"{where}没有注明出处（source）",
                line=line_of(q),
                hint="加上 source: {law: 《行政处罚法》第三十三条} 或 source: {page: 本站讲解该内容的页面}",
            )
        )
        return Source()
    if isinstance(raw, str):  # shorthand: source: 《行政处罚法》第九条
        return Source(laws=(raw.strip(),))
    if not isinstance(raw, YamlMap):
        problems.append(
            Problem(shown, f"{where}「source」应当是映射（law: / page:），这里是{type_name(raw)}", line=line_of(q, "source"))
        )
        return Source()
    problems += check_keys(raw, shown, allowed=_SOURCE_KEYS, where=where.rstrip("，"))
    laws = expect_str_list(raw, "law", shown, problems, where=where.rstrip("，")) or []
    page = ""
    if raw.get("page") is not None:
        page = expect_str(raw, "page", shown, problems, where=where.rstrip("，")) or ""
        if page and (page.startswith("/") or "://" in page or not page.split("#")[0].endswith(".md")):
            problems.append(
                Problem(
                    shown,
                    f"{where}出处页面「{page}」应当是 docs/ 下的 .md 文件路径",
                    line=line_of(raw, "page"),
                    hint="写成相对 docs/ 的路径，例如 huiqian/index.md 或 huiqian/index.md#小标题",
                )
            )
            page = ""
    if not laws and not page and not any(p.line in (line_of(raw, "law"), line_of(raw, "page")) for p in problems):
        problems.append(Problem(shown, f"{where}出处（source）里既没有 law 也没有 page", line=line_of(q, "source")))
    return Source(laws=tuple(laws), page=page)


def _options(q: YamlMap, shown: str, where: str, problems: list[Problem]) -> list[str]:
    raw = q.get("options")
    if raw is None:
        problems.append(Problem(shown, f"{where}缺少选项（options）", line=line_of(q), hint="单选、多选题至少要有两个选项"))
        return []
    opts = expect_str_list(q, "options", shown, problems, where=where.rstrip("，")) or []
    opts = [" ".join(o.split()) for o in opts]  # one line each
    seen: set[str] = set()
    for i, opt in enumerate(opts):
        if opt in seen:
            problems.append(Problem(shown, f"{where}选项「{opt}」重复", line=line_of(raw, i)))
        seen.add(opt)
    if isinstance(raw, list) and len(opts) < 2:
        problems.append(Problem(shown, f"{where}至少要有两个选项", line=line_of(q, "options")))
    return opts


def _answer_list(q: YamlMap) -> list[str] | None:
    raw = q.get("answer")
    if raw is None:
        return None
    items = raw if isinstance(raw, list) else [raw]
    out = []
    for item in items:
        if isinstance(item, bool):
            out.append(item)
        elif isinstance(item, (int, float)):
            out.append(str(item))
        elif isinstance(item, str):
            out.append(" ".join(item.split()))
        else:
            out.append(item)
    return out


def _question(
    q: object, module_id: str, shown: str, index: int, container: YamlList, problems: list[Problem]
) -> Question | None:
    where = f"第 {index + 1} 题，"
    if not isinstance(q, YamlMap):
        problems.append(
            Problem(shown, f"{where}每道题应当是「键: 值」的映射，这里是{type_name(q)}", line=line_of(container, index))
        )
        return None
    count = len(problems)
    problems += check_keys(q, shown, allowed=_QUESTION_KEYS, required=_QUESTION_REQUIRED, where=where.rstrip("，"))
    qid = expect_str(q, "id", shown, problems, where=where.rstrip("，"))
    if qid is not None:
        where = f"第 {index + 1} 题（{qid}），"
        if not SLUG_RE.match(qid):
            problems.append(slug_problem(shown, "题目编号", qid, line_of(q, "id")))
    qtype = expect_str(q, "type", shown, problems, where=where.rstrip("，"))
    if qtype is not None and qtype not in TYPES:
        problems.append(
            Problem(shown, f"{where}题型「{qtype}」不认识", line=line_of(q, "type"), hint="题型只能是 单选、多选、判断、填空")
        )
        qtype = None
    stem = expect_str(q, "stem", shown, problems, where=where.rstrip("，"))
    explanation = ""
    raw_expl = q.get("explanation")
    if raw_expl is None or (isinstance(raw_expl, str) and not raw_expl.strip()):
        problems.append(
            Problem(
                shown,
                f"{where}没有解析（explanation），或解析是空的",
                line=line_of(q, "explanation") if "explanation" in q else line_of(q),
                hint="写明为什么，以及依据哪部法律的哪一条",
            )
        )
    else:
        explanation = expect_str(q, "explanation", shown, problems, where=where.rstrip("，")) or ""
    source = _source(q, shown, where, problems)

    options: list[str] = []
    answers: list[str] = []
    raw_answers = _answer_list(q)
    answer_line = line_of(q, "answer") if "answer" in q else line_of(q)
    if qtype in ("单选", "多选"):
        options = _options(q, shown, where, problems)
        if raw_answers is None:
            problems.append(Problem(shown, f"{where}缺少答案（answer）", line=answer_line, hint="answer 写正确选项的原文"))
        else:
            for ans in raw_answers:
                if not isinstance(ans, str):
                    problems.append(Problem(shown, f"{where}答案应当是选项的原文，这里是{type_name(ans)}", line=answer_line))
                elif options and ans not in options:
                    problems.append(
                        Problem(
                            shown,
                            f"{where}答案「{ans}」不在选项中",
                            line=answer_line,
                            hint="answer 要与某个选项一字不差，可以直接复制选项原文",
                        )
                    )
                elif ans in answers:
                    problems.append(Problem(shown, f"{where}答案「{ans}」重复", line=answer_line))
                else:
                    answers.append(ans)
            if qtype == "单选" and len(raw_answers) != 1:
                problems.append(
                    Problem(
                        shown,
                        f"{where}单选题应当恰好有一个正确答案，这里有 {len(raw_answers)} 个",
                        line=answer_line,
                        hint="有多个正确答案的，把 type 改为 多选",
                    )
                )
            if qtype == "多选" and len(raw_answers) < 2:
                problems.append(
                    Problem(
                        shown,
                        f"{where}多选题至少要有两个正确答案，这里有 {len(raw_answers)} 个",
                        line=answer_line,
                        hint="只有一个正确答案的，把 type 改为 单选；多个答案写成列表 [甲, 乙]",
                    )
                )
    elif qtype == "判断":
        options = list(TRUE_FALSE)
        if "options" in q:
            problems.append(Problem(shown, f"{where}判断题不要写 options（选项固定为 正确 / 错误）", line=line_of(q, "options")))
        if raw_answers is None:
            problems.append(Problem(shown, f"{where}缺少答案（answer）", line=answer_line, hint="判断题的答案写 正确 或 错误"))
        elif len(raw_answers) != 1 or _TF_WORDS.get(raw_answers[0]) is None:
            shown_ans = "、".join(str(a) for a in raw_answers)
            problems.append(
                Problem(
                    shown,
                    f"判断题应当恰好有一个答案：正确 或 错误；{where}这里是「{shown_ans}」",
                    line=answer_line,
                )
            )
        else:
            answers = [_TF_WORDS[raw_answers[0]]]
    elif qtype == "填空":
        if "options" in q:
            problems.append(Problem(shown, f"{where}填空题不要写 options", line=line_of(q, "options")))
        if stem is not None:
            blanks = len(BLANK_RE.findall(stem))
            if blanks != 1:
                problems.append(
                    Problem(
                        shown,
                        f"{where}填空题的题干应当恰好有一个空（____），这里有 {blanks} 个",
                        line=line_of(q, "stem"),
                        hint="在要填的位置写四个下划线 ____",
                    )
                )
        if raw_answers is None or not [a for a in raw_answers if isinstance(a, str) and a]:
            problems.append(
                Problem(shown, f"{where}填空题没有答案（answer）", line=answer_line, hint="answer 写可以接受的答案，例如 [六十, 60]")
            )
        else:
            for ans in raw_answers:
                if not isinstance(ans, str) or not ans:
                    problems.append(Problem(shown, f"{where}填空答案应当是文字，这里是{type_name(ans)}", line=answer_line))
                elif normalize_answer(ans) not in {normalize_answer(a) for a in answers}:
                    answers.append(ans)

    if len(problems) > count or qid is None or qtype is None or stem is None:
        return None
    return Question(
        module_id=module_id,
        id=qid,
        type=qtype,
        stem=stem,
        options=tuple(options),
        answers=tuple(answers),
        explanation=explanation,
        source=source,
        line=line_of(container, index),
    )


def _validate(data: object, path: Path, shown: str) -> QuizModule:
    problems: list[Problem] = []
    data = require_mapping(data, shown, "测验模块")
    problems += check_keys(data, shown, allowed=_MODULE_KEYS, required=_MODULE_REQUIRED)
    ident = expect_file_id(data, path, shown, problems, "测验模块编号")
    module_id = ident or path.stem
    title = expect_str(data, "title", shown, problems)
    track = expect_str(data, "track", shown, problems)
    if track is not None and track not in TRACKS:
        problems.append(
            Problem(shown, f"栏目（track）「{track}」不认识", line=line_of(data, "track"), hint="只能是 " + "、".join(TRACKS))
        )
    description = expect_str(data, "description", shown, problems) or ""
    audience = expect_str_list(data, "audience", shown, problems) or []
    tags = expect_str_list(data, "tags", shown, problems) or []
    pass_mark = expect_number(data, "pass_mark", shown, problems, minimum=0, maximum=100)
    minutes = None
    if data.get("minutes") is not None:
        minutes = expect_number(data, "minutes", shown, problems, minimum=1, maximum=600)
    hours = None
    if data.get("hours") is not None:
        hours = expect_number(data, "hours", shown, problems, minimum=0, maximum=100)

    questions: list[Question] = []
    raw_questions = data.get("questions")
    if raw_questions is not None:
        if not isinstance(raw_questions, YamlList):
            problems.append(
                Problem(
                    shown,
                    f"「questions」应当是题目列表（每题以「- id: 」开头），这里是{type_name(raw_questions)}",
                    line=line_of(data, "questions"),
                )
            )
        elif not raw_questions:
            problems.append(Problem(shown, "「questions」至少要有一道题", line=line_of(data, "questions")))
        else:
            first_line: dict[str, int | None] = {}
            for i, q in enumerate(raw_questions):
                question = _question(q, module_id, shown, i, raw_questions, problems)
                qid = q.get("id") if isinstance(q, YamlMap) else None
                if isinstance(qid, str):
                    qid = qid.strip()
                    if qid in first_line:
                        problems.append(
                            Problem(
                                shown,
                                f"题目编号「{qid}」重复（第一次出现在第 {first_line[qid]} 行）",
                                line=line_of(q, "id"),
                                hint="每道题的编号在本模块内必须唯一；已发布的题不要改编号",
                            )
                        )
                    else:
                        first_line[qid] = line_of(q, "id")
                if question is not None:
                    questions.append(question)

    if problems:
        raise InputError(problems)
    assert ident and title and track and pass_mark is not None
    return QuizModule(
        id=ident,
        title=title,
        track=track,
        description=description,
        pass_mark=float(pass_mark),
        questions=tuple(questions),
        audience=tuple(audience),
        tags=tuple(dict.fromkeys(tags)),
        minutes=int(round(minutes)) if minutes else max(1, len(questions)),
        hours=float(hours or 0),
        path=shown,
        line_of_id={q.id: q.line or 0 for q in questions},
    )


def load_module(path: str | Path, *, display_path: str | None = None) -> QuizModule:
    """Load and validate one module file; raises InputError with every problem of the file."""
    path = Path(path)
    shown = display_path or str(path)
    return _validate(load_yaml_file(path, shown), path, shown)


def load_modules(paths: str | Path | Iterable[str | Path], *, base: str | Path | None = None) -> dict[str, QuizModule]:
    """Every module of a folder (``*.yml``/``*.yaml``, not sub-folders) or a list of files.

    Returns ``{id: QuizModule}`` sorted by id. Problems of all files are
    collected and raised together. ``base``: paths in messages are shown
    relative to it.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    files, problems = yaml_files_in(paths, "测验模块文件或文件夹不存在")
    found: dict[str, QuizModule] = {}
    for file in files:
        shown = shown_path(file, base)
        try:
            module = load_module(file, display_path=shown)
        except InputError as exc:
            problems += exc.problems
            continue
        if module.id in found:
            problems.append(Problem(shown, f"测验模块编号「{module.id}」与 {found[module.id].path} 重复", line=1))
            continue
        found[module.id] = module
    if problems:
        raise InputError(problems)
    return dict(sorted(found.items()))

