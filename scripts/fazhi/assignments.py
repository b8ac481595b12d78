"""Trainers' quiz assignments: ``quizzes/assignments/<id>.yml``.

An assignment gives a group of people one or more quiz modules to complete
between two dates. The same files feed the coverage tally (who completed them
by the due date) and, later, the site's assignment pages, so this module is THE
loader: it returns validated :class:`Assignment` values or raises
:class:`~fazhi.errors.InputError` listing every problem with file and line.

File format (UTF-8 YAML, one assignment per file, the file stem is its id)::

    id: 2025-q1-xzcf            # must equal the file name without .yml; ASCII slug
    title: 行政处罚法专题测验      # shown to learners and trainers
    modules:                     # quiz module ids (ASCII slugs), at least one
      - xzcf-basics
      - xzcf-procedure
    target:                      # optional; absent or empty lists = everyone
      units: [甲街道, 区市场监管局]
      roles: [执法人员]
    opens: 2025-03-01            # first day completions count
    due: 2025-03-31              # last day completions count as on time
    pass_mark: 80                # percent, 0-100
    notes: 可多次作答，取最高分。   # optional, free text

Unknown keys are errors. Whether module ids exist is checked only when the
caller passes ``known_modules`` (the quiz-module loader of a later issue).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Collection, Iterable

from fazhi.errors import InputError, Problem
from fazhi.yamlfile import (
    SLUG_RE,
    YamlMap,
    check_keys,
    expect_date,
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

__all__ = ["Assignment", "Target", "SLUG_RE", "load_assignment", "load_assignments"]

_KEYS = ("id", "title", "modules", "target", "opens", "due", "pass_mark", "notes")
_REQUIRED = ("id", "title", "modules", "opens", "due", "pass_mark")
_TARGET_KEYS = ("units", "roles")


@dataclass(frozen=True)
class Target:
    """Who an assignment is for. Empty tuples mean everyone."""

    units: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()

    def applies_to(self, unit: str, role: str) -> bool:
        return (not self.units or unit in self.units) and (not self.roles or role in self.roles)

    @property
    def everyone(self) -> bool:
        return not self.units and not self.roles


@dataclass(frozen=True)
class Assignment:
    """One validated assignment file."""

    id: str
    title: str
    modules: tuple[str, ...]
    opens: _dt.date
    due: _dt.date
    pass_mark: float
    target: Target = field(default_factory=Target)
    notes: str = ""
    path: str = ""

    def window_contains(self, day: _dt.date) -> bool:
        return self.opens <= day <= self.due


def _validate(data: object, path: Path, shown: str, known_modules: Collection[str] | None) -> Assignment:
    problems: list[Problem] = []
    data = require_mapping(data, shown, "测验任务")
    problems += check_keys(data, shown, allowed=_KEYS, required=_REQUIRED)
    ident = expect_file_id(data, path, shown, problems, "任务编号")

    title = expect_str(data, "title", shown, problems)

    modules: list[str] = []
    raw_modules = data.get("modules")
    if raw_modules is not None:
        if isinstance(raw_modules, str):
            problems.append(
                Problem(shown, "「modules」应当是列表，每行一个测验模块编号，以「- 」开头", line=line_of(data, "modules"))
            )
        else:
            got = expect_str_list(data, "modules", shown, problems) or []
            seen: set[str] = set()
            for i, module in enumerate(got):
                line = line_of(raw_modules, i)
                if not SLUG_RE.match(module):
                    problems.append(slug_problem(shown, "测验模块编号", module, line))
                elif module in seen:
                    problems.append(Problem(shown, f"测验模块「{module}」重复列出", line=line))
                elif known_modules is not None and module not in known_modules:
                    problems.append(
                        Problem(shown, f"没有编号为「{module}」的测验模块", line=line, hint="检查拼写，或先添加该测验模块")
                    )
                seen.add(module)
                modules.append(module)
            if not got and not any(p.line == line_of(data, "modules") for p in problems):
                problems.append(Problem(shown, "「modules」至少要列出一个测验模块", line=line_of(data, "modules")))

    target = Target()
    raw_target = data.get("target")
    if raw_target is not None:
        if not isinstance(raw_target, YamlMap):
            problems.append(
                Problem(
                    shown,
                    f"「target」应当是映射（units: / roles:），这里是{type_name(raw_target)}",
                    line=line_of(data, "target"),
                )
            )
        else:
            problems += check_keys(raw_target, shown, allowed=_TARGET_KEYS, where="target")
            units = expect_str_list(raw_target, "units", shown, problems, where="target") or []
            roles = expect_str_list(raw_target, "roles", shown, problems, where="target") or []
            target = Target(units=tuple(dict.fromkeys(units)), roles=tuple(dict.fromkeys(roles)))

    opens = expect_date(data, "opens", shown, problems)
    due = expect_date(data, "due", shown, problems)
    if opens is not None and due is not None and due < opens:
        problems.append(
            Problem(shown, f"截止日期 {due} 早于开始日期 {opens}", line=line_of(data, "due"), hint="检查 opens 和 due")
        )

    pass_mark = expect_number(data, "pass_mark", shown, problems, minimum=0, maximum=100)

    notes = ""
    if data.get("notes") is not None:
        notes = expect_str(data, "notes", shown, problems) or ""

    if problems:
        raise InputError(problems)
    assert ident and title and opens and due and pass_mark is not None
    return Assignment(
        id=ident,
        title=title,
        modules=tuple(modules),
        opens=opens,
        due=due,
        pass_mark=float(pass_mark),
        target=target,
        notes=notes,
        path=shown,
    )


def load_assignment(
    path: str | Path, *, known_modules: Collection[str] | None = None, display_path: str | None = None
) -> Assignment:
    """Load and validate one assignment file.

    ``known_modules``: when given, every listed module id must be in it (the
    extension point for the quiz-module loader). Raises InputError with every
    problem of the file.
    """
    path = Path(path)
    shown = display_path or str(path)
    data = load_yaml_file(path, shown)
    return _validate(data, path, shown, known_modules)


def load_assignments(
    paths: str | Path | Iterable[str | Path],
    *,
    known_modules: Collection[str] | None = None,
    base: str | Path | None = None,
) -> dict[str, Assignment]:
    """Load every assignment from a folder (``*.yml``, ``*.yaml``) or a list of files.

    Returns ``{id: Assignment}`` sorted by id. Problems of all files are
    collected and raised together. ``base``: paths in messages are shown
    relative to it.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    files, problems = yaml_files_in(paths, "测验任务文件或文件夹不存在")
    found: dict[str, Assignment] = {}
    for file in files:
        try:
            item = load_assignment(file, known_modules=known_modules, display_path=shown_path(file, base))
        except InputError as exc:
            problems += exc.problems
            continue
        if item.id in found:
            problems.append(Problem(shown_path(file, base), f"任务编号「{item.id}」与 {found[item.id].path} 重复"))
            continue
        found[item.id] = item
    if problems:
        raise InputError(problems)
    return dict(sorted(found.items()))

