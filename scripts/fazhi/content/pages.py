"""A Markdown page read for checking: front matter with lines, and its H2 sections.

:func:`read_page` splits a page the way MkDocs does (a YAML block between
``---`` lines at the very top) and keeps file line numbers for everything:
the front matter is parsed with :mod:`fazhi.yamlfile`'s line-keeping loader
(so ``meta.key_lines["minutes"]`` is the line of ``minutes:`` in the file), and
the body is cut into sections at level-2 ATX headings (``## 标题``) outside
fenced code blocks. Headings inside fences, indented ones (admonition or tab
content) and setext headings are not section boundaries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from fazhi.errors import InputError, Problem
from fazhi.yamlfile import YamlMap, load_yaml_text, read_utf8, type_name

__all__ = ["Section", "SourcePage", "read_page", "parse_page", "split_sections", "FRONT_MATTER_RE", "H2_RE"]

#: MkDocs' own front matter pattern (mkdocs.utils.meta.YAML_RE).
FRONT_MATTER_RE = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
#: An ATX level-2 heading at the margin; the title without closing #s or a trailing {#id .class}.
H2_RE = re.compile(r"^ {0,3}##(?:[ \t]+(?P<title>.*?))?[ \t]*$")
_CLOSING_RE = re.compile(r"(?:[ \t]+#+)?[ \t]*(?:\{[^{}]*\})?[ \t]*$")
_FENCE_RE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
_TYPE_LINE_RE = re.compile(r"^type[ \t]*:[ \t]*\S", re.M)


@dataclass
class Section:
    """One ``## title`` and the lines under it, up to the next H2 (or the end of the page)."""

    title: str
    line: int  # file line of the heading
    end: int  # last file line of the section
    lines: list[str] = field(default_factory=list, repr=False)  # lines after the heading

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    def numbered(self):
        """(file line, text) of every line of the section below its heading."""
        return zip(range(self.line + 1, self.end + 1), self.lines)


@dataclass
class SourcePage:
    """A Markdown file of docs/: where it is, its front matter and its sections."""

    src: str  # docs-relative path with forward slashes, e.g. huiqian/qingwei-buyu.md
    shown: str  # the path as shown in messages, e.g. docs/huiqian/qingwei-buyu.md
    text: str
    meta: YamlMap | None = None  # None: no front matter
    body_line: int = 1  # first file line after the front matter
    sections: list[Section] = field(default_factory=list)
    line_count: int = 0

    @property
    def stem(self) -> str:
        return Path(self.src).stem

    @property
    def folder(self) -> str:
        """The page's folder relative to docs/ ('' at the top)."""
        parent = Path(self.src).parent.as_posix()
        return "" if parent == "." else parent

    def section(self, title: str) -> Section | None:
        for s in self.sections:
            if s.title == title:
                return s
        return None

    @property
    def page_type(self) -> str | None:
        """The front matter's ``type`` when it is a string, else None (an ordinary page)."""
        if self.meta is None:
            return None
        value = self.meta.get("type")
        return value.strip() if isinstance(value, str) else None


def _heading_title(raw: str | None) -> str:
    return _CLOSING_RE.sub("", raw or "").strip()


def split_sections(lines: list[str], first_line: int = 1) -> list[Section]:
    """H2 sections of ``lines`` (the body of a page; its first line is file line ``first_line``)."""
    sections: list[Section] = []
    fence: str | None = None
    current: Section | None = None
    for offset, line in enumerate(lines):
        number = first_line + offset
        match = _FENCE_RE.match(line)
        if match:
            mark = match.group(1)
            if fence is None:
                fence = mark[0] * len(mark)
            elif mark.startswith(fence) and not line.strip()[len(mark):].strip():
                fence = None
        elif fence is None:
            heading = H2_RE.match(line)
            if heading:
                if current is not None:
                    current.end = number - 1
                current = Section(_heading_title(heading.group("title")), number, number)
                sections.append(current)
                continue
        if current is not None:
            current.lines.append(line)
    if current is not None:
        current.end = first_line + len(lines) - 1
    return sections


def parse_page(text: str, src: str, shown: str) -> SourcePage:
    """Split ``text`` (a page's content) into front matter and sections.

    Raises InputError when the front matter of a page that declares a ``type``
    is not valid YAML or not a mapping (an ordinary page with broken front
    matter is MkDocs' business, not this checker's).
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    all_lines = text.split("\n")
    if all_lines and all_lines[-1] == "":
        all_lines.pop()
    page = SourcePage(src=src, shown=shown, text=text, line_count=len(all_lines))
    match = FRONT_MATTER_RE.match(text)
    if match:
        yaml_text = match.group(1)
        # One empty line in front keeps the YAML loader's line numbers equal to the file's.
        try:
            meta = load_yaml_text("\n" + yaml_text, shown)
        except InputError:
            if _TYPE_LINE_RE.search(yaml_text):
                raise
            meta = None
        if meta is not None and not isinstance(meta, YamlMap):
            if _TYPE_LINE_RE.search(yaml_text):
                raise InputError(
                    [Problem(shown, f"前置信息（开头两行 --- 之间）应当是「键: 值」的映射，这里是{type_name(meta)}", line=2)]
                )
            meta = None
        page.meta = meta
        page.body_line = text[: match.end()].count("\n") + 1
    body = all_lines[page.body_line - 1 :]
    page.sections = split_sections(body, page.body_line)
    return page


def read_page(path: str | Path, src: str, shown: str) -> SourcePage:
    """Read and parse one Markdown file (UTF-8, with or without BOM)."""
    return parse_page(read_utf8(path, shown, "Markdown 文件"), src, shown)
