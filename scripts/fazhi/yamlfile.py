"""Load a YAML file and keep the line of every key and value.

The loaders for plans, profiles, assignments and quiz modules all need the same
two things from YAML: plain Python values, and the line where each value was
written, so that a schema problem can be reported as ``file:line``. This module
gives both: mappings come back as :class:`YamlMap` (a ``dict``) and sequences as
:class:`YamlList` (a ``list``), each remembering its own line and the line of
each key / item. Syntax errors and duplicate keys become :class:`Problem` values
raised in an :class:`InputError`.

Small checking helpers (:func:`check_keys`, :func:`expect_str` …) turn schema
mistakes into ``Problem`` values with lines; they return the problems instead of
raising, so a loader can collect every problem of a file at once.
"""

from __future__ import annotations

import datetime as _dt
import re
from pathlib import Path
from typing import Any, Iterable

import yaml
from yaml.nodes import MappingNode, Node, SequenceNode

from fazhi.errors import InputError, Problem

__all__ = [
    "yaml_files_in",
    "shown_path",
    "YamlMap",
    "YamlList",
    "load_yaml_file",
    "load_yaml_text",
    "line_of",
    "check_keys",
    "expect_str",
    "expect_str_list",
    "expect_number",
    "expect_date",
    "type_name",
    "SLUG_RE",
    "slug_problem",
    "require_mapping",
    "expect_file_id",
]


class YamlMap(dict):
    """A mapping read from YAML that knows where it and its entries are."""

    line: int | None = None
    key_lines: dict
    value_lines: dict

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.key_lines = {}
        self.value_lines = {}


class YamlList(list):
    """A sequence read from YAML that knows where it and its items are."""

    line: int | None = None
    item_lines: list

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.item_lines = []


def _line(node: Node) -> int:
    return node.start_mark.line + 1


# libyaml's parser when PyYAML was built with it (the wheels are): several
# times faster; the constructors below (Python) are the same either way.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_BaseLoader):
    """SafeLoader that builds YamlMap / YamlList and refuses duplicate keys."""

    def __init__(self, stream, display_path: str):
        super().__init__(stream)
        self.display_path = display_path
        self.duplicate_problems: list[Problem] = []

    def construct_yaml_map(self, node: MappingNode):  # type: ignore[override]
        data = YamlMap()
        data.line = _line(node)
        yield data
        self.flatten_mapping(node)
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                hash(key)
            except TypeError:
                self.duplicate_problems.append(
                    Problem(self.display_path, "这里的键不能是列表或映射", line=_line(key_node))
                )
                continue
            if key in data:
                self.duplicate_problems.append(
                    Problem(
                        self.display_path,
                        f"键「{key}」重复出现（第一次在第 {data.key_lines[key]} 行）",
                        line=_line(key_node),
                        hint="删掉或合并重复的键",
                    )
                )
                continue
            data[key] = self.construct_object(value_node, deep=True)
            data.key_lines[key] = _line(key_node)
            data.value_lines[key] = _line(value_node)

    def construct_yaml_seq(self, node: SequenceNode):  # type: ignore[override]
        data = YamlList()
        data.line = _line(node)
        yield data
        for child in node.value:
            data.append(self.construct_object(child, deep=True))
            data.item_lines.append(_line(child))


_LineLoader.add_constructor("tag:yaml.org,2002:map", _LineLoader.construct_yaml_map)
_LineLoader.add_constructor("tag:yaml.org,2002:seq", _LineLoader.construct_yaml_seq)


def load_yaml_text(text: str, display_path: str) -> Any:
    """Parse YAML ``text``; raise InputError with file and line on any problem.

    An empty document gives ``None``. Only one document per file is allowed.
    """
    loader = _LineLoader(text, display_path)
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        column = mark.column + 1 if mark is not None else None
        what = exc.problem or exc.context or "格式错误"
        raise InputError(
            [
                Problem(
                    display_path,
                    f"YAML 格式错误：{what}",
                    line=line,
                    column=column,
                    hint="检查这一行及上一行的缩进、冒号和引号；含冒号或 # 的文字请用引号括起来",
                )
            ]
        ) from None
    except yaml.YAMLError as exc:  # pragma: no cover - non-marked errors are rare
        raise InputError([Problem(display_path, f"YAML 格式错误：{exc}")]) from None
    finally:
        loader.dispose()
    if loader.duplicate_problems:
        raise InputError(list(loader.duplicate_problems))
    return data


def read_utf8(path: str | Path, shown: str, kind: str = "文件") -> str:
    """The text of a UTF-8 file (with or without BOM); InputError in Chinese, with the line of a bad byte."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError([Problem(shown, "文件不存在", hint="检查路径和文件名")]) from None
    except IsADirectoryError:
        raise InputError([Problem(shown, f"这是一个文件夹，不是{kind}")]) from None
    except OSError as exc:
        raise InputError([Problem(shown, f"无法读取文件：{exc.strerror or exc}")]) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(
            [Problem(shown, "文件不是 UTF-8 编码", line=line, hint="用文本编辑器另存为 UTF-8 编码")]
        ) from None


def load_yaml_file(path: str | Path, display_path: str | None = None) -> Any:
    """Read and parse a YAML file (UTF-8, with or without BOM)."""
    shown = display_path or str(path)
    return load_yaml_text(read_utf8(path, shown, "YAML 文件"), shown)


# --------------------------------------------------------------------------
# Locating values and checking shapes
# --------------------------------------------------------------------------


def yaml_files_in(paths: Iterable[str | Path], missing: str) -> tuple[list[Path], list[Problem]]:
    """The YAML files named by ``paths`` (files, or folders' ``*.yml``/``*.yaml``), in order.

    A path that does not exist becomes a Problem with the message ``missing``.
    """
    files: list[Path] = []
    problems: list[Problem] = []
    for entry in paths:
        entry = Path(entry)
        if entry.is_dir():
            files += sorted(p for p in entry.iterdir() if p.suffix in (".yml", ".yaml") and p.is_file())
        elif entry.is_file():
            files.append(entry)
        else:
            problems.append(Problem(str(entry), missing))
    return files, problems


def shown_path(path: str | Path, base: str | Path | None) -> str:
    """``path`` as shown in messages: relative to ``base`` when it lies inside it."""
    if base is None:
        return str(path)
    try:
        return Path(path).resolve().relative_to(Path(base).resolve()).as_posix()
    except ValueError:
        return str(path)


def docs_prefix(docs: str | Path, root: str | Path) -> str:
    """How the docs folder is shown before a page's path in messages: ``docs/`` (or its path)."""
    try:
        rel = Path(docs).resolve().relative_to(Path(root).resolve()).as_posix()
    except ValueError:
        return str(docs) + "/"
    return "" if rel == "." else rel + "/"


def line_of(container: Any, key: Any = None) -> int | None:
    """Line of ``container[key]`` (value), or of the container when key is None."""
    if key is None:
        return getattr(container, "line", None)
    if isinstance(container, YamlMap):
        return container.value_lines.get(key, container.line)
    if isinstance(container, YamlList) and isinstance(key, int):
        if 0 <= key < len(container.item_lines):
            return container.item_lines[key]
        return container.line
    return getattr(container, "line", None)


def type_name(value: Any) -> str:
    """The kind of a YAML value, in words a user knows."""
    if value is None:
        return "空值"
    if isinstance(value, bool):
        return "是/否（布尔值）"
    if isinstance(value, (int, float)):
        return "数字"
    if isinstance(value, str):
        return "文字"
    if isinstance(value, (_dt.date, _dt.datetime)):
        return "日期"
    if isinstance(value, dict):
        return "映射（键: 值）"
    if isinstance(value, list):
        return "列表"
    return type(value).__name__


def check_keys(
    mapping: YamlMap,
    path: str,
    *,
    allowed: Iterable[str],
    required: Iterable[str] = (),
    where: str = "",
) -> list[Problem]:
    """Problems for unknown keys and missing required keys of ``mapping``."""
    allowed = list(allowed)
    problems = []
    prefix = f"{where}：" if where else ""
    for key in mapping:
        if key not in allowed:
            problems.append(
                Problem(
                    path,
                    f"{prefix}不认识的键「{key}」",
                    line=mapping.key_lines.get(key, mapping.line),
                    hint="可用的键：" + "、".join(allowed),
                )
            )
    for key in required:
        if key not in mapping or mapping[key] is None or mapping[key] == "":
            problems.append(
                Problem(path, f"{prefix}缺少必填的键「{key}」", line=mapping.key_lines.get(key, mapping.line))
            )
    return problems


def expect_str(mapping: YamlMap, key: str, path: str, problems: list[Problem], *, where: str = "") -> str | None:
    """``mapping[key]`` as a non-empty string, or None with a problem recorded."""
    value = mapping.get(key)
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not value.strip():
        prefix = f"{where}：" if where else ""
        problems.append(
            Problem(path, f"{prefix}「{key}」应当是一段文字，这里是{type_name(value)}", line=line_of(mapping, key))
        )
        return None
    return value.strip()


def expect_str_list(
    mapping: YamlMap, key: str, path: str, problems: list[Problem], *, where: str = ""
) -> list[str] | None:
    """``mapping[key]`` as a list of strings (a single string is accepted as a list of one)."""
    value = mapping.get(key)
    prefix = f"{where}：" if where else ""
    if value is None:
        return None
    if isinstance(value, str):
        return [value.strip()] if value.strip() else []
    if not isinstance(value, list):
        problems.append(
            Problem(path, f"{prefix}「{key}」应当是列表，这里是{type_name(value)}", line=line_of(mapping, key))
        )
        return None
    out = []
    for i, item in enumerate(value):
        if isinstance(item, (int, float)) and not isinstance(item, bool):
            item = str(item)
        if not isinstance(item, str) or not item.strip():
            problems.append(
                Problem(
                    path,
                    f"{prefix}「{key}」的第 {i + 1} 项应当是文字，这里是{type_name(item)}",
                    line=line_of(value, i),
                )
            )
            continue
        out.append(item.strip())
    return out


def expect_number(
    mapping: YamlMap,
    key: str,
    path: str,
    problems: list[Problem],
    *,
    minimum: float | None = None,
    maximum: float | None = None,
    where: str = "",
) -> float | None:
    """``mapping[key]`` as a number within bounds, or None with a problem recorded."""
    value = mapping.get(key)
    prefix = f"{where}：" if where else ""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        problems.append(
            Problem(path, f"{prefix}「{key}」应当是数字，这里是{type_name(value)}", line=line_of(mapping, key))
        )
        return None
    if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
        lo = "" if minimum is None else f"不小于 {minimum:g}"
        hi = "" if maximum is None else f"不大于 {maximum:g}"
        rng = "、".join(x for x in (lo, hi) if x)
        problems.append(Problem(path, f"{prefix}「{key}」应当{rng}，这里是 {value}", line=line_of(mapping, key)))
        return None
    return value


def expect_date(
    mapping: YamlMap, key: str, path: str, problems: list[Problem], *, where: str = ""
) -> _dt.date | None:
    """``mapping[key]`` as a date: a YAML date (2025-03-01) or a string in that form."""
    value = mapping.get(key)
    prefix = f"{where}：" if where else ""
    if value is None:
        return None
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, str):
        try:
            return _dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    problems.append(
        Problem(
            path,
            f"{prefix}「{key}」应当是日期，写成 2025-03-01 的样子，这里是「{value}」",
            line=line_of(mapping, key),
        )
    )
    return None


# --------------------------------------------------------------------------
# Files that hold one named thing (a quiz module, an assignment …)
# --------------------------------------------------------------------------

#: ASCII slug: lower-case letters and digits, words joined by single - or _.
SLUG_RE = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")


def slug_problem(path: str, what: str, value: str, line: int | None) -> Problem:
    return Problem(
        path,
        f"{what}「{value}」不是合规的编号",
        line=line,
        hint="只用小写英文字母、数字，单词之间用 - 或 _ 连接，例如 xzcf-basics",
    )


def require_mapping(data: Any, path: str, what: str) -> YamlMap:
    """``data`` if it is a mapping; otherwise raise InputError saying what the file should be."""
    if not isinstance(data, YamlMap):
        kind = "空文件" if data is None else type_name(data)
        raise InputError(
            [Problem(path, f"{what}文件应当是「键: 值」的映射，这里是{kind}", line=line_of(data), hint="参照说明中的示例")]
        )
    return data


def expect_file_id(mapping: YamlMap, file: Path, path: str, problems: list[Problem], what: str) -> str | None:
    """``mapping["id"]``: an ASCII slug equal to the file's name without its suffix."""
    ident = expect_str(mapping, "id", path, problems)
    if ident is None:
        return None
    if not SLUG_RE.match(ident):
        problems.append(slug_problem(path, what, ident, line_of(mapping, "id")))
    elif ident != file.stem:
        problems.append(
            Problem(
                path,
                f"{what}「{ident}」与文件名「{file.stem}」不一致",
                line=line_of(mapping, "id"),
                hint=f"把文件改名为 {ident}.yml，或把 id 改为 {file.stem}",
            )
        )
    return ident
