"""THE content checker: every typed page of docs/, validated and cross-checked.

:func:`check_content` is what the build hook (scripts/hooks/content_pages.py)
and ``scripts/check_content.py`` both call. It reads every ``docs/**/*.md``
(pages without ``type:`` in their front matter are ordinary pages and are
skipped; so are the page templates in docs/guide/templates/), validates each
typed page (:func:`fazhi.content.model.validate_page`), and checks what spans
files:

- the quiz module a kit, module or case names exists (quizzes/<id>.yml) and is
  embedded in its quiz section (小测验 / the online part's 测验 / 思考题);
- a module has its three part pages, each part names its module, and a
  part's ``hours`` (when given) equals the module's hours for that part;
- a plan's ``kit`` ids name session kits: a kit page that does not exist yet
  is not an error (the plan shows 「材料包编写中」) but a note; an id that
  names a page of another type is an error.

Every problem comes with file and line (:class:`~fazhi.errors.Problem`);
notes are information for the maintainer, not errors.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from fazhi.content.model import (
    PAGE_TYPES,
    PART_TYPES,
    QUIZ_SECTION,
    Case,
    ContentPage,
    Kit,
    Module,
    Part,
    Plan,
    validate_page,
)
from fazhi.content.pages import SourcePage, read_page
from fazhi.errors import InputError, Problem
from fazhi.quiz_check import TEMPLATES_DIR, find_embeds, load_project
from fazhi.quizzes import QuizModule, load_module
from fazhi.yamlfile import docs_prefix, line_of

__all__ = ["TEMPLATES_DIR", "ContentSite", "check_content", "load_content", "is_template", "kit_src"]

# TEMPLATES_DIR: the page templates (docs/guide/templates/<type>.md), excluded from the build and this check.


def is_template(src: str) -> bool:
    return src.startswith(TEMPLATES_DIR + "/")


def kit_src(kit_id: str) -> str:
    """Where the session kit with this id lives (docs-relative)."""
    return f"huiqian/{kit_id}.md"


@dataclass
class ContentSite:
    """Every typed page of a project, with the problems found and notes for the maintainer."""

    root: Path
    docs: Path
    pages: dict[str, ContentPage] = field(default_factory=dict)  # src → model (also pages with problems)
    sources: dict[str, SourcePage] = field(default_factory=dict)  # src → every page read
    problems: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)
    quiz_modules: dict[str, QuizModule] = field(default_factory=dict)
    broken_quizzes: set[str] = field(default_factory=set)
    docs_prefix: str = "docs/"

    def of_type(self, page_type: str) -> list[ContentPage]:
        return [p for p in self.pages.values() if p.type == page_type]

    def counts(self) -> dict[str, int]:
        """Number of pages per type, in the order of PAGE_TYPES (types without pages left out)."""
        out = {t: len(self.of_type(t)) for t in PAGE_TYPES}
        return {t: n for t, n in out.items() if n}

    @property
    def ordinary_count(self) -> int:
        return len(self.sources) - len(self.pages)

    def kit_page(self, kit_id: str) -> Kit | None:
        page = self.pages.get(kit_src(kit_id))
        return page if isinstance(page, Kit) else None

    def module_of(self, part: Part) -> Module | None:
        page = self.pages.get(str(Path(part.src).parent.as_posix()) + "/index.md")
        return page if isinstance(page, Module) else None

    def parts_of(self, module: Module) -> dict[str, Part]:
        """part name (云平台 …) → its page, for the parts that exist."""
        folder = Path(module.src).parent.as_posix()
        out = {}
        for page_type, (stem, name) in PART_TYPES.items():
            page = self.pages.get(f"{folder}/{stem}.md")
            if isinstance(page, Part) and page.type == page_type:
                out[name] = page
        return out

    def quiz_of(self, page: ContentPage) -> QuizModule | None:
        module_id = getattr(page, "quiz", "")
        if isinstance(page, Part):
            module = self.module_of(page)
            module_id = module.quiz if module else ""
        return self.quiz_modules.get(module_id) if module_id else None


def _load_quiz_modules(root: Path, docs: Path) -> tuple[dict[str, QuizModule], set[str]]:
    """Quiz modules by id, and the ids of module files that have problems (reported by the quiz check)."""
    try:
        project = load_project(root, docs)
        return dict(project.modules), set()
    except InputError:
        pass
    modules: dict[str, QuizModule] = {}
    broken: set[str] = set()
    folder = root / "quizzes"
    if folder.is_dir():
        for path in sorted(p for p in folder.iterdir() if p.suffix in (".yml", ".yaml") and p.is_file()):
            try:
                module = load_module(path, display_path=f"quizzes/{path.name}")
            except InputError:
                broken.add(path.stem)
                continue
            modules[module.id] = module
    return modules, broken



def check_content(
    root: str | Path,
    docs_dir: str | Path | None = None,
    *,
    skip: Callable[[str], bool] = is_template,
) -> ContentSite:
    """Read and check every typed page under ``docs_dir`` (default ``root/docs``).

    Raises InputError only when the check cannot run (no docs folder); the
    problems of the pages are in the result's ``problems``.
    """
    root = Path(root)
    docs = Path(docs_dir) if docs_dir else root / "docs"
    if not docs.is_dir():
        raise InputError([Problem(str(docs), "文件夹不存在", hint="在项目文件夹（含 mkdocs.yml 和 docs/）中运行，或用 --root 指定")])
    site = ContentSite(root=root, docs=docs, docs_prefix=docs_prefix(docs, root))
    site.quiz_modules, site.broken_quizzes = _load_quiz_modules(root, docs)
    for path in sorted(docs.rglob("*.md")):
        src = path.relative_to(docs).as_posix()
        if skip(src):
            continue
        shown = site.docs_prefix + src
        try:
            source = read_page(path, src, shown)
        except InputError as exc:
            site.problems.extend(exc.problems)
            continue
        site.sources[src] = source
        model = validate_page(source, site.problems)
        if model is not None:
            site.pages[src] = model
    _check_quizzes(site)
    _check_plans(site)
    _check_modules(site)
    site.problems.sort(key=lambda p: (p.path, p.line or 0))
    site.notes.sort(key=lambda p: (p.path, p.line or 0))
    return site


def load_content(root: str | Path, docs_dir: str | Path | None = None, **kwargs) -> ContentSite:
    """:func:`check_content`, raising InputError with every problem when there is any."""
    site = check_content(root, docs_dir, **kwargs)
    if site.problems:
        raise InputError(list(site.problems))
    return site


# --------------------------------------------------------------------------
# Checks across files
# --------------------------------------------------------------------------


def _embedded_modules(page: ContentPage, section_title: str) -> set[str]:
    section = page.source.section(section_title)
    if section is None:
        return set()
    embeds, _bad = find_embeds(section.text, page.src)  # malformed embeds are the quiz check's business
    return {e.module_id for e in embeds}


def _check_quiz_embedded(site: ContentSite, page: ContentPage, module_id: str, section_title: str) -> None:
    section = page.source.section(section_title)
    if section is None or module_id in _embedded_modules(page, section_title):
        return
    site.problems.append(
        Problem(
            page.shown,
            f"「## {section_title}」里没有嵌入测验模块「{module_id}」",
            line=section.line,
            hint=f"在这一节里单独写一行 {{{{ quiz {module_id} }}}}（或只嵌入其中几题：{{{{ quiz {module_id}: 题目编号, 题目编号 }}}}）",
        )
    )


def _check_quizzes(site: ContentSite) -> None:
    known = set(site.quiz_modules) | site.broken_quizzes
    for page in site.pages.values():
        module_id = getattr(page, "quiz", "")
        if isinstance(page, (Kit, Module, Case)) and module_id:
            if module_id not in known:
                site.problems.append(
                    Problem(
                        page.shown,
                        f"测验模块「{module_id}」不存在（没有 quizzes/{module_id}.yml）",
                        line=line_of(page.source.meta, "quiz"),
                        hint="检查拼写，或先在 quizzes/ 中建立这个测验模块；现有模块：" + ("、".join(sorted(known)) or "（无）"),
                    )
                )
            elif page.type in QUIZ_SECTION:
                _check_quiz_embedded(site, page, module_id, QUIZ_SECTION[page.type])


def _check_plans(site: ContentSite) -> None:
    by_id = {p.id: p for p in site.pages.values() if p.id and not isinstance(p, Part)}
    for plan in site.of_type("huiqian-plan"):
        assert isinstance(plan, Plan)
        for session in plan.sessions:
            if not session.kit:
                continue
            src = f"huiqian/{session.kit}.md"
            target = site.pages.get(src)
            if isinstance(target, Kit):
                continue
            if target is not None or src in site.sources:
                kind = f"{PAGE_TYPES[target.type]}（type: {target.type}）" if target is not None else "普通页面（没有 type）"
                site.problems.append(
                    Problem(
                        plan.shown,
                        f"{session.month} 月的材料包「{session.kit}」指向的 {site.docs_prefix}{src} 是{kind}，不是会前学法材料包",
                        line=session.kit_line,
                        hint="kit 写会前学法材料包（type: huiqian-kit）的编号",
                    )
                )
                continue
            other = by_id.get(session.kit)
            if other is not None:
                site.problems.append(
                    Problem(
                        plan.shown,
                        f"{session.month} 月的材料包「{session.kit}」是{PAGE_TYPES[other.type]} {other.shown} 的编号，不是会前学法材料包",
                        line=session.kit_line,
                        hint="kit 写会前学法材料包（docs/huiqian/<编号>.md）的编号",
                    )
                )
                continue
            site.notes.append(
                Problem(
                    plan.shown,
                    f"{session.month} 月的材料包「{session.kit}」还没有编写（{site.docs_prefix}{src} 不存在），计划表中显示「材料包编写中」",
                    line=session.kit_line,
                    hint=f"编写时复制 docs/guide/templates/huiqian-kit.md 到 {site.docs_prefix}{src}",
                )
            )


def _check_modules(site: ContentSite) -> None:
    for module in site.of_type("zhifa-module"):
        assert isinstance(module, Module)
        folder = Path(module.src).parent.as_posix()
        heading = module.source.section("三个环节")
        for page_type, (stem, name) in PART_TYPES.items():
            src = f"{folder}/{stem}.md"
            if src in site.sources:
                continue
            site.problems.append(
                Problem(
                    module.shown,
                    f"模块缺少{name}页面 {site.docs_prefix}{src}",
                    line=heading.line if heading else line_of(module.source.meta, "type"),
                    hint=f"复制 docs/guide/templates/{page_type}.md 到 {site.docs_prefix}{src}，并在 mkdocs.yml 的 nav 中列出",
                )
            )
    for src, source in site.sources.items():
        folder = Path(src).parent
        if folder.parent.as_posix() != "zhifa" or source.page_type in PART_TYPES or source.stem == "index":
            continue
        expected = next((t for t, (stem, _n) in PART_TYPES.items() if stem == source.stem), None)
        if expected and isinstance(site.pages.get(f"{folder.as_posix()}/index.md"), Module):
            site.problems.append(
                Problem(
                    source.shown,
                    f"本页是模块「{folder.name}」的{PART_TYPES[expected][1]}页面，前置信息要写 type: {expected}",
                    line=line_of(source.meta, "type") if source.meta is not None and "type" in source.meta else 1,
                    hint=f"参照 docs/guide/templates/{expected}.md",
                )
            )
    for part in [p for p in site.pages.values() if isinstance(p, Part)]:
        module = site.module_of(part)
        folder = Path(part.src).parent.as_posix()
        if module is None:
            if part.module and part.module == Path(folder).name:
                site.problems.append(
                    Problem(
                        part.shown,
                        f"模块「{part.module}」不存在：{site.docs_prefix}{folder}/index.md 不是执法培训模块（type: zhifa-module）",
                        line=part.module_line,
                        hint="先按模板 docs/guide/templates/zhifa-module.md 写好模块首页",
                    )
                )
            continue
        if part.hours is not None and part.part in module.hours and abs(part.hours - module.hours[part.part]) > 1e-9:
            site.problems.append(
                Problem(
                    part.shown,
                    f"本页写的学时（{part.hours:g}）与模块首页中{part.part}的学时（{module.hours[part.part]:g}）不一致",
                    line=part.hours_line,
                    hint=f"学时以模块首页 {module.shown} 的 hours 为准；本页可以不写 hours",
                )
            )
        if part.type == "zhifa-online" and module.quiz and module.quiz in site.quiz_modules:
            _check_quiz_embedded(site, part, module.quiz, QUIZ_SECTION["zhifa-online"])
