"""The whole quiz project checked at once: modules, assignments and the pages that embed modules.

:func:`load_project` is what the build hook and ``scripts/check_quizzes.py``
both call: it loads every module (``quizzes/*.yml``) and assignment
(``quizzes/assignments/*.yml``), finds every embed line in ``docs/**/*.md``, and
returns a :class:`QuizProject`, or raises :class:`~fazhi.errors.InputError`
with every problem of every file, each with its file and line.

Embedding a module in a curriculum page takes one line of its own::

    {{ quiz xzcf-basics }}                         # the whole module
    {{ quiz xzcf-basics: zhonglei-1, tingzheng-2 }}  # chosen questions, in this order

The line may be indented (inside an admonition or a content tab); lines inside
fenced code blocks are examples, not embeds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from fazhi.assignments import SLUG_RE, Assignment, load_assignments
from fazhi.errors import InputError, Problem
from fazhi.quizzes import QuizModule, load_modules
from fazhi.yamlfile import docs_prefix

__all__ = ["Embed", "QuizProject", "find_embeds", "load_project", "EMBED_RE", "TEMPLATES_DIR"]

#: The page templates for maintainers (docs/guide/templates/, see fazhi.content):
#: excluded from the build, so their embed lines are examples, not embeds of the site.
TEMPLATES_DIR = "guide/templates"

#: An embed line: ``{{ quiz <module-id> }}`` or ``{{ quiz <module-id>: <question-id>, … }}``.
EMBED_RE = re.compile(r"^(?P<indent>[ \t]*)\{\{\s*quiz\s+(?P<body>[^{}]*?)\s*\}\}[ \t]*$")
_LOOSE_RE = re.compile(r"\{\{\s*quiz\b")
_FENCE_RE = re.compile(r"^[ \t]*(```+|~~~+)")
_INLINE_CODE_RE = re.compile(r"`+[^`]*`+")


@dataclass(frozen=True)
class Embed:
    """One embed line of a docs page."""

    page: str  # docs-relative path, e.g. huiqian/index.md
    line: int
    module_id: str
    question_ids: tuple[str, ...] = ()
    indent: str = ""


@dataclass
class QuizProject:
    modules: dict[str, QuizModule]
    assignments: dict[str, Assignment]
    embeds: list[Embed] = field(default_factory=list)

    def embeds_on(self, page: str) -> list[Embed]:
        return [e for e in self.embeds if e.page == page]


def find_embeds(text: str, page: str, shown: str | None = None) -> tuple[list[Embed], list[Problem]]:
    """Embed lines of one Markdown page, and problems with malformed ones."""
    shown = shown or page
    embeds: list[Embed] = []
    problems: list[Problem] = []
    fence: str | None = None
    for number, line in enumerate(text.splitlines(), 1):
        m = _FENCE_RE.match(line)
        if m:
            mark = m.group(1)
            if fence is None:
                fence = mark[0] * len(mark)
            elif mark.startswith(fence):
                fence = None
            continue
        if fence is not None:
            continue
        m = EMBED_RE.match(line)
        if not m:
            if _LOOSE_RE.search(_INLINE_CODE_RE.sub("", line)):
                problems.append(
                    Problem(
                        shown,
                        "嵌入测验的写法不对",
                        line=number,
                        hint="单独占一行，写成 {{ quiz 模块编号 }} 或 {{ quiz 模块编号: 题目编号, 题目编号 }}",
                    )
                )
            continue
        body = m.group("body")
        module_id, _, rest = body.partition(":")
        module_id = module_id.strip()
        qids = tuple(q.strip() for q in re.split(r"[,，、\s]+", rest) if q.strip())
        if not SLUG_RE.match(module_id):
            problems.append(Problem(shown, f"嵌入测验的模块编号「{module_id}」不合规", line=number, hint="写成 {{ quiz xzcf-basics }}"))
            continue
        embeds.append(Embed(page, number, module_id, qids, m.group("indent")))
    return embeds, problems


def _check_embeds(embeds: list[Embed], modules: dict[str, QuizModule], shown_prefix: str) -> list[Problem]:
    problems = []
    seen: dict[tuple[str, str], int] = {}
    for e in embeds:
        shown = shown_prefix + e.page
        module = modules.get(e.module_id)
        if module is None:
            problems.append(
                Problem(
                    shown,
                    f"嵌入的测验模块「{e.module_id}」不存在",
                    line=e.line,
                    hint="检查拼写；现有模块：" + ("、".join(modules) or "（无）"),
                )
            )
            continue
        for qid in e.question_ids:
            if module.question(qid) is None:
                problems.append(
                    Problem(
                        shown,
                        f"测验模块「{e.module_id}」里没有编号为「{qid}」的题目",
                        line=e.line,
                        hint=f"题目编号见 {module.path}",
                    )
                )
        if len(set(e.question_ids)) != len(e.question_ids):
            problems.append(Problem(shown, "同一道题在这一行里列了两次", line=e.line))
        key = (e.page, e.module_id)
        if key in seen:
            problems.append(
                Problem(
                    shown,
                    f"测验模块「{e.module_id}」在本页已于第 {seen[key]} 行嵌入过",
                    line=e.line,
                    hint="同一页面里每个模块只嵌入一次；要分开放的题目，可以嵌入不同的模块",
                )
            )
        else:
            seen[key] = e.line
    return problems


def _check_sources(modules: dict[str, QuizModule], docs_dir: Path) -> list[Problem]:
    problems = []
    for module in modules.values():
        for q in module.questions:
            page = q.source.page_path
            if page and not (docs_dir / page).is_file():
                problems.append(
                    Problem(
                        module.path,
                        f"题目「{q.id}」的出处页面 {page} 不存在",
                        line=q.line,
                        hint="page 写相对 docs/ 的路径，例如 huiqian/index.md",
                    )
                )
    return problems


def load_project(root: str | Path, docs_dir: str | Path | None = None) -> QuizProject:
    """Load and cross-check all quiz content of the project at ``root``.

    Raises InputError with every problem found (paths shown relative to root).
    """
    root = Path(root)
    docs = Path(docs_dir) if docs_dir else root / "docs"
    quizzes = root / "quizzes"
    problems: list[Problem] = []
    modules: dict[str, QuizModule] = {}
    broken: set[str] = set()  # modules whose file has problems: they exist, but are not loaded
    if quizzes.is_dir():
        for path in sorted(p for p in quizzes.iterdir() if p.suffix in (".yml", ".yaml") and p.is_file()):
            try:
                (module,) = load_modules(path, base=root).values()
            except InputError as exc:
                problems += exc.problems
                broken.add(path.stem)
                continue
            if module.id in modules:
                problems.append(
                    Problem(module.path, f"测验模块编号「{module.id}」与 {modules[module.id].path} 重复", line=1, hint="删除或改名其中一个文件")
                )
                continue
            modules[module.id] = module
    known = set(modules) | broken
    assignments: dict[str, Assignment] = {}
    assignments_dir = quizzes / "assignments"
    if assignments_dir.is_dir():
        try:
            assignments = load_assignments(assignments_dir, known_modules=known, base=root)
        except InputError as exc:
            problems += exc.problems

    embeds: list[Embed] = []
    prefix = docs_prefix(docs, root)
    if docs.is_dir():
        for path in sorted(docs.rglob("*.md")):
            page = path.relative_to(docs).as_posix()
            if page.startswith(TEMPLATES_DIR + "/"):
                continue
            found, bad = find_embeds(path.read_text(encoding="utf-8-sig"), page, prefix + page)
            embeds += found
            problems += bad
    problems += _check_embeds([e for e in embeds if e.module_id not in broken], modules, prefix)
    problems += _check_sources(modules, docs)
    if problems:
        raise InputError(problems)
    return QuizProject(modules=dict(sorted(modules.items())), assignments=assignments, embeds=embeds)

